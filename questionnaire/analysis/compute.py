"""Computing the findings from answers: statuses per respondent, counted per question/provision."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from questionnaire import provisions as known_provisions
from questionnaire.analysis.model import (
    Analysis,
    Counts,
    Findings,
    Mandate,
    ProvisionFinding,
    QuestionFinding,
    Respondent,
    Status,
    mandate_of,
)
from questionnaire.definition import Definition, Question
from questionnaire.gaps import evaluate_state
from questionnaire.legal_force import BASIS_ORDER, Basis, LegalForce

_ANSWERED = {Status.in_place, Status.partly, Status.not_in_place}


def combine_statuses(statuses: Sequence[Status]) -> Status:
    """One respondent's status for a provision from its statuses under that provision.

    Unanswered measures are left aside when others were answered; see `ProvisionFinding`.
    """
    applicable = [s for s in statuses if s is not Status.not_applicable]
    if not applicable:
        return Status.not_applicable
    answered = {s for s in applicable if s in _ANSWERED}
    if not answered:
        return Status.no_answer
    if answered == {Status.in_place}:
        return Status.in_place
    if answered == {Status.not_in_place}:
        return Status.not_in_place
    return Status.partly


def _analysed(definition: Definition, keys: Collection[str] | None = None) -> list[Question]:
    """Questions whose rule declares its legal force (a stored legacy rule has none); only
    those in ``keys`` when given."""
    return [q for q in definition.questions if q.gap is not None and q.legal_force is not None
            and (keys is None or q.key in keys)]


def _mandate(group: Sequence[Question]) -> Mandate:
    """The earliest mandate among the questions measuring a provision."""
    return min((mandate_of(_force(q).provisions) for q in group), key=lambda m: m.value)


def _force(question: Question) -> LegalForce:
    assert question.legal_force is not None
    return question.legal_force


def _rows(question: Question) -> list[str | None]:
    """The crime types a rule is evaluated for (a crime matrix), or [None]."""
    from questionnaire.fields import field_type_for

    empty = field_type_for(question).gap(None)
    return list(empty) if isinstance(empty, Mapping) else [None]


def _analysis(definition: Definition, respondents: Sequence[Respondent],
              keys: Collection[str] | None = None) -> Analysis:
    questions = _analysed(definition, keys)
    wanted = {q.key for q in questions}
    by_question: dict[tuple[str, str | None], list[Status]] = {}
    by_provision: dict[tuple[str, Basis], list[Status]] = {}
    members: dict[tuple[str, Basis], list[Question]] = {}
    for question in questions:
        for provision in _force(question).provisions:
            members.setdefault((provision, _force(question).basis), []).append(question)
    for respondent in respondents:
        statuses: dict[str, list[Status]] = {}
        for finding in evaluate_state(definition, respondent.answers):
            if finding.question_key not in wanted:
                continue
            status = Status.of(finding.status)
            statuses.setdefault(finding.question_key, []).append(status)
            by_question.setdefault((finding.question_key, finding.crime_type), []).append(status)
        for item, group in members.items():
            mine = [s for q in group for s in statuses.get(q.key, ())]
            by_provision.setdefault(item, []).append(combine_statuses(mine))
    question_findings = [
        QuestionFinding(q.key, crime_type, _force(q).basis, _force(q).provisions,
                        mandate_of(_force(q).provisions), _force(q).rationale,
                        Counts.of(by_question.get((q.key, crime_type), ())))
        for q in questions for crime_type in _rows(q)
    ]
    order = sorted(members, key=lambda item: (
        _mandate(members[item]).value, known_provisions.parse(item[0]).sort_key,
        BASIS_ORDER.index(item[1])))
    provision_findings = [
        ProvisionFinding(provision, basis, _mandate(members[(provision, basis)]),
                         tuple(q.key for q in members[(provision, basis)]),
                         Counts.of(by_provision.get((provision, basis), ())))
        for provision, basis in order
    ]
    return Analysis(definition.id, definition.version, len(respondents),
                    tuple(question_findings), tuple(provision_findings))


def analyse(definition: Definition, respondents: Iterable[Respondent],
            keys: Collection[str] | None = None) -> Findings:
    """Findings for the measured respondents and, apart, for the others (information); on the
    rules of the questions in ``keys`` only, when given."""
    everyone = list(respondents)
    return Findings(
        measured=_analysis(definition, [r for r in everyone if r.measured], keys),
        information=_analysis(definition, [r for r in everyone if not r.measured], keys),
    )
