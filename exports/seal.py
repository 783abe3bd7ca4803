"""The installation's seal: a PAdES signature on every snapshot PDF (pyHanko).

A ``Seal`` is plain, picklable data (the PKCS#12 bytes, their password, an optional
time-stamping authority), so a render in a child process or a job worker can seal too. On the
embedded default the seal is a self-signed certificate made on first start
(``ensure_self_signed``); in production it is the operator's PKCS#12 file.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

#: Name of the signature field every sealed snapshot carries.
FIELD_NAME = "EnvSAQ-Seal"
REASON = "Submission snapshot sealed by EnvSAQ"
SELF_SIGNED_FILE = "seal.p12"
SELF_SIGNED_YEARS = 10


_P = ParamSpec("_P")
_R = TypeVar("_R")


def outside_event_loop(function: Callable[_P, _R], *args: _P.args, **kwargs: _P.kwargs) -> _R:
    """Call ``function``, which runs its own asyncio loop (pyHanko's signing and validation do),
    in a thread of its own when this thread already runs a loop, where ``asyncio.run`` refuses
    (an ASGI server, a Playwright session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


class SealError(ValueError):
    """The seal cannot be loaded or used; the message says why, in one line."""


@dataclass(frozen=True)
class Seal:
    """The key and certificate that seal snapshot PDFs."""

    p12: bytes
    password: bytes | None = None
    tsa_url: str | None = None

    @property
    def certificate(self) -> x509.Certificate:
        return _loaded(self.p12, self.password)[1]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate (DER), lowercase hex."""
        return certificate_fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return certificate_name(self.certificate)


def certificate_fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def certificate_name(certificate: x509.Certificate) -> str:
    """The subject's common name and organisation: ``EnvSAQ seal (self-signed), EnvSAQ``."""
    parts = [attribute.value for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
             for attribute in certificate.subject.get_attributes_for_oid(oid)]
    return ", ".join(str(part) for part in parts) or certificate.subject.rfc4514_string()


@lru_cache(maxsize=8)
def _loaded(p12: bytes, password: bytes | None) -> tuple[object, x509.Certificate, tuple]:
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(p12, password)
    except (ValueError, TypeError) as error:
        raise SealError(f"the seal's PKCS#12 cannot be read (wrong password?): {error}") from None
    if key is None or certificate is None:
        raise SealError("the seal's PKCS#12 must hold a private key and its certificate")
    return key, certificate, tuple(chain)


def load_seal(p12: bytes, password: bytes | None = None, tsa_url: str | None = None,
              now: datetime | None = None) -> Seal:
    """A usable seal, or ``SealError``: readable, with a key, a certificate in its validity
    period, and a time-stamping authority address that is http(s)."""
    seal = Seal(p12, password or None, tsa_url or None)
    certificate = seal.certificate
    now = now or datetime.now(UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SealError(f"the seal certificate is valid only from "
                        f"{certificate.not_valid_before_utc:%Y-%m-%d} to "
                        f"{certificate.not_valid_after_utc:%Y-%m-%d}")
    if seal.tsa_url and not seal.tsa_url.startswith(("https://", "http://")):
        raise SealError("the time-stamping authority must be an http(s) address")
    return seal


def self_signed_p12(common_name: str, now: datetime | None = None) -> bytes:
    """A new ECDSA P-256 key and a self-signed seal certificate for it, as PKCS#12 bytes
    without a password (the file's mode protects it)."""
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "EnvSAQ")])
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          key_cert_sign=False, crl_sign=False, encipher_only=False,
                          decipher_only=False)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * SELF_SIGNED_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"envsaq-seal", key, certificate, None,
                                                 serialization.NoEncryption())


def ensure_self_signed(folder: Path, common_name: str) -> Path:
    """The instance's self-signed seal file, created (mode 0600) if it is not there yet."""
    path = folder / SELF_SIGNED_FILE
    if path.exists():
        return path
    data = self_signed_p12(common_name)
    try:  # O_EXCL: two processes starting at once keep one seal
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


@lru_cache(maxsize=8)
def _signer(p12: bytes, password: bytes | None):
    from pyhanko.sign import signers

    return signers.SimpleSigner.load_pkcs12_data(p12, [], password)


def _reserved_bytes(seal: Seal) -> int:
    """Room for the CMS container: signature, certificates, and a time-stamp token."""
    _key, certificate, chain = _loaded(seal.p12, seal.password)
    certificates = sum(len(c.public_bytes(serialization.Encoding.DER))
                       for c in (certificate, *chain))
    return 4096 + 2 * certificates + (12288 if seal.tsa_url else 0)


def seal_pdf(pdf: bytes, seal: Seal) -> bytes:
    """``pdf`` with a PAdES certification signature (no changes permitted) appended as an
    incremental update; time-stamped when the seal names a time-stamping authority."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=REASON, md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES, certify=True, docmdp_permissions=MDPPerm.NO_CHANGES)
    timestamper = HTTPTimeStamper(seal.tsa_url, timeout=10) if seal.tsa_url else None
    class KeepMetadata(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            """Leave the Info dictionary and XMP as rendered: PDF/A wants them equivalent,
            and pyHanko would write its name into one differently from the other."""

    writer = KeepMetadata(io.BytesIO(pdf), strict=False)
    try:
        output = outside_event_loop(
            signers.sign_pdf, writer, meta, signer=_signer(seal.p12, seal.password),
            timestamper=timestamper, bytes_reserved=_reserved_bytes(seal))
    except TimestampRequestError as error:
        cause = error.__cause__ or error
        raise SealError(f"the time-stamping authority {seal.tsa_url} did not give a time-stamp: "
                        f"{str(cause).splitlines()[0] if str(cause) else type(cause).__name__}"
                        ) from error
    return output.getvalue()
