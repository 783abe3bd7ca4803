"""Reading a PDF someone hands us: its seal, and the snapshot data embedded in it.

Pure and defensive: the bytes may be anything. ``inspect_pdf`` never raises for bad input; it
returns ``PdfFacts`` with ``refused`` set to a reason code (``REFUSALS``). Nothing here is
stored. Run it through ``exports.pdf.call_with_timeout`` to bound its time as well.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from exports.archive import ATTACHMENT_NAME, XMP_NAMESPACE
from exports.seal import FIELD_NAME, outside_event_loop

log = logging.getLogger(__name__)

#: Largest PDF we read, and largest embedded snapshot JSON we decompress.
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_EMBEDDED_BYTES = 5 * 1024 * 1024
REFUSALS = ("too_large", "not_pdf", "truncated", "damaged", "encrypted", "javascript",
            "embedded_too_large")


@dataclass(frozen=True)
class PdfFacts:
    """What a PDF holds. ``seal``: ``None`` (no seal), ``"valid"``, ``"altered"`` (the
    signed bytes changed), ``"added"`` (content appended after sealing)."""

    refused: str | None = None
    seal: str | None = None
    signer_fingerprint: str | None = None
    signer_name: str | None = None
    signed_at: datetime | None = None
    #: The embedded snapshot JSON and its SHA-256; the SHA-256 the XMP claims.
    payload: bytes | None = None
    payload_sha256: str | None = None
    claimed_sha256: str | None = None


def inspect_pdf(data: bytes, trusted_certificate_der: bytes | None = None, *,
                with_seal: bool = True) -> PdfFacts:
    """The seal (unless ``with_seal`` is False) and embedded snapshot of ``data``, or a
    refusal."""
    refused = _precheck(data)
    if refused:
        return PdfFacts(refused=refused)
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return PdfFacts(refused="encrypted")
    except (pikepdf.PdfError, ValueError, RecursionError):
        return PdfFacts(refused="damaged")
    with pdf:
        if pdf.is_encrypted:
            return PdfFacts(refused="encrypted")
        try:
            if _has_javascript(pdf):
                return PdfFacts(refused="javascript")
            payload = _embedded_payload(pdf)
            claimed = _claimed_sha256(pdf)
        except _TooLarge:
            return PdfFacts(refused="embedded_too_large")
        except (pikepdf.PdfError, ValueError, RecursionError, zlib.error):
            return PdfFacts(refused="damaged")
    seal = _seal_facts(data, trusted_certificate_der) if with_seal else {}
    return PdfFacts(
        payload=payload, claimed_sha256=claimed,
        payload_sha256=hashlib.sha256(payload).hexdigest() if payload is not None else None,
        **seal)


def _precheck(data: bytes) -> str | None:
    if len(data) > MAX_PDF_BYTES:
        return "too_large"
    if b"%PDF-" not in data[:1024]:
        return "not_pdf"
    if b"%%EOF" not in data[-1024:]:
        return "truncated"
    return None


class _TooLarge(ValueError):
    pass


def _has_javascript(pdf: Any) -> bool:
    """Any JavaScript action or name tree, anywhere in the file (we never write one): every
    object, with the dictionaries and arrays written inside it."""
    import pikepdf

    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        return True
    return any(_javascript_in(item, 0) for item in [pdf.trailer, *pdf.objects])


def _javascript_in(item: Any, depth: int) -> bool:
    import pikepdf

    if depth > 32:
        return False
    if isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
        if "/JS" in item or item.get("/S") == pikepdf.Name.JavaScript:
            return True
        values = [item.get(key) for key in item.keys()]  # noqa: SIM118 (pikepdf objects)
    elif isinstance(item, pikepdf.Array):
        values = list(item)
    else:
        return False
    # Indirect objects are visited on their own; numbers and names come back as Python values.
    return any(_javascript_in(value, depth + 1) for value in values
               if isinstance(value, pikepdf.Object) and not value.is_indirect)


def _embedded_payload(pdf: Any) -> bytes | None:
    """The bytes of our associated file, decompressed within ``MAX_EMBEDDED_BYTES``."""
    import pikepdf

    for spec in pdf.Root.get("/AF", []):
        if not isinstance(spec, pikepdf.Dictionary) or spec.get("/AFRelationship") != \
                pikepdf.Name.Data:
            continue
        if str(spec.get("/UF", spec.get("/F", ""))) != ATTACHMENT_NAME:
            continue
        files = spec.get("/EF")
        stream = files.get("/F") if isinstance(files, pikepdf.Dictionary) else None
        if not isinstance(stream, pikepdf.Stream):
            return None
        return _bounded_bytes(stream)
    return None


def _bounded_bytes(stream: Any) -> bytes:
    import pikepdf

    raw = stream.read_raw_bytes()
    if len(raw) > MAX_EMBEDDED_BYTES:
        raise _TooLarge
    filters = stream.get("/Filter")
    if filters is None:
        return bytes(raw)
    if filters != pikepdf.Name.FlateDecode:
        raise ValueError("unexpected filter")
    inflater = zlib.decompressobj()
    payload = inflater.decompress(raw, MAX_EMBEDDED_BYTES + 1)
    if len(payload) > MAX_EMBEDDED_BYTES or inflater.unconsumed_tail:
        raise _TooLarge
    return payload


def _claimed_sha256(pdf: Any) -> str | None:
    if "/Metadata" not in pdf.Root:
        return None
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    value = meta.get(f"{{{XMP_NAMESPACE}}}SHA256")
    return str(value) if value else None


def _seal_facts(data: bytes, trusted_der: bytes | None) -> dict[str, Any]:
    """``seal`` and the signer of our seal field (or the only signature there is)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as error:  # pyHanko raises many kinds on hostile files
        log.info("signatures unreadable: %s", error)
        return {"seal": "altered"}
    if not signatures:
        return {}
    ours = [s for s in signatures if s.field_name == FIELD_NAME] or signatures[:1]
    signature = ours[0]
    roots = []
    if trusted_der is not None:
        from asn1crypto import x509 as asn1_x509

        roots = [asn1_x509.Certificate.load(trusted_der)]
    quiet = logging.getLogger("pyhanko")
    level, quiet.level = quiet.level, logging.CRITICAL  # an unknown seal is an answer here
    try:
        # Without the difference analysis: any revision after the seal is "added" here
        # whatever it changed (the coverage says so), and analysing a forged file's changes
        # object by object took most of the check's time limit.
        status = outside_event_loop(
            validate_pdf_signature, signature,
            ValidationContext(trust_roots=roots, allow_fetching=False), skip_diff=True)
    except Exception as error:  # a broken signature is an altered document, not a crash
        log.info("signature not validated: %s", error)
        return {"seal": "altered"}
    finally:
        quiet.level = level
    facts: dict[str, Any] = {
        "signer_fingerprint": status.signing_cert.sha256.hex(),
        "signer_name": status.signing_cert.subject.human_friendly,
        "signed_at": status.signer_reported_dt,
    }
    if not (status.intact and status.valid):
        return {**facts, "seal": "altered"}
    whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    if not whole or len(signatures) > 1:
        return {**facts, "seal": "added"}
    return {**facts, "seal": "valid"}
