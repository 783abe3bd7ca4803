"""HTML to PDF bytes through WeasyPrint, with the safe fetcher and bundled fonts.

``render_pdf`` is a pure function (HTML in, bytes out). ``render_pdf_with_timeout`` runs the
same function in a child process and kills it when it overruns, so one pathological document
cannot hold a web or queue worker forever (``call_with_timeout`` does so for any function).
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from weasyprint import CSS, HTML, Attachment
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import path2url

from exports import pdf_writer_tuning
from exports.fetcher import FONTS_DIR, SafeURLFetcher
from exports.fork_server import render_context
from exports.shared_fonts import shared_font_configuration

#: WeasyPrint options we always pass; the variant may add its own (e.g. tags).
BASE_OPTIONS: dict[str, Any] = {"presentational_hints": False, "full_fonts": False}
#: The PDF options of each kind of submission document, kept here and nowhere else: a draft
#: (a working copy), and a snapshot (archival PDF/A-3b: fonts embedded, sRGB output intent,
#: XMP metadata, the answers as an associated file; see docs/pdf.md). WeasyPrint's
#: ``pdf/a-3b`` leaves ``pdf_tags`` to the caller, so a tagged snapshot is this variant plus
#: the tagging options of ``SUBMISSION_OPTIONS``.
#: Every submission document is tagged (a structure tree: headings, paragraphs, lists, tables,
#: links; /MarkInfo; /Lang from ``render_pdf``'s ``lang``), for screen readers and for text
#: extraction in reading order. Drafts use WeasyPrint's PDF/UA-1 variant (tags plus the PDF/UA
#: identification in XMP, /DisplayDocTitle); snapshots are PDF/A-3b with the same tags.
SUBMISSION_OPTIONS: dict[str, Any] = {"pdf_tags": True}
DRAFT_OPTIONS: dict[str, Any] = {**SUBMISSION_OPTIONS, "pdf_variant": "pdf/ua-1"}
SNAPSHOT_OPTIONS: dict[str, Any] = {**SUBMISSION_OPTIONS, "pdf_variant": "pdf/a-3b"}
METADATA_FIELDS = ("title", "author", "subject", "keywords")

pdf_writer_tuning.install()


class RenderError(RuntimeError):
    """The child render process failed or died without producing a PDF."""


class RenderTimeout(RenderError):
    """The render ran past its time limit and was killed."""


def fonts_base_url() -> str:
    """File URL of the bundled fonts folder; relative ``url()`` values resolve against it."""
    return path2url(str(FONTS_DIR) + "/")


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def laid_out(html: str, *, fetcher: SafeURLFetcher | None = None,
             options: dict[str, Any]) -> Document:
    """``html`` laid out by WeasyPrint with this process's fonts and ``options``.

    Our documents carry their whole stylesheet in one ``<style>`` element, the same for every
    document of a kind and language: without a ``fetcher`` of the caller's (who wants to see
    what the stylesheet loads), it is taken out and applied as a stylesheet parsed once per
    process, the same rules in the same place of the cascade (parsing it and registering its
    fonts for each report part had cost a tenth of the parts' time: docs/benchmarks.md,
    "Compiled report"). A document with other styles is laid out as it is."""
    font_config = shared_font_configuration()
    stylesheets = []
    style = _STYLE.search(html) if fetcher is None else None
    if style and html.count("<style") == 1 and "<link" not in html:
        stylesheets.append(_parsed_stylesheet(style.group(1), font_config))
        html = html[:style.start()] + html[style.end():]
    return HTML(string=html, base_url=fonts_base_url(),
                url_fetcher=fetcher or SafeURLFetcher()).render(
        font_config=font_config, stylesheets=stylesheets, **options)


@lru_cache(maxsize=16)
def _parsed_stylesheet(css_text: str, font_config: FontConfiguration) -> CSS:
    """Keyed by the font configuration too: the ``@font-face`` fonts are registered in it."""
    return CSS(string=css_text, base_url=fonts_base_url(), url_fetcher=SafeURLFetcher(),
               font_config=font_config)


def render_pdf(
    html: str,
    *,
    lang: str,
    fetcher: SafeURLFetcher | None = None,
    metadata: dict | None = None,
    pdf_variant: str | None = None,
    options: dict[str, Any] | None = None,
    attachments: Sequence[Attachment] = (),
    xmp: Sequence[bytes] = (),
) -> bytes:
    """Render ``html`` to PDF bytes.

    ``metadata`` may hold ``title``, ``author``, ``subject`` and ``keywords`` (a list); they
    override what the HTML head says. ``lang`` becomes the PDF catalog's /Lang. ``options``
    are WeasyPrint options (``DRAFT_OPTIONS``, ``SNAPSHOT_OPTIONS``); ``attachments`` are
    embedded files; ``xmp`` holds ``rdf:Description`` elements added to the XMP metadata.
    """
    chosen = {**BASE_OPTIONS, **(options or {})}
    if pdf_variant is not None:
        chosen["pdf_variant"] = pdf_variant
    document = laid_out(html, fetcher=fetcher, options=chosen)
    _apply_metadata(document.metadata, lang, metadata or {})
    return document.write_pdf(attachments=list(attachments) or None,
                              finisher=_finisher(list(xmp)), **chosen)


def register_bundled_fonts() -> None:
    """Register the bundled faces in this process's font configuration, as the first render
    of a PDF template would (the fork server does so once for every render it forks)."""
    from exports.i18n import render_template

    render_pdf(render_template("pdf/base.html", "en", {}), lang="en")


def _finisher(xmp: list[bytes]) -> Callable[[Any, Any], None]:
    """Put ``xmp`` descriptions into the XMP packet's ``rdf:RDF`` (one RDF element, as XMP
    readers expect) and list each associated file once in the catalog's /AF."""

    def finish(document: Any, pdf: Any) -> None:
        if "AF" in pdf.catalog:  # WeasyPrint 70 lists each file twice
            unique = list(dict.fromkeys(pdf.catalog["AF"]))
            pdf.catalog["AF"].clear()
            pdf.catalog["AF"].extend(unique)
        if not xmp:
            return
        if "Metadata" not in pdf.catalog:
            raise ValueError("XMP descriptions need a PDF variant that writes XMP metadata")
        stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
        packet = b"".join(stream.stream)
        if packet.count(b"</rdf:RDF>") != 1:
            raise ValueError("unexpected XMP packet")
        stream.stream = [packet.replace(b"</rdf:RDF>", b"".join(xmp) + b"</rdf:RDF>")]

    return finish


def _apply_metadata(target: Any, lang: str, metadata: dict) -> None:
    unknown = set(metadata) - set(METADATA_FIELDS)
    if unknown:
        raise ValueError(f"unknown metadata fields: {sorted(unknown)}")
    target.lang = lang
    if metadata.get("title"):
        target.title = metadata["title"]
    if metadata.get("author"):
        target.authors = [metadata["author"]]
    if metadata.get("subject"):
        target.description = metadata["subject"]
    if metadata.get("keywords"):
        target.keywords = list(metadata["keywords"])


PR_SET_PDEATHSIG = 1
"""``prctl`` option (linux/prctl.h): the signal this process gets when its parent dies."""


def die_with_parent(parent: int | None = None) -> None:
    """Have Linux kill this process (SIGKILL) when the process that started it dies, so a
    render child never outlives a killed worker. ``parent`` is the pid the caller expects
    as parent: if it died before the request took effect, exit now. Elsewhere: nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        return  # the render still works; it just would not die with its parent
    if (parent is not None and os.getppid() != parent) or os.getppid() == 1:
        os._exit(1)  # the parent is already gone


def _call_in_child(connection: Any, function: Callable[..., Any], args: tuple,
                   options: dict, parent: int | None) -> None:
    die_with_parent(parent)
    try:
        connection.send(("ok", function(*args, **options)))
    except BaseException as error:  # report anything, the parent decides
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def render_pdf_with_timeout(html: str, *, timeout_s: float = 60, **options: Any) -> bytes:
    """``render_pdf`` in a separate process, killed after ``timeout_s`` seconds.

    ``options`` are ``render_pdf``'s keywords except ``fetcher`` (the child always builds its
    own safe fetcher; a fetcher object would not survive the trip to another process).
    """
    if "fetcher" in options:
        raise TypeError("render_pdf_with_timeout builds its own fetcher in the child")
    return call_with_timeout(render_pdf, html, timeout_s=timeout_s, **options)


def call_with_timeout(function: Callable[..., Any], *args: Any, timeout_s: float = 60,
                      **options: Any) -> Any:
    """``function(*args, **options)`` in a render process (``exports.fork_server``), killed
    after ``timeout_s``.

    ``function`` must be importable by name (module level), its arguments and result
    picklable. Overrunning gives ``RenderTimeout``; a function that raises, or a child that
    dies, gives ``RenderError`` with the child's one-line reason.
    """
    context = render_context()
    # A spawned child's parent is this process; a forked one's is the fork server, which
    # dies with this process (exports.fork_server_preload).
    parent = os.getpid() if context.get_start_method() == "spawn" else None
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_call_in_child,
                              args=(sender, function, args, options, parent),
                              name="pdf-render", daemon=True)
    process.start()
    sender.close()  # only the child writes; closing ours makes a dead child read as EOF
    try:
        if not receiver.poll(timeout_s):
            process.kill()
            raise RenderTimeout(f"{function.__name__} exceeded {timeout_s} s")
        try:
            status, payload = receiver.recv()
        except EOFError as error:
            raise RenderError(f"render process died (exit code {process.exitcode})") from error
    finally:
        receiver.close()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
    if status != "ok":
        raise RenderError(payload)
    return payload
