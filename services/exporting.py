"""Exports of all responses of a cycle: loads the snapshots and hands plain rows to exports/."""

from __future__ import annotations

from exports.tabular import ExportRow, codebook, long_table, to_csv, to_xlsx, wide_table
from models import Cycle
from services.secretariat import cycle_definition, snapshots

SHAPES = {"long": long_table, "wide": wide_table}


def export_rows(cycle: Cycle, lang: str, accepted_only: bool = False) -> list[ExportRow]:
    return [
        ExportRow(s.state.iso3, s.state.name(lang),
                  s.state.regional_group.value if s.state.regional_group else "",
                  s.state.party_status.value, s.number, s.created_at.isoformat(), s.accepted,
                  s.answers)
        for s in snapshots(cycle, accepted_only=accepted_only)
    ]


def export_responses(cycle: Cycle, *, fmt: str, shape: str = "long", lang: str = "en",
                     accepted_only: bool = False) -> dict[str, bytes]:
    """File suffix ("" for the main file) -> bytes. XLSX holds the codebook as a second sheet;
    CSV comes with a second file, ``<name>.codebook.csv``."""
    definition = cycle_definition(cycle)
    table = SHAPES[shape](definition, export_rows(cycle, lang, accepted_only), lang)
    book = codebook(definition, lang)
    if fmt == "xlsx":
        return {"": to_xlsx({"responses": table, "codebook": book})}
    return {"": to_csv(*table), ".codebook.csv": to_csv(*book)}
