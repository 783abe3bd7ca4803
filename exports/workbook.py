"""A State's answers as an XLSX workbook for circulation among ministries, and back.

``write_workbook`` is pure (definition, answers and facts in; bytes out). ``read_workbook``
maps a filled workbook back to ``{question key: value}`` with a list of problems, each naming
the sheet and the cell. Messages are English (marked for translation); callers translate.

Layout: an instructions sheet; one sheet per section with the question keys in the hidden
column A (the reader goes by these, not by sheet names or positions); a hidden sheet of facts
(questionnaire, version, State, language) and a hidden sheet of drop-down lists.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from exports.workbook_format import (
    FORMULA_STARTS,
    CellProblem,
    WorkbookFacts,
    WorkbookReading,
    put,
)
from exports.workbook_read import read_workbook
from exports.workbook_write import sheet_names, write_workbook

__all__ = [
    "FORMULA_STARTS",
    "CellProblem",
    "WorkbookFacts",
    "WorkbookReading",
    "comparable",
    "put",
    "read_workbook",
    "same_answer",
    "sheet_names",
    "write_workbook",
]


def comparable(value: Any) -> Any:
    """``value`` as a round trip through a workbook leaves it: what "unchanged" is judged on.

    Line ends become LF and characters a workbook cannot hold are dropped; empty texts, lists
    and mappings count as no answer; whole floats count as integers.
    """
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
        return text if text.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        items = {str(k): comparable(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not None} or None
    if isinstance(value, list | tuple):
        values = [comparable(v) for v in value]
        return values if any(v is not None for v in values) else None
    return value


def same_answer(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` are the same answer (types matter: 1 is not true)."""

    def canonical(value: Any) -> str:
        return json.dumps(comparable(value), sort_keys=True, ensure_ascii=False)

    return canonical(a) == canonical(b)
