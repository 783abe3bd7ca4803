"""Apps of one test process share their rules' URL builders, and the builders are the ones
Werkzeug compiles (tests/route_builders.py)."""

from __future__ import annotations

from flask import url_for

from tests.route_builders import compile_uncached


def _rules(app):
    return {(rule.rule, rule.endpoint): rule for rule in app.url_map.iter_rules()}


def test_a_second_app_reuses_the_first_apps_builders(make_app):
    first, second = make_app(), make_app(schema=False)
    firsts, seconds = _rules(first), _rules(second)
    assert firsts.keys() == seconds.keys() and len(firsts) > 50
    shared = [key for key in firsts
              if firsts[key]._build_unknown.__func__ is seconds[key]._build_unknown.__func__]
    assert len(shared) >= len(firsts) - 2  # all but a rule whose defaults fill a variable


def test_each_builder_is_the_code_werkzeug_compiles(make_app):
    for rule in make_app().url_map.iter_rules():
        for append_unknown, bound in ((False, rule._build), (True, rule._build_unknown)):
            ours = bound.__func__.__code__
            werkzeugs = compile_uncached(rule, append_unknown).__code__
            assert (ours.co_code, ours.co_consts, ours.co_varnames, ours.co_name) == \
                (werkzeugs.co_code, werkzeugs.co_consts, werkzeugs.co_varnames, werkzeugs.co_name)


def test_urls_are_built_as_before(make_app):
    app = make_app()
    with app.test_request_context():
        assert url_for("auth.sign_in", next="/a b") == "/sign-in?next=/a+b"
        assert url_for("admin.user_detail", user_id=7) == "/admin/users/7"
        assert url_for("auth.reset_password", token="a/b c") == "/password/reset/a/b%20c"
        assert url_for("static", filename="app.css", v=2) == "/static/app.css?v=2"
