"""Attachments: type checked by content, size limited, stored under generated names."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import current_app, g, request
from flask_babel import gettext as _

from models import Answer, Attachment, Response, db
from questionnaire.definition import Section
from questionnaire.fields.base import field_name, field_type_for

#: Leading bytes of each accepted type (checked on the content, never on the name).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}
#: The member a ZIP-based office file must contain to be that type.
ZIP_MARKERS = {"docx": b"word/", "xlsx": b"xl/", "odt": b"application/vnd.oasis.opendocument.text"}


class UploadRefused(Exception):
    pass


def storage_dir() -> Path:
    path = Path(current_app.config["INSTANCE_PATH"]) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def detect_type(head: bytes, allowed: Mapping[str, str]) -> str | None:
    """The allowed extension whose signature the content carries, or None."""
    for extension in allowed:
        signatures = SIGNATURES.get(extension, ())
        if not any(head.startswith(sig) for sig in signatures):
            continue
        marker = ZIP_MARKERS.get(extension)
        if marker is not None and marker not in head:
            continue
        return extension
    return None


def store_upload(response_id: int, question, upload) -> Attachment:
    field_type = field_type_for(question)
    allowed = field_type.allowed_types()
    limit = field_type.max_bytes()
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(_("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)))
    if not data:
        raise UploadRefused(_("The file is empty."))
    extension = detect_type(data[:65536] if not data.startswith(b"PK") else data, allowed)
    if extension is None:
        raise UploadRefused(_("This type of file is not accepted here. Accepted: %(types)s.",
                              types=", ".join(allowed)))
    from services.attachments import state_usage
    from web.workspace.attachment_files import quota_bytes

    iso3 = db.session.get(Response, response_id).state_iso3
    if state_usage(iso3) + len(data) > quota_bytes():
        raise UploadRefused(_("The files of this State have reached their storage limit of "
                              "%(mb)s MB. Remove files that are no longer needed first.",
                              mb=quota_bytes() // (1024 * 1024)))
    identifier = secrets.token_hex(16)
    (storage_dir() / identifier).write_bytes(data)
    name = Path(upload.filename or "file").name[:200] or "file"
    attachment = Attachment(
        id=identifier, response_id=response_id, question_key=question.key, filename=name,
        content_type=allowed[extension], size=len(data),
        sha256=hashlib.sha256(data).hexdigest())
    db.session.add(attachment)
    return attachment


def apply_uploads(workspace, section: Section, answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Changes for attachment questions: a new file, or a removal (the remove box)."""
    changes: dict[str, tuple[Any, int]] = {}
    for question in section.questions:
        if not getattr(field_type_for(question), "stored_by_upload", False):
            continue
        name = field_name(question.key)
        current = answers.get(question.key)
        version = current.version if current else 0
        upload = request.files.get(name)
        if upload is not None and upload.filename:
            try:
                attachment = store_upload(workspace.response.id, question, upload)
            except UploadRefused as refused:
                g.setdefault("upload_errors", {})[question.key] = str(refused)
                continue
            changes[question.key] = ({
                "id": attachment.id, "filename": attachment.filename, "size": attachment.size,
                "content_type": attachment.content_type}, version)
        elif request.form.get(f"{name}__remove") == "yes" and current is not None:
            changes[question.key] = (None, version)
    return changes


def upload_errors() -> dict[str, str]:
    """Files refused during this request, by question key (the answer keeps its old file)."""
    return dict(g.get("upload_errors", {}))
