"""The submission PDF names a workflow state as the pages do, in every language."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from exports.i18n import load_translations
from questionnaire import LANGUAGES
from questionnaire.workflow import WorkflowState
from questionnaire.workflow_names import WORKFLOW_STATE_MESSAGES, workflow_state_name
from web.labels import workflow_label


def test_every_state_has_a_name():
    assert set(WORKFLOW_STATE_MESSAGES) == {state.value for state in WorkflowState}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_and_pages_give_the_same_name(app, lang):
    catalog = load_translations(lang)
    with app.test_request_context(), force_locale(lang):
        for state in WorkflowState:
            assert workflow_state_name(state.value, catalog) == workflow_label(state), (
                lang, state)
    if lang != "en":  # translated, not the English text passed through
        assert workflow_state_name("returned", catalog) != "Returned for changes"
