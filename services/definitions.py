"""Publishing definitions into the database and loading them back, cached by content."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from models import QuestionnaireVersion, db
from questionnaire.definition import Definition
from questionnaire.fingerprint import questions_fingerprint
from questionnaire.loader import load_definition_text

DEFINITIONS_DIR = Path(__file__).resolve().parents[1] / "questionnaire" / "definitions"
DEFAULT_DEFINITION = DEFINITIONS_DIR / "res-12-4" / "v1.yaml"


class PublishRefused(Exception):
    """Publishing would change the questions of an already published version."""


_BY_HASH: dict[tuple[str, str], Definition] = {}
"""Parsed published versions by (content hash, name); the oldest goes beyond ``_BY_HASH_SIZE``."""
_BY_HASH_SIZE = 16


@lru_cache(maxsize=16)
def _parse(source: str, filename: str, legacy_rules: bool = False) -> Definition:
    return load_definition_text(source, filename, legacy_rules=legacy_rules)


def definition_of(version: QuestionnaireVersion) -> Definition:
    """The loaded definition of a published version (parsed once per process).

    Found by the stored source's SHA-256, so that the source itself (deferred) is read from
    the database only the first time. A source stored before gap rules declared their legal
    force still loads (its rules have no `legal_force` until `publish` brings in the
    corrected rules).
    """
    name = f"{version.questionnaire_id}/v{version.version}"
    key = (version.content_hash, name)
    found = _BY_HASH.get(key)
    if found is None:
        found = _parse(version.source, name, True)
        if len(_BY_HASH) >= _BY_HASH_SIZE:
            _BY_HASH.pop(next(iter(_BY_HASH)), None)  # another thread may have taken it
        _BY_HASH[key] = found
    return found


def published_versions() -> list[QuestionnaireVersion]:
    """Every published version, newest first."""
    return list(db.session.scalars(select(QuestionnaireVersion).order_by(
        QuestionnaireVersion.published_at.desc())))


def version_by_id(version_id: int | None) -> QuestionnaireVersion | None:
    return db.session.get(QuestionnaireVersion, version_id) if version_id else None


def find_version(questionnaire_id: str, version: str) -> QuestionnaireVersion | None:
    return db.session.scalar(select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire_id,
        QuestionnaireVersion.version == version))


def publish(path: Path) -> tuple[QuestionnaireVersion, bool]:
    """Store the definition at ``path``; returns (version, newly_published).

    When the version exists with the same questions and other gap rules, its stored source is
    replaced (the rules are the analysis; what States answered stays). Raises
    :class:`questionnaire.loader.DefinitionError` for a broken file and
    :class:`PublishRefused` when the same id and version exist with other questions.
    """
    source = path.read_text(encoding="utf-8")
    definition = _parse(source, str(path))
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    existing = find_version(definition.id, definition.version)
    if existing is not None:
        if existing.content_hash != digest:
            if questions_fingerprint(existing.source) != questions_fingerprint(source):
                raise PublishRefused(
                    f"{definition.id} v{definition.version} is already published with other "
                    "questions; a published version is immutable: give the new one a new "
                    "version")
            existing.source, existing.content_hash = source, digest
            db.session.flush()
        return existing, False
    stored = QuestionnaireVersion(
        questionnaire_id=definition.id, version=definition.version, source=source,
        content_hash=digest, title_en=definition.title.get("en"))
    db.session.add(stored)
    db.session.flush()
    return stored, True


def latest_version(questionnaire_id: str = "res-12-4") -> QuestionnaireVersion | None:
    return db.session.scalar(
        select(QuestionnaireVersion)
        .where(QuestionnaireVersion.questionnaire_id == questionnaire_id)
        .order_by(QuestionnaireVersion.published_at.desc(), QuestionnaireVersion.id.desc())
        .limit(1))
