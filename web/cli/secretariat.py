"""``flask report build`` and ``flask export responses``: the secretariat's command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import Flask

from models import Cycle, JobStatus, db
from questionnaire import LANGUAGES
from web.cli.base import CommandError, OneLineErrors

report_group = OneLineErrors("report", help="Build the compiled report of a cycle.")


def _cycle(cycle_id: int | None) -> Cycle:
    from services.secretariat import latest_cycle

    cycle = db.session.get(Cycle, cycle_id) if cycle_id else latest_cycle()
    if cycle is None:
        raise CommandError("no such cycle" if cycle_id else "there is no reporting cycle yet")
    return cycle


DAY = click.DateTime(formats=["%Y-%m-%d"])


@report_group.command("build")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--anonymous", is_flag=True,
              help="Name no State and give nothing that identifies one.")
@click.option("--accepted-only", is_flag=True, help="Use only accepted submissions.")
@click.option("--symbol", default=None,
              help="Document symbol, e.g. CTOC/COP/WG.12/2027/2 (default: the cycle's; "
                   "without one the report is a draft).")
@click.option("--original-language", type=click.Choice(LANGUAGES), default=None,
              help="Language of the original (default: the cycle's, else en).")
@click.option("--meeting-place", default=None, help="Place of the meeting, in --lang.")
@click.option("--meeting-start", type=DAY, default=None, help="First day, YYYY-MM-DD.")
@click.option("--meeting-end", type=DAY, default=None, help="Last day, YYYY-MM-DD.")
@click.option("--agenda-item", default=None, help="Number of the agenda item, e.g. 2.")
@click.option("--agenda-title", default=None, help="Title of the agenda item, in --lang.")
@click.option("--cycle", "cycle_id", type=int, default=None, help="Cycle id (default: newest).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Render processes (default: the CPUs available to this process).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def build_command(lang: str, anonymous: bool, accepted_only: bool, cycle_id: int | None,
                  workers: int | None, out: Path, **masthead: Any) -> None:
    """Build the report in the foreground, printing progress; recorded like a queued build.
    The masthead options override the cycle's report details for this build."""
    from questionnaire.report.inputs import PLACEHOLDER_RE
    from services.reports import ReportInputError, clean_options, create_job
    from web.report_jobs import report_file, run_job

    cycle = _cycle(cycle_id)
    masthead = {key: value.date() if isinstance(value, datetime) else value
                for key, value in masthead.items()}
    if masthead["symbol"] and PLACEHOLDER_RE.search(masthead["symbol"]):
        raise CommandError(f"{masthead['symbol']!r} is a placeholder, not a document symbol; "
                           "leave --symbol out to build a draft")
    try:
        options = clean_options(lang=lang, anonymous=anonymous, accepted_only=accepted_only,
                                **masthead)
    except ReportInputError as error:
        raise CommandError(str(error)) from error
    job = create_job(cycle, options, None)
    db.session.commit()
    click.echo(f"Report job {job.id}: cycle {cycle.name!r}, language {lang}"
               f"{', anonymous' if anonymous else ''}"
               f", {job.options.get('symbol') or 'draft (no document symbol)'}")
    job = run_job(job.id, workers=workers,
                  echo=lambda done, total: click.echo(f"  parts {done}/{total}"))
    if job.status is not JobStatus.DONE:
        raise CommandError(f"the build failed: {job.error}")
    out.write_bytes(report_file(job).read_bytes())
    click.echo(f"Wrote {out} ({job.pages} pages, {job.respondents} States, "
               f"snapshots {job.snapshots_hash[:12]})")


@click.command("responses")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), required=True)
@click.option("--shape", type=click.Choice(["long", "wide"]), default="long", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--accepted-only", is_flag=True)
@click.option("--cycle", "cycle_id", type=int, default=None)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def responses_command(fmt: str, shape: str, lang: str, accepted_only: bool,
                      cycle_id: int | None, out: Path) -> None:
    """All submitted responses as XLSX (data and codebook sheets) or CSV (plus a codebook)."""
    from services.exporting import export_responses

    files = export_responses(_cycle(cycle_id), fmt=fmt, shape=shape, lang=lang,
                             accepted_only=accepted_only)
    for suffix, data in files.items():
        target = out if not suffix else out.with_name(f"{out.stem}{suffix}")
        target.write_bytes(data)
        click.echo(f"Wrote {target}")


def register_secretariat_commands(app: Flask) -> None:
    """Add ``report`` and ``export responses`` (joining an ``export`` group if one exists)."""
    app.cli.add_command(report_group)
    export = app.cli.commands.get("export")
    if not isinstance(export, click.Group):
        export = OneLineErrors("export", help="Export documents and data.")
        app.cli.add_command(export)
    export.add_command(responses_command)
