"""``flask analysis export``: the numbers of the findings by provision, as JSON, naming no State."""

from __future__ import annotations

import json
from pathlib import Path

import click

from models import Cycle, db
from questionnaire.analysis import export_document
from services.secretariat import latest_cycle
from web.cli.base import CommandError, OneLineErrors
from web.secretariat.findings import cycle_findings

analysis_group = OneLineErrors("analysis", help="Findings by provision and legal force.")


@analysis_group.command("export")
@click.option("--cycle", "cycle_id", type=int, default=None,
              help="Cycle id (default: the newest cycle).")
@click.option("--accepted-only", is_flag=True, help="Only snapshots the secretariat accepted.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write.")
def export_command(cycle_id: int | None, accepted_only: bool, fmt: str, out: Path) -> None:
    """Counts per question and per provision for the parties that responded (docs/analysis.md)."""
    cycle = db.session.get(Cycle, cycle_id) if cycle_id is not None else latest_cycle()
    if cycle is None:
        raise CommandError(f"no cycle {cycle_id}" if cycle_id is not None else "no cycle yet")
    findings = cycle_findings(cycle, accepted_only=accepted_only)
    document = export_document(findings.measured, {"id": cycle.id, "name": cycle.name})
    try:
        out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror}") from None
    click.echo(f"Wrote {out}: cycle {cycle.id}, {findings.measured.respondents} responding "
               f"part(ies) measured, {findings.information.respondents} other respondent(s) "
               f"reported as information only, {len(document['provisions'])} provisions.")
