"""Question numbers (1.5a) on the pages, the same as in the PDFs; never the internal key."""

from __future__ import annotations

import html as html_lib
import re

from models import Role
from questionnaire.numbering import question_numbers
from tests.workspace.test_workspace import url


def test_follow_ups_take_their_question_number_with_a_letter(definition):
    numbers = question_numbers(definition)
    assert numbers["gen.institution"] == "1.1"
    assert numbers["gen.untoc_status"] == "1.5"
    assert numbers["gen.untoc_date"] == "1.5a"
    assert numbers["gen.coordination"] == "1.6"
    laundering = numbers["op1.leg.laundering"]
    assert laundering.startswith("2.") and numbers["op1.leg.laundering_laws"] == laundering + "a"
    assert len(set(numbers.values())) == len(numbers) == len(definition.questions)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def test_section_page_labels_carry_the_number_and_show_no_key(client, signed_in, cycle,
                                                              definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    section = definition.section_of("gen.untoc_date")
    page = client.get(url(cycle, tail=f"sections/{section.key}")).get_data(as_text=True)
    numbers = question_numbers(definition)
    text = " ".join(_visible_text(page).split())
    for question in section.questions:
        label = " ".join(question.label.get("en").split())
        assert f"{numbers[question.key]} {label}" in text, question.key
        assert question.key not in text


def test_comment_form_lists_questions_by_number(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    page = client.get(url(cycle, tail="comments")).get_data(as_text=True)
    laws = "op1.leg.laundering_laws"
    option = re.search(rf'<option value="{re.escape(laws)}"[^>]*>([^<]*)</option>', page)
    assert option is not None
    assert option.group(1).startswith(question_numbers(definition)[laws] + " ")
