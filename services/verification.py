"""Anyone may check a submission PDF, or a SHA-256, against the snapshots on record.

``verify_pdf`` reads the file in a child process with a time limit (``exports.pdf_check``) and
answers two questions: is the seal valid, and by which seal; does the document match a snapshot
on record (which one), match nothing, or was it altered after sealing. ``verify_hash`` answers
the second for a SHA-256. Nothing is stored, and nothing is disclosed beyond what the file or
the hash already says: the State, the cycle and the snapshot's number and date.
Messages are English, marked for translation (``questionnaire.i18n``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from exports.pdf import RenderError, RenderTimeout, call_with_timeout
from exports.pdf_check import (
    MAX_EMBEDDED_BYTES,
    MAX_PDF_BYTES,
    PdfFacts,
    inspect_pdf,
)
from exports.seal import Seal
from models import Cycle, Response, Submission, db
from questionnaire.i18n import Message, _
from questionnaire.l10n import cycle_name, format_datetime

SHA256_RE = re.compile(r"[0-9a-f]{64}")
#: Longest time one PDF may take to read.
VERIFY_TIMEOUT_S = 20


def refusal_message(code: str) -> Message:
    """One line for each refusal code of ``exports.pdf_check``."""
    messages = {
        "too_large": _("The file is larger than %(mb)s MB, so it was not checked.",
                       mb=MAX_PDF_BYTES // (1024 * 1024)),
        "not_pdf": _("The file is not a PDF."),
        "truncated": _("The PDF is incomplete: the file was cut short."),
        "damaged": _("The PDF is damaged and cannot be read."),
        "encrypted": _("The PDF is encrypted; EnvSAQ never encrypts its documents, so it was "
                       "not checked."),
        "javascript": _("The PDF contains JavaScript; EnvSAQ never puts any in its documents, "
                        "so it was not checked."),
        "embedded_too_large": _("The PDF's embedded data is larger than %(mb)s MB, so it was "
                                "not checked.", mb=MAX_EMBEDDED_BYTES // (1024 * 1024)),
        "timeout": _("Reading the PDF took too long, so it was stopped."),
    }
    return messages.get(code, messages["damaged"])


@dataclass(frozen=True)
class SnapshotRecord:
    """What the record says about a snapshot: no answers, only what its cover shows."""

    iso3: str
    state: str
    cycle: str
    number: int
    created_at: datetime
    superseded: bool


@dataclass
class Verdict:
    """The answer. ``seal``: ``valid`` (ours), ``other`` (sound, another seal), ``altered``,
    ``added``, ``none``; None when only a hash was checked. ``record``: the snapshot matched,
    if any; ``data``: ``match``, ``no_match``, ``mismatch`` (the embedded answers do not hash
    to what the document claims), ``none`` (no EnvSAQ data)."""

    refused: Message | None = None
    seal: str | None = None
    seal_name: str | None = None
    data: str | None = None
    record: SnapshotRecord | None = None
    lines: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Valid with this installation's seal, and a snapshot on record."""
        return self.refused is None and self.seal == "valid" and self.record is not None


def find_snapshot(sha256: str, lang: str = "en") -> SnapshotRecord | None:
    row = db.session.execute(
        select(Submission, Response, Cycle)
        .join(Response, Submission.response_id == Response.id)
        .join(Cycle, Response.cycle_id == Cycle.id)
        .where(Submission.sha256 == sha256)
        .order_by(Submission.id)).first()
    if row is None:
        return None
    submission, response, cycle = row
    return SnapshotRecord(iso3=response.state_iso3, state=response.state.name(lang),
                          cycle=cycle_name(cycle.name, lang), number=submission.number,
                          created_at=submission.created_at,
                          superseded=submission.superseded_at is not None)


def verify_hash(text: str, lang: str = "en") -> Verdict:
    sha256 = (text or "").strip().lower()
    if not SHA256_RE.fullmatch(sha256):
        return Verdict(refused=_("A SHA-256 is 64 hexadecimal digits (0-9, a-f)."))
    verdict = Verdict(record=find_snapshot(sha256, lang))
    verdict.data = "match" if verdict.record else "no_match"
    verdict.lines = [_record_line(verdict.record, lang)]
    return verdict


def read_pdf(data: bytes, trusted_der: bytes | None = None, *, with_seal: bool = True,
             timeout_s: float | None = None) -> PdfFacts:
    """What an uploaded PDF holds (:func:`exports.pdf_check.inspect_pdf`), read in a child
    process killed after ``timeout_s`` (default :data:`VERIFY_TIMEOUT_S`): a hostile file
    costs one child at most, never the web worker."""
    try:
        return call_with_timeout(inspect_pdf, data, trusted_der, with_seal=with_seal,
                                 timeout_s=VERIFY_TIMEOUT_S if timeout_s is None else timeout_s)
    except RenderTimeout:
        return PdfFacts(refused="timeout")
    except RenderError:
        return PdfFacts(refused="damaged")


def verify_pdf(data: bytes, seal: Seal, lang: str = "en", *,
               timeout_s: float | None = None) -> Verdict:
    """Check the seal and the embedded snapshot of ``data`` against ``seal`` and the record."""
    facts = read_pdf(data, seal.certificate.public_bytes(Encoding.DER), timeout_s=timeout_s)
    if facts.refused:
        return Verdict(refused=refusal_message(facts.refused))
    verdict = Verdict(seal=_seal_state(facts, seal), seal_name=facts.signer_name)
    verdict.lines.append(_seal_line(verdict))
    if facts.payload_sha256 is None:
        verdict.data = "none"
        verdict.lines.append(_("The document holds no EnvSAQ submission data."))
    elif facts.claimed_sha256 and facts.claimed_sha256 != facts.payload_sha256:
        verdict.data = "mismatch"
        verdict.lines.append(_("Altered after sealing: the embedded answers do not match the "
                               "document's SHA-256."))
    else:
        verdict.record = find_snapshot(facts.payload_sha256, lang)
        verdict.data = "match" if verdict.record else "no_match"
        verdict.lines.append(_record_line(verdict.record, lang))
    return verdict


def _seal_state(facts: PdfFacts, seal: Seal) -> str:
    if facts.seal is None:
        return "none"
    if facts.seal == "valid":
        return "valid" if facts.signer_fingerprint == seal.fingerprint else "other"
    return facts.seal


def _seal_line(verdict: Verdict) -> Message:
    name = verdict.seal_name or "?"
    if verdict.seal == "valid":
        return _("The seal is valid: sealed by “%(seal)s”, this installation's seal.", seal=name)
    if verdict.seal == "other":
        return _("The seal is intact but it is not this installation's: sealed by “%(seal)s” "
                 "(another installation, or a seal no longer in use here).", seal=name)
    if verdict.seal == "altered":
        return _("Altered after sealing: the document no longer matches its seal.")
    if verdict.seal == "added":
        return _("Changed after sealing: content was added to the document after its seal.")
    return _("Not sealed: the document carries no seal (drafts are never sealed).")


def _record_line(record: SnapshotRecord | None, lang: str) -> Message:
    if record is None:
        return _("It matches no submission snapshot on record here.")
    line = _("It matches snapshot %(number)s of %(state)s for %(cycle)s, made on %(date)s.",
             number=record.number, state=record.state, cycle=record.cycle,
             date=format_datetime(record.created_at, lang))
    if record.superseded:
        return _("%(line)s A later snapshot has replaced it.", line=line)
    return line
