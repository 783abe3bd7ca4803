"""One-word messages with two meanings carry a context (UX review m1): "Submitted" as a
workflow state and as a date column, and the several "Status", "Current" and "Open"."""

from __future__ import annotations

from flask_babel import force_locale

from models import WorkflowState
from web.labels import workflow_label


def render(app, lang: str, source: str, **values) -> str:
    with app.test_request_context(), force_locale(lang):
        return app.jinja_env.from_string(source).render(**values)


def test_submitted_state_and_submitted_date_differ_in_arabic(app):
    with app.test_request_context(), force_locale("ar"):
        state = str(workflow_label(WorkflowState.SUBMITTED))
    column = render(app, "ar", "{{ pgettext('date column', 'Submitted') }}")
    assert state == "مقدَّمة"
    assert column == "تاريخ التقديم"


def test_contexts_are_translated_in_every_language(app):
    source = ("{{ pgettext('date column', 'Submitted') }}|{{ pgettext('section', 'Status') }}|"
              "{{ pgettext('comment thread', 'Open') }}|{{ pgettext('submission', 'Current') }}")
    for lang in ("ar", "zh", "es", "fr", "ru"):
        rendered = render(app, lang, source).split("|")
        assert rendered != ["Submitted", "Status", "Open", "Current"], lang
        assert not set(rendered) & {"Submitted", "Status", "Open", "Current"}, (lang, rendered)
    assert render(app, "fr", "{{ _('%(state)s: overview', state='Kenya') }}") == \
        "Kenya\u00a0: vue d'ensemble"
