"""The names of the workflow states for documents rendered outside a request (the submission
PDF), translated through the compiled catalogs.

The pages name the states through ``web/labels.py``, whose lazy markers are what Babel extracts;
these are the same messages (context and text), and a test checks that both give the same name
in every language.
"""

from __future__ import annotations

from gettext import NullTranslations

#: ``WorkflowState.value`` -> (message context or None, message).
WORKFLOW_STATE_MESSAGES: dict[str, tuple[str | None, str]] = {
    "not_started": (None, "Not started"),
    "in_progress": (None, "In progress"),
    "submitted": ("workflow state", "Submitted"),
    "under_review": (None, "Under review"),
    "returned": (None, "Returned for changes"),
    "accepted": (None, "Accepted"),
}


def workflow_state_name(state: str, catalog: NullTranslations) -> str:
    """The name of the workflow state ``state`` (its value) in ``catalog``'s language."""
    context, message = WORKFLOW_STATE_MESSAGES[state]
    return catalog.pgettext(context, message) if context else catalog.gettext(message)
