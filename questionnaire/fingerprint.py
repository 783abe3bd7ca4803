"""What a published questionnaire version fixes: its questions, not its gap rules.

A published version is immutable for what States answered (sections, questions, options, texts).
Its gap rules are the secretariat's analysis of those answers and may be corrected later (e.g.
rules that must declare their legal force); `questions_fingerprint` identifies the questions
alone, so a source whose only changes are in its rules can replace the stored one.
Typographic spaces (no-break, narrow no-break) count as ordinary spaces: French punctuation can be
corrected in a published version without changing a word States read.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml

#: Spaces that differ from U+0020 only in where a line may break.
_TYPOGRAPHIC_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _plain_spaces(data: Any) -> Any:
    if isinstance(data, str):
        return data.translate(_TYPOGRAPHIC_SPACES)
    if isinstance(data, dict):
        return {key: _plain_spaces(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain_spaces(item) for item in data]
    return data


def _without_rules(data: Any) -> Any:
    if isinstance(data, dict):
        sections = data.get("sections")
        if isinstance(sections, list):
            for section in sections:
                questions = section.get("questions") if isinstance(section, dict) else None
                for question in questions if isinstance(questions, list) else ():
                    if isinstance(question, dict):
                        question.pop("gap", None)
    return data


def questions_fingerprint(source: str) -> str:
    """SHA-256 of the definition without its gap rules (format- and typography-independent)."""
    data = _plain_spaces(_without_rules(yaml.safe_load(source)))
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
