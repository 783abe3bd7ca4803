"""Form adapter of an attachment: a file input; the upload view stores the bytes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wtforms import FileField

from questionnaire.fields.attachment import allowed_types
from web.forms.fields.base import FormAdapter, adapts


@adapts("attachment")
class AttachmentForm(FormAdapter):
    def form_field(self, lang: str) -> Any:
        accept = ",".join(f".{extension}" for extension in allowed_types(self.question))
        largest = self.field_type.max_bytes()  # type: ignore[attr-defined]
        return FileField(
            self.label(lang), description=self.description(lang),
            # Checked in the browser before sending (the server checks again, by content).
            render_kw={"accept": accept, "data-max-bytes": largest},
        )

    def from_form(self, field_data: Any) -> Any:
        # File bytes go through the upload view; only an existing reference passes through.
        if isinstance(field_data, Mapping) and not self.field_type.check_value(field_data):
            return dict(field_data)
        return None

    def to_form_data(self, value: Any) -> Any:
        return None
