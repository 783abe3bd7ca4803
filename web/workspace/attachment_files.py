"""Stored files as the web serves them: download names and the storage quota.

Which files a response still refers to (and so serves, keeps or prunes) is
``services/attachments.py``.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from models import Attachment

#: The extension a download gets, from the type its content was checked to be.
EXTENSION_OF_TYPE = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def download_name(attachment: Attachment) -> str:
    """The uploader's name with the extension of the checked type (``evil.html`` -> ``.pdf``)."""
    stem = Path(attachment.filename or "file").stem or "file"
    return f"{stem}.{EXTENSION_OF_TYPE.get(attachment.content_type, 'bin')}"


def quota_bytes() -> int:
    return current_app.config["UPLOAD_QUOTA_MB_PER_STATE"] * 1024 * 1024
