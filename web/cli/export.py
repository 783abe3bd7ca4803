"""``flask export``: documents and data files written from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from exports.submission_pdf import render_submission_pdf
from models import State, db
from services import audit
from services.cycles import current_response
from services.definitions import definition_of
from services.submission_pdf_data import find_submission, submission_pdf_data
from web.cli.base import CommandError, OneLineErrors
from web.locale import LANGUAGES

export_group = OneLineErrors("export", help="Export submissions and answers.")


@export_group.command("submission")
@click.option("--state", "iso3", required=True, help="ISO3 code of the State.")
@click.option("--snapshot", type=click.IntRange(min=1), default=None,
              help="Snapshot number (default: the current draft, watermarked).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--cycle", "cycle_id", type=int, default=None,
              help="Cycle id (default: the newest open cycle).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF file to write.")
def submission_command(iso3: str, snapshot: int | None, lang: str, cycle_id: int | None,
                       out: Path) -> None:
    """One State's submission (or current draft) as a PDF."""
    iso3 = iso3.strip().upper()
    if db.session.scalar(select(State.iso3).where(State.iso3 == iso3)) is None:
        raise CommandError(f"unknown State: {iso3}")
    response = current_response(iso3, cycle_id)
    if response is None:
        where = f"cycle {cycle_id}" if cycle_id is not None else "any open cycle"
        raise CommandError(f"{iso3} has no response in {where}")
    submission = None
    if snapshot is not None:
        submission = find_submission(response, snapshot)
        if submission is None:
            raise CommandError(f"{iso3} has no snapshot {snapshot} in cycle {response.cycle_id}")
    definition = definition_of(response.cycle.questionnaire_version)
    pdf = render_submission_pdf(submission_pdf_data(response, definition, lang, submission),
                                seal=current_app.config.get("SEAL"))
    try:
        out.write_bytes(pdf)
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror}") from None
    audit.record("pdf.exported", state=iso3, object_type="response",
                 object_id=response.id, snapshot=snapshot, lang=lang)
    db.session.commit()
    what = f"snapshot {snapshot}" if submission else "draft"
    click.echo(f"Wrote {out} ({iso3}, cycle {response.cycle_id}, {what}, {lang}, "
               f"{len(pdf)} bytes).")
