"""One State's questionnaire answers as a signed-document PDF.

Input is plain data (see ``render_submission_pdf``); the caller has already resolved
relevance, labels in the document language and the engine's display nodes.
"""

from __future__ import annotations

import re
from typing import Any

from exports.archive import snapshot_attachment, snapshot_json, snapshot_xmp
from exports.fetcher import SafeURLFetcher
from exports.i18n import check_lang, render_template, text_direction
from exports.pdf import DRAFT_OPTIONS, SNAPSHOT_OPTIONS, call_with_timeout, render_pdf
from exports.seal import Seal, seal_pdf

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
        if not isinstance(section.get("number"), int):
            raise SubmissionDataError(f"section {section['key']}: no number")
        for question in section["questions"]:
            if not isinstance(question.get("number"), str) or not question["number"]:
                raise SubmissionDataError(f"{question['key']}: no question number")
            status = question["status"]
            if status not in STATUS_CLASSES:
                raise SubmissionDataError(f"{question['key']}: unknown status {status!r}")
            if status == "answered" and question["display"]["kind"] not in DISPLAY_KINDS:
                kind = question["display"]["kind"]
                raise SubmissionDataError(f"{question['key']}: unknown display kind {kind!r}")


def submission_html(data: dict[str, Any], *, sealed: bool = False) -> str:
    """The HTML the PDF is rendered from (exposed for benchmarks and debugging); ``sealed``
    says on the cover that the document carries the installation's seal."""
    validate_submission(data)
    return render_template(TEMPLATE, data["lang"], {**data, "status_classes": STATUS_CLASSES,
                                                    "sealed": sealed})


def submission_metadata(data: dict[str, Any]) -> dict[str, Any]:
    questionnaire = data["questionnaire"]
    return {
        "title": f"{data['state']['name']} · {data['cycle']['name']} · {questionnaire['title']}",
        "author": data.get("certified_by") or data["state"]["name"],
        "subject": f"{questionnaire['title']} ({questionnaire['id']} v{questionnaire['version']})",
        "keywords": [data["state"]["iso3"], questionnaire["id"], data["cycle"]["name"]],
    }


def render_submission_pdf(data: dict[str, Any], *, fetcher: SafeURLFetcher | None = None,
                          seal: Seal | None = None) -> bytes:
    """PDF bytes for one submission (or draft) of one State.

    A snapshot (``data["snapshot"]`` set) is PDF/A-3b with its answers embedded and its facts
    in XMP (``exports.archive``), then sealed with ``seal`` when one is given. A draft is
    never sealed, whatever ``seal`` is. ``fetcher`` is for callers that want to inspect what
    the renderer tried to load.
    """
    snapshot = data.get("snapshot")
    if data.get("is_draft") or snapshot is None:
        return render_pdf(submission_html(data), lang=data["lang"], fetcher=fetcher,
                          metadata=submission_metadata(data), options=DRAFT_OPTIONS)
    payload = snapshot_json(data)
    pdf = render_pdf(
        submission_html(data, sealed=seal is not None),
        lang=data["lang"],
        fetcher=fetcher,
        metadata=submission_metadata(data),
        options=SNAPSHOT_OPTIONS,
        attachments=[snapshot_attachment(payload, snapshot["created_at"])],
        xmp=snapshot_xmp(data),
    )
    return seal_pdf(pdf, seal) if seal is not None else pdf


def render_submission_pdf_with_timeout(data: dict[str, Any], *, timeout_s: float = 60,
                                       seal: Seal | None = None) -> bytes:
    """``render_submission_pdf`` in a child process killed after ``timeout_s`` seconds
    (``exports.pdf.RenderTimeout``)."""
    return call_with_timeout(render_submission_pdf, data, timeout_s=timeout_s, seal=seal)
