"""Messages of the pure domain, and their translation.

``_`` marks a message for extraction by Babel and returns it as a ``Message``: a string that
reads as its English text (for logs, the command line and tests), and that keeps its template
and values so that the web layer can translate the template first and fill it in after
(``translated``). A message built from pieces stays translatable as a whole: a value may be a
message itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Message(str):
    """A user-facing message: its English text, with ``template`` and ``values`` kept."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        message = super().__new__(cls, template % values if values else template)
        message.template, message.values = template, values
        return message


def _(message: str, **values: Any) -> Message:
    """Mark ``message`` for translation; ``values`` fill its ``%(name)s`` placeholders."""
    return Message(message, **values)


def translated(message: str, gettext: Callable[[str], str]) -> str:
    """``message`` in the language of ``gettext``: the template translated, then filled in
    (values that are messages translated too). A plain string is looked up as it is."""
    if not isinstance(message, Message):
        return gettext(message)
    template = gettext(message.template)
    if not message.values:
        return template
    return template % {name: translated(value, gettext) if isinstance(value, Message)
                       else value for name, value in message.values.items()}
