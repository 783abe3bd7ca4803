"""``flask verify FILE.pdf``: the public check of a submission PDF, from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from exports.i18n import load_translations
from exports.pdf_check import MAX_PDF_BYTES
from questionnaire.i18n import translated
from services.verification import verify_pdf
from web.locale import LANGUAGES


@click.command("verify")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the answer.")
@with_appcontext
def verify_command(path: Path, lang: str) -> None:
    """Check a submission PDF: is its seal valid, and by which seal; does it match a snapshot
    on record. Exits 0 only for a document with this installation's valid seal that matches
    a snapshot on record, 1 otherwise."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PDF_BYTES + 1)
    except OSError as error:
        raise click.ClickException(f"cannot read {path}: {error.strerror}") from None
    verdict = verify_pdf(data, current_app.config["SEAL"], lang)
    gettext = load_translations(lang).gettext
    for line in [verdict.refused] if verdict.refused else verdict.lines:
        click.echo(translated(line, gettext))
    if not verdict.ok:
        raise SystemExit(1)
