"""The fields of a page's form as a browser would send them (what ``new FormData`` gives)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


@dataclass
class FormField:
    name: str
    tag: str  # input, textarea or select
    kind: str  # the input's type ("text", "hidden", "checkbox", ...), or the tag
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.fields: list[FormField] = []
        self._open: FormField | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = "data-autosave-url" in a
            return
        if not self.inside or not a.get("name"):
            if tag == "option" and self._open is not None:
                self._open.options.append(a.get("value", ""))
                if "selected" in a:
                    self._open.value = a.get("value", "")
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            self.fields.append(FormField(a["name"], tag, kind, a.get("value", ""),
                                         checked="checked" in a))
        elif tag in ("textarea", "select"):
            self._open = FormField(a["name"], tag, tag)
            self.fields.append(self._open)

    def handle_data(self, data: str) -> None:
        if self._open is not None and self._open.tag == "textarea":
            self._open.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "select"):
            self._open = None
        elif tag == "form":
            self.inside = False


def section_form_fields(html: str) -> list[FormField]:
    """The fields of the autosaving section form on ``html``."""
    parser = _FormParser()
    parser.feed(html)
    return [f for f in parser.fields if f.kind not in ("submit", "button", "file", "image")]


def as_browser_sends(fields: list[FormField]) -> MultiDict:
    """Name/value pairs a browser submits (ticked boxes only, the chosen option)."""
    pairs = []
    for f in fields:
        if f.kind in ("checkbox", "radio"):
            if f.checked:
                pairs.append((f.name, f.value or "on"))
        elif f.tag == "select":
            pairs.append((f.name, f.value or (f.options[0] if f.options else "")))
        else:
            pairs.append((f.name, f.value))
    return MultiDict(pairs)
