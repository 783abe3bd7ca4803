"""Secretariat pages: published versions and the paragraph-to-question matrix."""

from __future__ import annotations

from flask import render_template, request

from questionnaire import access
from questionnaire.article_matrix import article_matrix
from questionnaire.matrix import paragraph_matrix
from questionnaire.vocabulary import term
from services.definitions import (
    DEFAULT_DEFINITION,
    definition_of,
    published_versions,
    version_by_id,
)
from web.guard import guarded
from web.params import db_int
from web.questionnaires import bp
from web.templating import current_language


@bp.route("/")
@guarded(access.is_secretariat)
def versions():
    return render_template("questionnaires/versions.html", versions=published_versions())


@bp.route("/matrix")
@guarded(access.is_secretariat)
def matrix():
    """Operative paragraph -> sections -> questions -> articles -> crime types; with
    ``?by=article``, each provision with every question that measures it."""
    version_id = request.args.get("version", type=db_int)
    version = version_by_id(version_id)
    if version is not None:
        definition = definition_of(version)
    else:
        from questionnaire.loader import load_definition

        definition = load_definition(DEFAULT_DEFINITION)
    lang = current_language()
    if request.args.get("by") == "article":
        basis_labels = {basis: term(lang, f"basis_{basis}")
                        for basis in ("obligation", "optional", "encouraged", "good_practice")}
        return render_template("questionnaires/article_matrix.html", definition=definition,
                               rows=article_matrix(definition, lang), basis_labels=basis_labels,
                               version_id=version_id)
    crime_labels = {c.key: c.label.get(lang) for c in definition.crime_types}
    return render_template("questionnaires/matrix.html", definition=definition,
                           rows=paragraph_matrix(definition, lang), crime_labels=crime_labels,
                           version_id=version_id)
