"""The offline round trip: a response's answers out as JSON or XLSX, and a filled file back in.

Importing is two steps. ``parse_import`` reads a file into values and problems;
``plan_import`` compares them with the draft and checks every changed value, giving the list
of changes (with the versions they are based on) or the list of problems. Nothing is saved
unless there are no problems at all; ``apply_import`` then saves through ``save_answers``.
Messages are English, marked for translation; the web page and the CLI present them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from exports.workbook import WorkbookFacts, read_workbook, same_answer, write_workbook
from exports.workbook_format import MAX_SHEET_COLUMNS as MAX_SHEET_COLUMNS  # the page states
from exports.workbook_format import MAX_SHEET_ROWS as MAX_SHEET_ROWS  # them; the reader checks
from models import Answer, Response, User, utcnow
from questionnaire.definition import Definition
from questionnaire.fields.base import field_type_for
from questionnaire.i18n import _
from questionnaire.l10n import cycle_name, format_datetime
from questionnaire.workflow import is_editable
from services import audit
from services.answers import SaveResult, answer_values, load_answers, save_answers
from services.workflow import record_edit

MAX_IMPORT_BYTES = 5 * 1024 * 1024
JSON_FIELDS = frozenset({"state", "questionnaire", "version", "cycle", "exported_at", "answers"})
#: What answers are exported as; imports also read a snapshot PDF's embedded JSON.
FORMATS = ("json", "xlsx")
IMPORT_FORMATS = (*FORMATS, "pdf")


@dataclass(frozen=True)
class ImportProblem:
    """A problem in an imported file: the sheet and cell (XLSX), or the key (JSON)."""

    sheet: str
    cell: str
    message: str
    """English text; a ``questionnaire.i18n.Message`` keeps what translating it needs."""

    def text(self) -> str:
        """The message in English (pages translate ``message`` with the ``message`` filter)."""
        return str(self.message)

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell


@dataclass
class ParsedImport:
    """What a file holds: its facts (state, questionnaire, version) and answers by key."""

    kind: str
    facts: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)

    def location(self, key: str) -> tuple[str, str]:
        return self.locations.get(key, ("", key))


@dataclass(frozen=True)
class PlannedChange:
    key: str
    current: Any
    new: Any
    base_version: int


@dataclass
class ImportPlan:
    changes: list[PlannedChange] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_changes(self) -> dict[str, tuple[Any, int]]:
        """The changes in the form ``save_answers`` takes."""
        return {change.key: (change.new, change.base_version) for change in self.changes}


class UnknownFormat(ValueError):
    """The file name ends in none of .json, .xlsx, .pdf."""


def format_of(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    if suffix not in IMPORT_FORMATS:
        raise UnknownFormat(filename)
    return suffix


# ================================================================================ exporting


def export_document(response: Response, definition: Definition) -> dict[str, Any]:
    """The documented JSON form of the response's current answers (see docs/json-format.md)."""
    values = answer_values(load_answers(response))
    return {
        "state": response.state_iso3,
        "questionnaire": definition.id,
        "version": definition.version,
        "cycle": response.cycle.name,
        "exported_at": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "answers": {q.key: values[q.key] for q in definition.questions if q.key in values},
    }


def export_json(response: Response, definition: Definition) -> bytes:
    document = export_document(response, definition)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_xlsx(response: Response, definition: Definition, lang: str) -> bytes:
    facts = WorkbookFacts(
        questionnaire=definition.id, version=definition.version, state=response.state_iso3,
        state_name=response.state.name(lang), cycle=cycle_name(response.cycle.name, lang),
        lang=lang,
        exported_at=format_datetime(utcnow(), lang))
    return write_workbook(definition, answer_values(load_answers(response)), facts)


def export_filename(response: Response, fmt: str) -> str:
    return f"envsaq-{response.state_iso3}-cycle{response.cycle_id}.{fmt}"


# ================================================================================ parsing


def parse_import(filename: str, data: bytes, definition: Definition) -> ParsedImport:
    """Read a JSON or XLSX file, or the JSON embedded in a snapshot PDF (chosen by the file
    name's extension)."""
    fmt = format_of(filename)
    if len(data) > MAX_IMPORT_BYTES:
        return ParsedImport(fmt, problems=[ImportProblem("", "", _(
            "The file is larger than %(mb)s MB.", mb=MAX_IMPORT_BYTES // (1024 * 1024)))])
    if fmt == "pdf":
        return parse_pdf(data)
    return parse_json(data) if fmt == "json" else parse_xlsx(data, definition)


def parse_pdf(data: bytes) -> ParsedImport:
    """A snapshot PDF's embedded answers (``exports.archive``), read as the JSON file they
    are; from this installation or another, sealed or not (``/verify`` answers for the seal)."""
    from services.verification import read_pdf, refusal_message

    facts = read_pdf(data, with_seal=False)
    payload, refused = facts.payload, facts.refused
    if refused or payload is None:
        message = refusal_message(refused) if refused else _(
            "The document holds no EnvSAQ submission data.")
        return ParsedImport("pdf", problems=[ImportProblem("", "", message)])
    parsed = parse_json(payload)
    parsed.kind = "pdf"
    return parsed


def parse_xlsx(data: bytes, definition: Definition) -> ParsedImport:
    reading = read_workbook(data, definition)
    return ParsedImport(
        "xlsx", facts=reading.facts, values=reading.values, locations=reading.locations,
        problems=[ImportProblem(p.sheet, p.cell, p.message) for p in reading.problems])


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_json(data: bytes) -> ParsedImport:
    parsed = ParsedImport("json")

    def refuse(message: str) -> ParsedImport:
        parsed.problems.append(ImportProblem("", "", message))
        return parsed

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refuse(_("The file is not UTF-8 text."))
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as duplicate:
        return refuse(_("The key “%(key)s” appears twice.", key=str(duplicate)))
    except RecursionError:
        return refuse(_("The JSON is nested too deeply."))
    except ValueError as error:
        line = getattr(error, "lineno", None)
        if line is None:
            return refuse(_("The file is not valid JSON."))
        return refuse(_("The file is not valid JSON (line %(line)s, column %(column)s).",
                        line=line, column=getattr(error, "colno", 0)))
    if not isinstance(document, dict):
        return refuse(_("The file must hold one JSON object with “answers” in it."))
    for name in sorted(set(document) - JSON_FIELDS):
        parsed.problems.append(ImportProblem("", name, _("Unknown field “%(name)s”.", name=name)))
    for name in ("state", "questionnaire", "version"):
        value = document.get(name)
        if not isinstance(value, str) or not value.strip():
            parsed.problems.append(ImportProblem("", name, _(
                "“%(name)s” must be given, as text.", name=name)))
        else:
            parsed.facts[name] = value.strip()
    answers = document.get("answers")
    if not isinstance(answers, dict):
        parsed.problems.append(ImportProblem("", "answers", _(
            "“answers” must be an object of question keys and answers.")))
        return parsed
    parsed.values = dict(answers)
    return parsed


# ================================================================================ planning


def plan_import(response: Response, definition: Definition, parsed: ParsedImport, *,
                editable: set[str] | None = None,
                answers: dict[str, Answer] | None = None) -> ImportPlan:
    """Compare the file with the draft and check every change.

    ``editable`` limits the sections that may change (None: all). The plan holds problems
    when the file is for another State or questionnaire version, the response is locked, a
    key is unknown, a section may not be changed, or a changed value is not valid.
    """
    plan = ImportPlan(problems=list(parsed.problems))
    _check_facts(response, definition, parsed, plan)
    if not is_editable(response.workflow_state):
        plan.problems.append(ImportProblem("", "", _(
            "This response is submitted, under review or accepted: it cannot be changed now, "
            "so nothing was imported.")))
    answers = load_answers(response) if answers is None else answers
    merged = answer_values(answers)
    merged.update({k: v for k, v in parsed.values.items() if definition.has_question(k)})
    for key, new in parsed.values.items():
        sheet, cell = parsed.location(key)
        if not definition.has_question(key):
            plan.problems.append(ImportProblem(sheet, cell, _(
                "Unknown question key “%(key)s”.", key=key)))
            continue
        current = answers.get(key)
        current_value = current.value if current else None
        if same_answer(current_value, new):
            continue
        question = definition.question(key)
        field_type = field_type_for(question)
        if getattr(field_type, "stored_by_upload", False):
            plan.problems.append(ImportProblem(sheet, cell, _(
                "Attachments cannot be imported; upload the file in the workspace.")))
            continue
        if editable is not None and question.section_key not in editable:
            plan.problems.append(ImportProblem(sheet, cell, _(
                "You may not change answers in the section “%(section)s”.",
                section=question.section_key)))
            continue
        new = None if field_type.is_empty(new) else new
        for message in field_type.validate(new, merged):
            plan.problems.append(ImportProblem(sheet, cell, message))
        plan.changes.append(PlannedChange(key, current_value, new,
                                          current.version if current else 0))
    return plan


def _check_facts(response: Response, definition: Definition, parsed: ParsedImport,
                 plan: ImportPlan) -> None:
    facts = parsed.facts
    where = "_envsaq" if parsed.kind == "xlsx" else ""
    state = facts.get("state")
    if state is not None and state.upper() != response.state_iso3:
        plan.problems.append(ImportProblem(where, "state" if not where else "B4", _(
            "This file is for %(theirs)s, not %(ours)s.", theirs=state, ours=response.state_iso3)))
    questionnaire, version = facts.get("questionnaire"), facts.get("version")
    if (questionnaire is not None and questionnaire != definition.id) or (
            version is not None and version != definition.version):
        plan.problems.append(ImportProblem(where, "version" if not where else "B3", _(
            "This file is for the questionnaire %(theirs)s; the response uses %(ours)s. "
            "Export a new file and fill that one.",
            theirs=f"{questionnaire} v{version}",
            ours=f"{definition.id} v{definition.version}")))


# ================================================================================ applying


def apply_import(response: Response, definition: Definition,
                 changes: Mapping[str, tuple[Any, int]], user: User | None, *,
                 filename: str = "") -> SaveResult:
    """Save the planned changes; with a conflict, the caller must roll the whole import back."""
    result = save_answers(response, definition, changes, user, source="import")
    if result.conflicts:
        return result
    if result.saved:
        record_edit(response, language=user.locale if user is not None else None)
    audit.record("response.imported", actor=user,
                 state=response.state_iso3, object_type="response", object_id=response.id,
                 changes=len(changes), file=filename[:200])
    return result
