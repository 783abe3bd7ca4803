"""WTForms fields whose inputs write their HTML attributes in one pass.

WTForms' ``html_params`` formats every attribute through ``Markup.format``, a pure-Python
string formatter; on the largest section (about 300 inputs, 1,200 attributes) that was half of
the page's rendering time (docs/benchmarks.md, "Autosave"). These classes keep WTForms'
names (the templates dispatch on ``field.type``) and give byte-for-byte the same HTML
(tests/questionnaire/test_questionnaire_inputs.py compares them).
"""

from __future__ import annotations

import wtforms
from markupsafe import Markup, escape
from wtforms.widgets import core


def html_attributes(**attributes: object) -> Markup:
    """``html_params`` of WTForms, written with ``escape`` alone: sorted by name, ``class_``
    and ``for_`` without their underscore, ``data_``/``aria_`` names with hyphens, ``True``
    as a bare attribute, ``False`` left out."""
    parts = []
    for name, value in sorted(attributes.items()):
        if value is False:
            continue
        name = core.clean_key(name)
        parts.append(name if value is True else f'{name}="{escape(value)}"')
    return Markup(" ".join(parts))  # noqa: S704 (values escaped above; names come from code)


class TextInput(core.TextInput):
    html_params = staticmethod(html_attributes)


class RadioInput(core.RadioInput):
    html_params = staticmethod(html_attributes)


class CheckboxInput(core.CheckboxInput):
    html_params = staticmethod(html_attributes)


class StringField(wtforms.StringField):
    widget = TextInput()


class RadioField(wtforms.RadioField):
    option_widget = RadioInput()


class SelectMultipleField(wtforms.SelectMultipleField):
    """Multiple choices as a list of checkboxes (the questionnaire never uses a multi-select
    box: it hides most options)."""

    widget = core.ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
