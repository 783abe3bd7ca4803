"""Snapshot PDFs: PDF/A-3b with XMP facts, the answers embedded, and the installation's seal.

Real PDFs, read back with pikepdf, pyHanko and poppler.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, datetime, timedelta

import pikepdf
import pytest
from pdf_inspect import normalize, pdftotext_pages
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from exports.archive import ATTACHMENT_NAME, XMP_NAMESPACE, ArchiveDataError
from exports.seal import (
    SealError,
    ensure_self_signed,
    load_seal,
    outside_event_loop,
    seal_pdf,
    self_signed_p12,
)
from exports.submission_pdf import render_submission_pdf
from questionnaire.snapshot import canonical_json, snapshot_document
from testing.sample_data import SHA256, SNAPSHOT_ANSWERS, sample_submission

# Its module fixtures are built once: all its tests on one worker.
pytestmark = pytest.mark.xdist_group("snapshot-seal")

PDFA = "http://www.aiim.org/pdfa/ns/id/"


@pytest.fixture(scope="module")
def seal():
    return load_seal(self_signed_p12("EnvSAQ test seal (self-signed)"))


@pytest.fixture(scope="module")
def sealed(seal) -> bytes:
    return render_submission_pdf(sample_submission("fr"), seal=seal)


@pytest.fixture(scope="module")
def draft(seal) -> bytes:
    return render_submission_pdf(sample_submission("en", draft=True), seal=seal)


def signature_status(pdf: bytes, seal):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    root = asn1_x509.Certificate.load(seal.certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(pdf))
    [signature] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    return signature, outside_event_loop(validate_pdf_signature, signature, context)


def test_pyhanko_validates_the_seal_of_a_snapshot(sealed, seal):
    signature, status = signature_status(sealed, seal)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.modification_level.name == "NONE"
    assert status.docmdp_ok
    assert signature.docmdp_level == MDPPerm.NO_CHANGES  # a certification: no change allowed
    assert status.signing_cert.sha256.hex() == seal.fingerprint
    assert signature.field_name == "EnvSAQ-Seal"


def test_embedded_json_is_the_snapshot_and_hashes_to_the_cover(sealed):
    with pikepdf.open(io.BytesIO(sealed)) as pdf:
        [spec] = list(pdf.Root.AF)
        assert spec.AFRelationship == pikepdf.Name.Data
        assert str(spec.UF) == ATTACHMENT_NAME
        payload = pdf.attachments[ATTACHMENT_NAME].get_file().read_bytes()
    document = snapshot_document(state="KEN", questionnaire="res-12-4", version="1",
                                 answers=SNAPSHOT_ANSWERS)
    assert payload == canonical_json(document).encode()
    assert json.loads(payload)["answers"] == SNAPSHOT_ANSWERS
    assert hashlib.sha256(payload).hexdigest() == SHA256
    assert SHA256 in normalize(pdftotext_pages(sealed)[0])


def test_xmp_metadata_and_pdfa_identification(sealed):
    with pikepdf.open(io.BytesIO(sealed)) as pdf:
        assert str(pdf.Root.Lang) == "fr"
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFA1
        info_producer = str(pdf.docinfo.Producer)
        meta = pdf.open_metadata()
        assert meta[f"{{{PDFA}}}part"] == "3"
        assert meta[f"{{{PDFA}}}conformance"] == "B"
        facts = {key.split("}")[1]: value for key, value in meta.items()
                 if key.startswith(f"{{{XMP_NAMESPACE}}}")}
        assert meta["dc:language"] == {"fr"}
        assert "Kenya" in meta["dc:title"]
        # PDF/A: the Info dictionary and XMP say the same (pyHanko must not touch either).
        assert meta["pdf:Producer"] == info_producer
        packet = pdf.Root.Metadata.read_bytes().decode()
    assert facts == {"State": "KEN", "StateName": "Kenya", "Cycle": facts["Cycle"],
                     "Questionnaire": "res-12-4", "QuestionnaireVersion": "1",
                     "Language": "fr", "SnapshotNumber": "2", "SHA256": SHA256}
    assert "2026" in facts["Cycle"]
    assert packet.count("<rdf:RDF") == 1
    assert "<pdfaSchema:prefix>envsaq</pdfaSchema:prefix>" in packet


def test_a_draft_is_never_sealed_and_says_so(draft):
    assert PdfFileReader(io.BytesIO(draft)).embedded_signatures == []
    with pikepdf.open(io.BytesIO(draft)) as pdf:
        assert len(pdf.attachments) == 0
    assert normalize("None: drafts are never sealed") in normalize(pdftotext_pages(draft)[0])


def test_the_cover_of_a_sealed_snapshot_says_how_to_check_it(sealed):
    assert "/verify" in normalize(pdftotext_pages(sealed)[0])


def test_answers_that_do_not_match_the_hash_are_never_embedded():
    data = sample_submission("en")
    data["snapshot"]["answers"] = {**SNAPSHOT_ANSWERS, "op1.leg.serious_crime": "yes"}
    with pytest.raises(ArchiveDataError):
        render_submission_pdf(data)


def test_self_signed_seal_is_made_once_readable_by_the_owner_only(tmp_path):
    path = ensure_self_signed(tmp_path, "EnvSAQ seal of example.org (self-signed)")
    assert path.stat().st_mode & 0o777 == 0o600
    first = path.read_bytes()
    assert ensure_self_signed(tmp_path, "another name").read_bytes() == first
    assert "example.org" in load_seal(first).name


def test_unusable_seals_are_refused_in_one_line():
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        pkcs12,
    )

    good = load_seal(self_signed_p12("x"))
    key, certificate, _chain = pkcs12.load_key_and_certificates(good.p12, None)
    locked = pkcs12.serialize_key_and_certificates(b"x", key, certificate, None,
                                                   BestAvailableEncryption(b"right"))
    with pytest.raises(SealError, match="password"):
        load_seal(locked, b"wrong")
    assert load_seal(locked, b"right").fingerprint == good.fingerprint
    with pytest.raises(SealError, match="valid only"):
        load_seal(good.p12, now=datetime.now(UTC) + timedelta(days=365 * 11))
    with pytest.raises(SealError, match="http"):
        load_seal(good.p12, tsa_url="ftp://tsa.example.org")


def test_sealing_and_checking_work_where_an_event_loop_already_runs(sealed, seal):
    """pyHanko runs its own loop; in a thread that runs one (an ASGI server, the browser tests'
    Playwright session on the same test worker) asyncio.run would refuse."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def in_a_loop():
        return signature_status(seal_pdf(unsealed, seal), seal)[1]

    unsealed = render_submission_pdf(sample_submission("en"))
    # A thread of its own for the loop: this test worker's thread may run one already.
    with ThreadPoolExecutor(max_workers=1) as pool:
        status = pool.submit(asyncio.run, in_a_loop()).result()
    assert status.intact and status.valid and status.trusted


def _time_stamping_authority():
    """A TSA answering RFC 3161 requests over HTTP on the loopback (pyHanko's test signer
    behind a real server): its address, its certificate, and the server to shut down."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test time-stamping authority")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256()))
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())))
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            requests.append(self.headers.get("Content-Type", ""))
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/tsa", certificate, server, requests


def test_a_seal_with_a_time_stamping_authority_carries_its_time_stamp():
    """ENVSAQ_TSA_URL: the seal asks the authority over HTTP, the document carries its
    token, and both the seal and the time-stamp validate."""
    from cryptography.hazmat.primitives.serialization import Encoding

    url, tsa_certificate, server, requests = _time_stamping_authority()
    try:
        stamped_seal = load_seal(self_signed_p12("EnvSAQ test seal (self-signed)"), tsa_url=url)
        pdf = render_submission_pdf(sample_submission("en"), seal=stamped_seal)
    finally:
        server.shutdown()
    assert requests == ["application/timestamp-query"]
    _signature, status = signature_status(pdf, stamped_seal)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    token = status.timestamp_validity
    assert token is not None and token.intact and token.valid
    assert token.signing_cert.sha256 == hashlib.sha256(
        tsa_certificate.public_bytes(Encoding.DER)).digest()
    assert abs(token.timestamp - datetime.now(UTC)) < timedelta(minutes=5)
    # The installation's own check takes it as sealed by this seal.
    from exports.pdf_check import inspect_pdf

    facts = inspect_pdf(pdf, stamped_seal.certificate.public_bytes(Encoding.DER))
    assert facts.seal == "valid" and facts.signer_fingerprint == stamped_seal.fingerprint


def test_an_unreachable_time_stamping_authority_fails_the_seal_in_one_line():
    """A TSA that does not answer: sealing fails with a reason, no unsealed snapshot goes out
    as if it were sealed."""
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = load_seal(self_signed_p12("EnvSAQ test seal (self-signed)"),
                            tsa_url=f"http://127.0.0.1:{port}/tsa")
    with pytest.raises(SealError) as failure:
        render_submission_pdf(sample_submission("en"), seal=unreachable)
    message = str(failure.value)
    assert message.startswith(f"the time-stamping authority http://127.0.0.1:{port}/tsa did "
                              "not give a time-stamp: ")
    assert "\n" not in message
