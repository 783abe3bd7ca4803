"""Hostile input in every field of every section, through autosave and the plain form POST.

No 500; what is stored comes back escaped (no script, no style, nothing fetched from
elsewhere); exported workbooks hold text, never formulas.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from questionnaire.definition import Definition
from questionnaire.loader import load_definition
from testing.page_form import FormField, as_browser_sends, section_form_fields
from tests.conftest import csrf_token
from tests.security.world import World, client_as

HOSTILE = [
    "<script>alert('x')</script>",
    "</textarea><script>alert(2)</script><textarea>",
    "\"><img src=x onerror=alert(3)>",
    "<style>body{background:url(http://198.51.100.7/css)}</style>",
    "<link rel=stylesheet href=http://198.51.100.7/s.css>",
    "file:///etc/passwd",
    "http://198.51.100.7/steal?c=1",
    "javascript:alert(4)",
    "=HYPERLINK(\"http://198.51.100.7\",\"click\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "9" * 400,
    "1e309",
    "-1e309",
    "NaN",
    "\u202eevil\u0000null",
]
CONTROL_FIELDS = ("csrf_token", "__v__", "__h__")
DEFINITIONS = Path(__file__).resolve().parents[2] / "questionnaire" / "definitions"
FORMULA_PREFIXES = ("=", "+", "-", "@")


def _hostile_form(html: str, payloads: Mapping[str, str] | str) -> MultiDict:
    """The section form with its answer fields set to ``payloads`` (name -> payload), or every
    answer field to one payload."""
    fields = section_form_fields(html)
    form = as_browser_sends(fields)
    for name in {f.name for f in fields}:
        if name.startswith(CONTROL_FIELDS):
            continue
        if isinstance(payloads, str):
            form.setlist(name, [payloads])
        elif name in payloads:
            form.setlist(name, [payloads[name]])
    return form


Kind = tuple[str, str, str, str]


def widget_kind(field: FormField, definition: Definition) -> Kind:
    """What decides how a value is stored and escaped: the question's type, the element, the
    input's type and the part of a composite answer (a matrix column, a penalty's years)."""
    key = field.name.split("-", 1)[0].replace("__", ".")
    question_type = definition.question(key).type if definition.has_question(key) else "?"
    part = re.sub(r"\d+", "#", field.name.rsplit("-", 1)[1]) if "-" in field.name else ""
    return (question_type, field.tag, field.kind, part)


def hostile_plan(pages: Mapping[str, list[FormField]], definition: Definition,
                 ) -> tuple[dict[str, list[dict[str, str]]], dict[Kind, set[int]]]:
    """The posts to make in each section (field name -> payload) and, for each widget kind,
    the payloads it receives.

    Escaping depends on the kind of widget, not on the question: rather than post every
    payload into every field (17 posts a section), each kind's fields take the payloads in
    turn, shifted on each post, so that every kind receives every payload in as few posts as
    its number of fields allows.
    """
    members: dict[Kind, list[tuple[str, str]]] = {}
    for section, fields in pages.items():
        seen = set()
        for field in fields:
            if field.name.startswith(CONTROL_FIELDS) or field.name in seen:
                continue
            seen.add(field.name)
            members.setdefault(widget_kind(field, definition), []).append((section, field.name))
    place = {member: (kind, index) for kind, items in members.items()
             for index, member in enumerate(items)}
    plan: dict[str, list[dict[str, str]]] = {}
    received: dict[Kind, set[int]] = {kind: set() for kind in members}
    for section in pages:
        own = [(name, *place[(s, name)]) for (s, name) in place if s == section]
        posts = max((-(-len(HOSTILE) // len(members[kind])) for _n, kind, _i in own), default=0)
        plan[section] = []
        for post in range(posts):
            payloads = {}
            for name, kind, index in own:
                chosen = (index + post * len(members[kind])) % len(HOSTILE)
                payloads[name] = HOSTILE[chosen]
                received[kind].add(chosen)
            plan[section].append(payloads)
    return plan, received


def _section_url(world: World, key: str) -> str:
    return f"/states/KEN/cycles/{world.cycle.id}/sections/{key}"


def page_problems(html: str) -> list[str]:
    """Signs that stored input became markup on the page."""
    problems = []
    for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE):
        if "src=" not in tag:
            problems.append(f"inline script: {tag}")
    for pattern in (r"<style\b", r"<img\b[^>]*onerror", r"<link[^>]*198\.51\.100\.7",
                    r"""style=["'][^"']*url\(""", r"""(?:src|href)=["']?(?:javascript|file):""",
                    r"""src=["']?https?://"""):
        if re.search(pattern, html, flags=re.IGNORECASE):
            problems.append(f"found {pattern}")
    return problems


def _save(client: FlaskClient, url: str, payload: Mapping[str, str] | str,
          autosave: bool) -> int:
    html = client.get(url).get_data(as_text=True)
    form = _hostile_form(html, payload)
    if autosave:
        return client.post(url + "/autosave", data=form, headers={
            "X-Requested-With": "fetch", "X-CSRFToken": form["csrf_token"]}).status_code
    form["go"] = "stay"
    return client.post(url, data=form).status_code


@pytest.mark.slow
@pytest.mark.parametrize("autosave", [True, False], ids=["autosave", "form-post"])
def test_hostile_values_in_every_field(app, world, definition, autosave):
    client = client_as(app, world, "focal-point")
    pages = {key: section_form_fields(client.get(_section_url(world, key)).get_data(
        as_text=True)) for key in world.sections}
    plan, received = hostile_plan(pages, definition)
    assert len(received) > 20  # the kinds of widget were found
    assert all(payloads == set(range(len(HOSTILE))) for payloads in received.values())
    statuses = set()
    for key, posts in plan.items():
        url = _section_url(world, key)
        for payloads in posts:
            status = _save(client, url, payloads, autosave)
            statuses.add(status)
            assert status < 500, (key, payloads)
            html = client.get(url).get_data(as_text=True)
            assert page_problems(html) == [], (key, payloads)
    # Something was stored each way (a refusal of everything would prove nothing).
    assert statuses & ({200} if autosave else {302})


def test_the_plan_gives_every_kind_every_payload():
    def field(name: str, kind: str = "text") -> FormField:
        return FormField(name, "input", kind)

    definition = load_definition(DEFINITIONS / "res-12-4" / "v1.yaml")
    pages = {"general": [field("gen__institution"), field("gen__untoc_date", "date")],
             "op1_legislation": [field("op1__leg__challenges")]}
    plan, received = hostile_plan(pages, definition)
    assert set(received) == {("short_text", "input", "text", ""),
                             ("long_text", "input", "text", ""), ("date", "input", "date", "")}
    assert all(payloads == set(range(len(HOSTILE))) for payloads in received.values())
    # A kind with one field needs a post per payload; nothing needs more.
    assert len(plan["general"]) == len(HOSTILE) == len(plan["op1_legislation"])


def test_stored_script_is_shown_escaped(app, world):
    client = client_as(app, world, "focal-point")
    url = _section_url(world, "general")
    assert _save(client, url, HOSTILE[1], autosave=True) == 200
    html = client.get(url).get_data(as_text=True)
    assert "&lt;/textarea&gt;&lt;script&gt;" in html
    assert HOSTILE[1] not in html


@pytest.mark.slow
def test_workbook_export_holds_no_formula(app, world):
    client = client_as(app, world, "focal-point")
    for key in world.sections:
        for payload in ("=1+2", "+SUM(1)", "@A1", "-3+4"):
            assert _save(client, _section_url(world, key), payload, autosave=True) < 500
    response = client.get(f"/states/KEN/cycles/{world.cycle.id}/export.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert formulas == []
    # The last value saved everywhere was "-3+4": it is in the workbook, as text.
    typed = [c for c in cells if c.value == "-3+4"]
    assert typed, "the formula-like answers should be in the workbook, as text"


def test_a_one_megabyte_string_in_every_field(app, world):
    client = client_as(app, world, "focal-point")
    url = _section_url(world, "general")
    status = _save(client, url, "A" * (1024 * 1024), autosave=True)
    assert status in (200, 409)
    assert client.get(url).status_code == 200


def test_invalid_utf8_in_the_body(app, world):
    client = client_as(app, world, "focal-point")
    url = _section_url(world, "general")
    token = csrf_token(client, url)
    headers = {"X-Requested-With": "fetch", "X-CSRFToken": token}
    bodies = [b"gen__institution=%FF%FE%FD", b"gen__institution=\xff\xfe\xc3\x28",
              b"\xff\xff=\xff", b"gen__institution=" + b"\xed\xa0\x80" * 10]
    for body in bodies:
        for target, extra in ((url + "/autosave", headers), (url, {})):
            data = body if extra else body + b"&csrf_token=" + token.encode()
            response = client.post(target, data=data, headers=extra,
                                   content_type="application/x-www-form-urlencoded")
            assert response.status_code < 500, (target, body)
    assert client.get(url).status_code == 200


def test_deeply_nested_json_where_json_is_accepted(app, world):
    client = client_as(app, world, "focal-point")
    base = f"/states/KEN/cycles/{world.cycle.id}"
    nested = "[" * 200_000 + "]" * 200_000
    token = csrf_token(client, base + "/sections/general")
    conflict = client.post(base + "/sections/general/conflicts", data={
        "csrf_token": token, "key": "gen.institution", "choice__gen.institution": "mine",
        "mine__gen.institution": nested, "version__gen.institution": "1"})
    assert conflict.status_code < 500
    token = csrf_token(client, base + "/import")
    document = nested.encode()
    for name in ("answers.json",):
        response = client.post(base + "/import", data={
            "csrf_token": token, "file": (io.BytesIO(document), name)},
            content_type="multipart/form-data")
        assert response.status_code < 500, name
    # JSON sent as the autosave body is not read as answers at all.
    response = client.post(base + "/sections/general/autosave", data=nested,
                           content_type="application/json",
                           headers={"X-Requested-With": "fetch", "X-CSRFToken": token})
    assert response.status_code < 500


def test_huge_numbers_in_an_import(app, world):
    client = client_as(app, world, "focal-point")
    base = f"/states/KEN/cycles/{world.cycle.id}"
    token = csrf_token(client, base + "/import")
    document = json.dumps({"format": "envsaq-answers", "answers": {
        "gen.institution": 10 ** 400, "gen.focal_point": 1e308}}).encode()
    document = document.replace(b"1e+308", b"1e999")
    response = client.post(base + "/import", data={
        "csrf_token": token, "file": (io.BytesIO(document), "answers.json")},
        content_type="multipart/form-data")
    assert response.status_code < 500
