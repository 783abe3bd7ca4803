"""Form adapter of a maximum penalty: kind, years, months and fine in one sub-form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from wtforms import Form, FormField

from questionnaire.fields.penalty import MAX_FINE_LENGTH, kind_pairs
from questionnaire.vocabulary import term
from web.forms.fields.base import FormAdapter, adapts, make_form, select_choices
from web.forms.fields.inputs import RadioField, StringField

_DIGITS_RE = re.compile(r"\d{1,4}")
_TERM_ONLY = {"inputmode": "numeric", "data-applies-if": "kind=term"}


@lru_cache(maxsize=16)
def penalty_form(lang: str) -> type[Form]:
    """The sub-form of a penalty, labelled in `lang`."""
    return make_form("PenaltyForm", {
        "kind": RadioField(
            term(lang, "penalty_kind"), choices=select_choices(kind_pairs(lang)),
            validate_choice=False,
        ),
        # The page's script enables years and months only for a term of imprisonment.
        "years": StringField(term(lang, "years"), render_kw=_TERM_ONLY),
        "months": StringField(term(lang, "months"), render_kw=_TERM_ONLY),
        "fine": StringField(term(lang, "fine"), render_kw={"maxlength": MAX_FINE_LENGTH}),
    })


def _number_or_text(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    text = text.strip()
    if not text:
        return None
    return int(text) if _DIGITS_RE.fullmatch(text) else text


@adapts("penalty")
class PenaltyForm(FormAdapter):
    def form_field(self, lang: str) -> Any:
        return FormField(penalty_form(lang), self.label(lang), description=self.description(lang))

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, Mapping):
            return None
        kind = field_data.get("kind")
        kind = kind if isinstance(kind, str) and kind not in ("", "None") else None
        value: dict[str, Any] = {}
        if kind:
            value["kind"] = kind
        # Kept whatever the kind, so that validation says where they do not belong (the
        # page's script disables them unless the kind is a term).
        for part in ("years", "months"):
            number = _number_or_text(field_data.get(part))
            if number is not None:
                value[part] = number
        fine = field_data.get("fine")
        if isinstance(fine, str) and fine.strip():
            value["fine"] = fine.strip()
        return value or None

    def to_form_data(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return {}
        return {
            "kind": value.get("kind"),
            "years": "" if value.get("years") is None else str(value["years"]),
            "months": "" if value.get("months") is None else str(value["months"]),
            "fine": value.get("fine") or "",
        }
