"""One State's questionnaire answers as a signed-document PDF.

Input is plain data (see ``render_submission_pdf``); the caller has already resolved
relevance, labels in the document language and the engine's display nodes.
"""

from __future__ import annotations

import re
from typing import Any

from exports.fetcher import SafeURLFetcher
from exports.i18n import check_lang, render_template, text_direction
from exports.pdf import render_pdf

TEMPLATE = "pdf/submission.html"
DISPLAY_KINDS = frozenset({"text", "list", "table", "empty"})
STATUS_CLASSES = {
    "answered": "answered",
    "unanswered": "unanswered",
    "not_applicable": "not-applicable",
}
SHA256_RE = re.compile(r"[0-9a-f]{64}")


class SubmissionDataError(ValueError):
    """The submission dict does not have the shape the template expects."""


def validate_submission(data: dict[str, Any]) -> None:
    """Fail early, with a useful message, on data the template would mis-render."""
    check_lang(data["lang"])
    expected_dir = text_direction(data["lang"])
    if data.get("dir", expected_dir) != expected_dir:
        raise SubmissionDataError(f"dir {data['dir']!r} does not match lang {data['lang']!r}")
    snapshot = data.get("snapshot")
    if snapshot is not None and not SHA256_RE.fullmatch(snapshot["sha256"]):
        raise SubmissionDataError("snapshot sha256 must be 64 lowercase hex digits")
    for section in data["sections"]:
        for question in section["questions"]:
            status = question["status"]
            if status not in STATUS_CLASSES:
                raise SubmissionDataError(f"{question['key']}: unknown status {status!r}")
            if status == "answered" and question["display"]["kind"] not in DISPLAY_KINDS:
                kind = question["display"]["kind"]
                raise SubmissionDataError(f"{question['key']}: unknown display kind {kind!r}")


def submission_html(data: dict[str, Any]) -> str:
    """The HTML the PDF is rendered from (exposed for benchmarks and debugging)."""
    validate_submission(data)
    return render_template(TEMPLATE, data["lang"], {**data, "status_classes": STATUS_CLASSES})


def submission_metadata(data: dict[str, Any]) -> dict[str, Any]:
    questionnaire = data["questionnaire"]
    return {
        "title": f"{data['state']['name']} · {data['cycle']['name']} · {questionnaire['title']}",
        "author": data.get("certified_by") or data["state"]["name"],
        "subject": f"{questionnaire['title']} ({questionnaire['id']} v{questionnaire['version']})",
        "keywords": [data["state"]["iso3"], questionnaire["id"], data["cycle"]["name"]],
    }


def render_submission_pdf(data: dict[str, Any], *, fetcher: SafeURLFetcher | None = None) -> bytes:
    """PDF bytes for one submission (or draft) of one State.

    ``fetcher`` is for callers that want to inspect what the renderer tried to load.
    """
    return render_pdf(
        submission_html(data),
        lang=data["lang"],
        fetcher=fetcher,
        metadata=submission_metadata(data),
    )
