"""Gap rules declare basis, provisions and rationale; the validator refuses them otherwise."""

from questionnaire import provisions
from questionnaire.legal_force import Basis
from questionnaire.loader import load_definition_text
from tests.questionnaire.test_questionnaire_loader import (
    T,
    definition_text,
    find,
    line_of,
    problems_of,
    t,
)


def _rule_question(rule: str) -> str:
    return f"""\
- key: q.rule
  type: yes_partly_no
  label: {T}
  tags: {{paragraphs: [1]}}
  gap:
{rule}
"""


def _gap_line(text: str) -> int:
    """The line of q.rule's `gap:` (key, type, label, tags, gap)."""
    return line_of(text, "key: q.rule") + 4


def test_a_complete_rule_loads_with_its_legal_force():
    definition = load_definition_text(definition_text(_rule_question(f"""\
    basis: optional
    provisions: ["UNTOC 16(4)", "RES12/4 OP1"]
    rationale: {t("Why")}
    in_place: [yes]
    gap: [no]""")))
    force = definition.question("q.rule").legal_force
    assert force is not None and force.basis is Basis.optional and not force.binding
    assert force.provisions == ("UNTOC 16(4)", "RES12/4 OP1")
    assert force.rationale["ar"] == "Why ar"
    assert "basis" not in definition.question("q.rule").gap  # the field type sees only its rule


def test_rule_without_basis_provisions_or_rationale_is_refused_with_line_and_key():
    text = definition_text(_rule_question("""\
    in_place: [yes]
    gap: [no]"""))
    problems = problems_of(text)
    for fragment in ("missing 'basis'", "missing 'provisions'", "missing 'rationale'"):
        problem = find(problems, fragment)
        assert problem.key == "q.rule"
        assert problem.line == _gap_line(text)


def test_unknown_basis_and_unknown_provision_are_refused():
    text = definition_text(_rule_question(f"""\
    basis: mandatory
    provisions: ["UNTOC 10(9)", "UNTOC 99"]
    rationale: {T}
    in_place: [yes]"""))
    problems = problems_of(text)
    basis = find(problems, "basis 'mandatory' is not one of")
    assert (basis.line, basis.key) == (line_of(text, "basis: mandatory"), "q.rule")
    unknown = find(problems, "unknown provision 'UNTOC 10(9)'")
    assert (unknown.line, unknown.key) == (line_of(text, "provisions: [", 2), "q.rule")
    find(problems, "unknown provision 'UNTOC 99'")


def test_rationale_missing_a_language_is_refused():
    text = definition_text(_rule_question("""\
    basis: obligation
    provisions: ["UNTOC 5(1)"]
    rationale: {ar: 'a', zh: 'z', en: 'e', es: 's', fr: 'f'}
    in_place: [yes]"""))
    problem = find(problems_of(text), "rationale is missing or empty in: ru")
    assert (problem.line, problem.key) == (line_of(text, "rationale:", 2), "q.rule")


def test_validate_command_names_line_and_key(runner, tmp_path):
    text = definition_text(_rule_question("""\
    in_place: [yes]"""))
    path = tmp_path / "def.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["questionnaire", "validate", str(path)])
    assert result.exit_code == 1
    assert f"def.yaml:{_gap_line(text)}: [q.rule] gap rule is missing 'basis'" in result.output


def test_known_provisions_and_their_order():
    for ref in ("UNTOC 2(b)", "UNTOC 10(2)", "UNTOC 16(5)(b)", "UNTOC 23", "UNCAC 54(1)(c)",
                "TIP 1(3)", "SOM 1(3)", "FIP 1(3)", "RES12/4 OP4", "RES12/4 OP5(b)", "GA 76/185"):
        assert provisions.is_known(ref), ref
    for ref in ("UNTOC 99", "UNTOC 10(5)", "UNTOC 16(5)(c)", "RES12/4 OP10", "RES12/4 OP4(a)",
                "GA 1/1", "untoc 5", "UNTOC5", "UNCAC 54(1)(d)"):
        assert not provisions.is_known(ref), ref
    assert provisions.sort_provisions(
        ["GA 76/185", "RES12/4 OP4", "UNCAC 54(1)(c)", "UNTOC 12(7)", "UNTOC 2(b)", "TIP 1(3)",
         "UNTOC 12(1)(a)"]
    ) == ["UNTOC 2(b)", "UNTOC 12(1)(a)", "UNTOC 12(7)", "TIP 1(3)", "UNCAC 54(1)(c)",
          "RES12/4 OP4", "GA 76/185"]
    assert provisions.parse("UNTOC 16(5)(b)").article == "UNTOC 16"
