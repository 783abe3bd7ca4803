"""``flask questionnaire``: validate, publish and show the paragraph matrix."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from models import db
from questionnaire.article_matrix import (
    article_matrix,
    article_matrix_csv,
    article_matrix_markdown,
)
from questionnaire.loader import DefinitionError, validate_file
from questionnaire.matrix import matrix_csv, matrix_markdown, paragraph_matrix
from services.definitions import DEFAULT_DEFINITION, PublishRefused, publish
from web.cli.base import CommandError, OneLineErrors

questionnaire_group = OneLineErrors("questionnaire", help="Questionnaire definitions.")

PATH = click.Path(dir_okay=False, path_type=Path)


@questionnaire_group.command("validate")
@click.argument("path", type=PATH)
def validate_command(path: Path) -> None:
    """Check a definition file; list every problem with its line and question key."""
    report = validate_file(path)
    if not report.ok:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(f"{len(report.problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(f"{path}: OK ({report.summary})")


@questionnaire_group.command("publish")
@click.argument("path", type=PATH, required=False, default=DEFAULT_DEFINITION)
def publish_command(path: Path) -> None:
    """Store a definition as a published, immutable version."""
    if not path.exists():
        raise CommandError(f"no such file: {path}")
    try:
        stored, created = publish(path)
    except DefinitionError as error:
        for problem in error.problems:
            click.echo(str(problem))
        raise CommandError(f"{len(error.problems)} problem(s): nothing was published") from None
    except PublishRefused as refused:
        raise CommandError(str(refused)) from None
    db.session.commit()
    click.echo(("Published " if created else
                "Already published (questions unchanged; gap rules as in the file): ")
               + stored.label)


@questionnaire_group.command("matrix")
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), default="md")
@click.option("--by", "by", type=click.Choice(["paragraph", "article"]), default="paragraph",
              show_default=True, help="article: each provision with every question measuring it")
@click.option("--path", type=PATH, default=None,
              help="a definition file (default: the shipped one)")
def matrix_command(fmt: str, by: str, path: Path | None) -> None:
    """Operative paragraph -> sections -> questions -> articles -> crime types (or, with
    --by article, provision -> questions)."""
    from questionnaire.loader import load_definition

    try:
        definition = load_definition(path or DEFAULT_DEFINITION)
    except DefinitionError as error:
        raise CommandError(f"the definition has {len(error.problems)} problem(s); "
                           "run 'questionnaire validate'") from None
    if by == "article":
        articles = article_matrix(definition)
        click.echo(article_matrix_csv(articles) if fmt == "csv"
                   else article_matrix_markdown(articles), nl=False)
        return
    rows = paragraph_matrix(definition)
    click.echo(matrix_csv(rows) if fmt == "csv" else matrix_markdown(rows), nl=False)

