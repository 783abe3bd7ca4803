"""A file attached to an answer; the upload view stores the bytes and saves the reference."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from questionnaire.definition import Question
from questionnaire.fields.base import FieldType, empty_node, format_number, register, text_node
from questionnaire.fields.examples import ExampleContext
from questionnaire.i18n import _

CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
"""Accepted file kinds (the `accept` setting) and their media types."""
EXTENSIONS: dict[str, tuple[str, ...]] = {"jpeg": ("jpeg", "jpg")}
DEFAULT_MAX_MB = 10
MAX_MB_LIMIT = 50
REFERENCE_KEYS = frozenset({"id", "filename", "size", "content_type"})


def allowed_types(question: Question) -> dict[str, str]:
    """File extension -> media type accepted by `question`."""
    accept = question.settings.get("accept") or tuple(CONTENT_TYPES)
    allowed = {}
    for kind in accept:
        if kind in CONTENT_TYPES:
            for extension in EXTENSIONS.get(kind, (kind,)):
                allowed[extension] = CONTENT_TYPES[kind]
    return allowed


def max_bytes(question: Question) -> int:
    """Largest file accepted by `question`, in bytes."""
    max_mb = question.settings.get("max_mb", DEFAULT_MAX_MB)
    if not isinstance(max_mb, int | float) or isinstance(max_mb, bool):
        max_mb = DEFAULT_MAX_MB
    return int(max_mb * 1024 * 1024)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


@register("attachment")
class AttachmentType(FieldType):
    settings_keys = frozenset({"accept", "max_mb"})
    stored_by_upload = True
    """The web layer saves this answer through the upload view, not from the form."""

    def allowed_types(self, question: Question | None = None) -> dict[str, str]:
        return allowed_types(question or self.question)

    def max_bytes(self, question: Question | None = None) -> int:
        return max_bytes(question or self.question)

    def check_type_settings(self, question: Question) -> list[str]:
        problems = []
        accept = question.settings.get("accept", tuple(CONTENT_TYPES))
        if not isinstance(accept, tuple | list) or not accept:
            problems.append("setting 'accept' must be a non-empty list of file kinds")
        else:
            problems.extend(
                f"setting 'accept' names unknown file kind {kind!r} "
                f"(known: {', '.join(CONTENT_TYPES)})"
                for kind in accept
                if kind not in CONTENT_TYPES
            )
        max_mb = question.settings.get("max_mb", DEFAULT_MAX_MB)
        if not isinstance(max_mb, int) or isinstance(max_mb, bool) or not (
            1 <= max_mb <= MAX_MB_LIMIT
        ):
            problems.append(f"setting 'max_mb' must be a whole number from 1 to {MAX_MB_LIMIT}")
        return problems

    def example(self, rng: random.Random | ExampleContext) -> Any:
        return None  # files come through the upload view, never from example data

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, Mapping) or set(value) != REFERENCE_KEYS:
            return [_("The attachment has an invalid structure.")]
        file_id, filename = value["id"], value["filename"]
        size, content_type = value["size"], value["content_type"]
        if not isinstance(file_id, str) or not 0 < len(file_id) <= 100:
            return [_("The attachment has an invalid structure.")]
        if (
            not isinstance(filename, str) or not 0 < len(filename) <= 255
            or "/" in filename or "\\" in filename or "\x00" in filename
        ):
            return [_("The file name is not valid.")]
        allowed = self.allowed_types()
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension not in allowed or content_type != allowed[extension]:
            return [_("This kind of file is not accepted here.")]
        if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= self.max_bytes():
            return [_("The file is empty or larger than %(mb)s MB.",
                      mb=format_number(self.max_bytes() / (1024 * 1024)))]
        return []

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value):
            return empty_node()
        if self.check_value(value):
            return text_node(str(value))
        return text_node(f"{value['filename']} ({human_size(value['size'])})")
