"""Translation marker for messages produced by the pure domain.

`_` marks a string for extraction by Babel and returns it unchanged; the web layer translates
the English message when it shows it (e.g. with `gettext(message)`).
"""


def _(message: str) -> str:
    """Mark `message` for translation; returns it as is."""
    return message
