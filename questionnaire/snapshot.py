"""Canonical JSON of a submission snapshot and its SHA-256."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(document: Mapping[str, Any]) -> str:
    """Sorted keys, no insignificant white space, UTF-8 text: one text per document."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def snapshot_document(
    *, state: str, questionnaire: str, version: str, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The document that is hashed: the State, the questionnaire version and every answer."""
    return {"state": state, "questionnaire": questionnaire, "version": version,
            "answers": dict(answers)}


def snapshot_hash(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()
