"""Messages of the pure domain, and their translation.

``_`` marks a message for extraction by Babel and returns it as a ``Message``: a string that
reads as its English text (for logs, the command line and tests), and that keeps its template
and values so that the web layer can translate the template first and fill it in after
(``translated``). A message built from pieces stays translatable as a whole: a value may be a
message itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class Message(str):
    """A user-facing message: its English text, with ``template`` and ``values`` kept."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        message = super().__new__(cls, template % values if values else template)
        message.template, message.values = template, values
        return message


class Named(str):
    """A name the definition gives in each language (a crime type's label), as a value of a
    message: reads as its English text; :func:`translated` picks the reader's language."""

    texts: Mapping[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> Named:
        named = super().__new__(cls, texts.get("en") or "")
        named.texts = texts
        return named

    def in_language(self, lang: str) -> str:
        return self.texts.get(lang) or str(self)


def _(message: str, **values: Any) -> Message:
    """Mark ``message`` for translation; ``values`` fill its ``%(name)s`` placeholders."""
    return Message(message, **values)


def translated(message: str, gettext: Callable[[str], str], lang: str = "en") -> str:
    """``message`` in ``lang``, the language of ``gettext``: the template translated, then
    filled in (values that are messages translated too, names in ``lang``). A plain string is
    looked up as it is."""
    if not isinstance(message, Message):
        return gettext(message)
    template = gettext(message.template)
    if not message.values:
        return template
    return template % {name: _value_in(value, gettext, lang)
                       for name, value in message.values.items()}


def _value_in(value: Any, gettext: Callable[[str], str], lang: str) -> Any:
    if isinstance(value, Message):
        return translated(value, gettext, lang)
    if isinstance(value, Named):
        return value.in_language(lang)
    return value
