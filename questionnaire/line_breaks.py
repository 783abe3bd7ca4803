"""One form of line break in stored answers.

Browsers send a textarea's line breaks as CRLF, while answers stored by imports, the API and
the demo have LF. Without one form, an untouched multi-line answer would look edited on every
save, and could raise a false conflict with a colleague's newer answer.
"""

from __future__ import annotations

from typing import Any


def normalized_line_breaks(value: Any) -> Any:
    """``value`` with every CRLF or lone CR turned into LF, in nested lists and mappings too."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [normalized_line_breaks(item) for item in value]
    if isinstance(value, dict):
        return {key: normalized_line_breaks(item) for key, item in value.items()}
    return value
