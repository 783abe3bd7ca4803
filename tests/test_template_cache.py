"""Compiled templates are shared by the apps of one process, and only where they compile alike."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from web.template_cache import COMPILED_TEMPLATES, SharedBytecodeCache


def _compiles_while(app, path: str) -> list[str]:
    compiled: list[str] = []
    environment = app.jinja_env
    original = environment.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(source, name, filename, *args, **kwargs)

    environment.compile = counting
    try:
        assert app.test_client().get(path).status_code == 200
    finally:
        del environment.compile
    return compiled


def test_a_second_app_renders_a_page_without_compiling_its_templates(make_app):
    first, second = make_app(), make_app()
    assert first.jinja_env.bytecode_cache is COMPILED_TEMPLATES
    COMPILED_TEMPLATES.clear()
    assert "auth/sign_in.html" in _compiles_while(first, "/sign-in")
    assert _compiles_while(second, "/sign-in") == []


def test_settings_that_change_compiled_code_keep_entries_apart():
    cache = SharedBytecodeCache()
    source = "{% if x %}\n  yes\n{% endif %}"
    loader = DictLoader({"page.txt": source})
    plain = Environment(loader=loader, bytecode_cache=cache, autoescape=True)
    trimmed = Environment(loader=loader, bytecode_cache=cache, autoescape=True, trim_blocks=True)
    assert plain.get_template("page.txt").render(x=True) == "\n  yes\n"
    assert trimmed.get_template("page.txt").render(x=True) == "  yes\n"
    assert len(cache) == 2


def test_an_edited_template_is_compiled_again():
    cache = SharedBytecodeCache()
    templates = {"page.txt": "old {{ x }}"}
    first = Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=True)
    assert first.get_template("page.txt").render(x=1) == "old 1"
    templates["page.txt"] = "new {{ x }}"
    second = Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=True)
    assert second.get_template("page.txt").render(x=1) == "new 1"
