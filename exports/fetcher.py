"""The only URL fetcher WeasyPrint may use: data URLs and bundled files, nothing else.

Anything an answer could smuggle into a document (``http://``, ``file:///etc/passwd``, a
``../`` escape, a symlink pointing out of the bundle) raises here; WeasyPrint logs the error
and skips the resource, so the PDF is produced without it.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
#: Flask's static folder; PDF templates may reference images or stylesheets under it.
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_ROOTS: tuple[Path, ...] = (FONTS_DIR, STATIC_DIR)


class RefusedURL(ValueError):
    """Raised for every URL outside the allow-list."""


class SafeURLFetcher(URLFetcher):
    """Serve ``data:`` URLs and files under the allowed roots; refuse everything else.

    ``refused`` lists every URL that was turned away and ``served`` every URL that was
    delivered, so callers (and tests) can prove what the renderer tried to load.
    """

    def __init__(self, roots: Iterable[Path] = DEFAULT_ROOTS) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=5)
        # Roots are resolved once so a symlinked checkout still compares correctly.
        self.roots: tuple[Path, ...] = tuple(Path(root).resolve() for root in roots)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        try:
            if scheme == "data":
                # urllib's DataHandler decodes in memory; no I/O is involved.
                response = super().fetch(url, headers)
            elif scheme == "file":
                response = self._fetch_file(url)
            else:
                raise RefusedURL(f"scheme not allowed: {url[:200]}")
        except Exception:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        path = self._allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )

    def _allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"remote file host: {url[:200]}")
        raw = unquote(parts.path)
        if not raw.startswith("/") or "\x00" in raw:
            raise RefusedURL(f"not an absolute local path: {url[:200]}")
        # Refuse `..` even when it would land back inside a root: a legitimate reference
        # never needs it, and rejecting it early keeps the rule simple to audit.
        if ".." in Path(raw).parts:
            raise RefusedURL(f"parent segment in path: {url[:200]}")
        lexical = Path(os.path.normpath(raw))
        resolved = lexical.resolve(strict=True)
        for root in self.roots:
            if lexical.is_relative_to(root) and resolved.is_relative_to(root):
                if not resolved.is_file():
                    raise RefusedURL(f"not a regular file: {url[:200]}")
                return resolved
        raise RefusedURL(f"outside the allowed folders: {url[:200]}")
