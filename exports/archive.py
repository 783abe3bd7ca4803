"""What makes a snapshot PDF an archival record: its answers inside and its facts in XMP.

A snapshot PDF is PDF/A-3b (``exports.pdf.SNAPSHOT_OPTIONS``). It carries the snapshot's
canonical JSON (``questionnaire.snapshot``; the form of docs/json-format.md) as an associated
file with the relationship ``Data``, whose SHA-256 is the one on the cover, and XMP metadata
naming the State, cycle, questionnaire version, language, snapshot number and SHA-256 (in our
own schema, declared as a PDF/A extension schema so that validators accept it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from weasyprint import Attachment

from questionnaire.snapshot import canonical_json, snapshot_document, snapshot_hash

#: File name of the embedded answers (the /F and /UF of its file specification).
ATTACHMENT_NAME = "envsaq-snapshot.json"
ATTACHMENT_DESCRIPTION = "EnvSAQ submission snapshot: the answers as canonical JSON"
#: Our XMP schema (namespace URI and prefix) for the snapshot's facts.
XMP_NAMESPACE = "urn:envsaq:ns:snapshot:1.0/"
XMP_PREFIX = "envsaq"
#: Property name -> description, in the order they are written.
XMP_PROPERTIES = {
    "State": "ISO 3166 alpha-3 code of the State",
    "StateName": "Name of the State in the document language",
    "Cycle": "Reporting cycle",
    "Questionnaire": "Questionnaire identifier",
    "QuestionnaireVersion": "Questionnaire version",
    "Language": "Document language",
    "SnapshotNumber": "Snapshot number within the State's response of the cycle",
    "SHA256": "SHA-256 of the embedded canonical JSON, as printed on the cover",
}


class ArchiveDataError(ValueError):
    """The snapshot's answers do not hash to the SHA-256 the cover would print."""


def snapshot_json(data: dict[str, Any]) -> bytes:
    """The canonical JSON of the snapshot in ``data`` (a submission PDF dict), checked
    against the SHA-256 it claims: a document never embeds data its cover does not match."""
    snapshot, questionnaire = data["snapshot"], data["questionnaire"]
    document = snapshot_document(state=data["state"]["iso3"], questionnaire=questionnaire["id"],
                                 version=str(questionnaire["version"]),
                                 answers=snapshot["answers"])
    if snapshot_hash(document) != snapshot["sha256"]:
        raise ArchiveDataError("the snapshot's answers do not match its SHA-256")
    return canonical_json(document).encode("utf-8")


def snapshot_attachment(payload: bytes, created: datetime) -> Attachment:
    """The embedded answers: an associated file of the document, relationship ``Data``."""
    return Attachment(string=payload.decode("utf-8"), name=ATTACHMENT_NAME,
                      description=ATTACHMENT_DESCRIPTION, relationship="Data",
                      created=created, modified=created)


def snapshot_facts(data: dict[str, Any]) -> dict[str, str]:
    """The values of ``XMP_PROPERTIES`` for the snapshot in ``data``."""
    snapshot, questionnaire = data["snapshot"], data["questionnaire"]
    return {
        "State": data["state"]["iso3"],
        "StateName": data["state"]["name"],
        "Cycle": data["cycle"]["name"],
        "Questionnaire": questionnaire["id"],
        "QuestionnaireVersion": str(questionnaire["version"]),
        "Language": data["lang"],
        "SnapshotNumber": str(snapshot["number"]),
        "SHA256": snapshot["sha256"],
    }


def snapshot_xmp(data: dict[str, Any]) -> list[bytes]:
    """``rdf:Description`` elements for the XMP packet: ``dc:language``, ``dc:identifier``,
    our facts, and the PDF/A extension schema that declares them."""
    facts = snapshot_facts(data)
    rdf = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    dublin_core = (
        f'<rdf:Description {rdf} rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:language><rdf:Bag><rdf:li>{escape(data["lang"])}</rdf:li></rdf:Bag></dc:language>'
        f'<dc:identifier>{escape("sha256:" + facts["SHA256"])}</dc:identifier>'
        "</rdf:Description>")
    values = "".join(f"<{XMP_PREFIX}:{name}>{escape(facts[name])}</{XMP_PREFIX}:{name}>"
                     for name in XMP_PROPERTIES)
    ours = (f'<rdf:Description {rdf} rdf:about="" xmlns:{XMP_PREFIX}='
            f'{quoteattr(XMP_NAMESPACE)}>{values}</rdf:Description>')
    return [dublin_core.encode(), ours.encode(), _extension_schema().encode()]


def _extension_schema() -> str:
    """PDF/A-1 6.7.8 (kept by PDF/A-2 and -3): properties outside the predefined schemas are
    declared in the packet itself."""
    properties = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{escape(text)}</pdfaProperty:description>"
        "</rdf:li>" for name, text in XMP_PROPERTIES.items())
    return (
        '<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" '
        'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
        'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>EnvSAQ submission snapshot</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{escape(XMP_NAMESPACE)}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{XMP_PREFIX}</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>")
