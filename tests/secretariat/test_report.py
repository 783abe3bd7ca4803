"""The compiled report built from a small dataset: a UN document, read back with poppler."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from exports.report.build import build_report
from exports.report.parts import body_parts
from questionnaire.aggregate import Respondent, aggregate
from tests.exports.pdf_inspect import SUBSET_TAG, font_programs, fonts, pdffonts_names
from tests.secretariat.report_data import (
    BY_CODE,
    DEFINITION,
    MEETING,
    STATES,
    build,
    model,
    snapshots,
)
from tests.secretariat.report_structure import overlay_is_an_artifact, page_mcids, read_tree

RESPONDENTS = ("KEN", "MEX", "NOR", "JPN")
SYMBOL = "CTOC/COP/WG.12/2027/2"
CHAPTERS = ("I. Introduction", "II. Methodology", "(mandate (a))", "(mandate (b))",
            "(mandate (c))", "VI. Conclusions and issues for consideration",
            "Annex I. States that answered the questionnaire",
            "Annex II. Information reported by each State")
EXPERT_GROUP = ("Open-ended intergovernmental expert group on crimes that affect the "
                "environment falling within the scope of the Convention and related offences "
                "covered by the Convention")

# The font and cache tests read the anonymous reports of tests/secretariat/conftest.py, which
# tests/secretariat/test_report_anonymity.py reads too: one xdist group, one build per language.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("anonymous-report")]


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    report = model(RESPONDENTS, symbol=SYMBOL, **MEETING)
    progress = []
    result = build_report(report, cache_dir=tmp_path_factory.mktemp("cache"),
                          progress=lambda done, total: progress.append((done, total)))
    from tests.exports.pdf_inspect import pdftotext_pages

    pages = [" ".join(page.split()) for page in pdftotext_pages(result.pdf)]
    return report, result, pages, progress


def test_front_page_is_a_un_masthead(named):
    _report, _result, pages, _progress = named
    front = pages[0]
    for text in ("United Nations", SYMBOL, "Distr.: General", "3 December 2026",
                 "Original: English", EXPERT_GROUP, "Vienna, 24–26 February 2027",
                 "Item 2 of the provisional agenda",
                 "Stock-taking of the application of the Convention", "Note by the Secretariat",
                 "Contents"):
        assert text in front, (text, front)
    assert "WG.x" not in front and "Draft" not in front


def test_every_page_has_the_symbol_and_its_number(named):
    _report, result, pages, progress = named
    assert result.pages == len(pages)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert SYMBOL in text, number
    match = re.search(r"Annex I\. States that answered the questionnaire (\d+)", pages[0])
    assert match, pages[0]
    assert "Annex I. States that answered the questionnaire" in pages[int(match.group(1)) - 1]
    assert progress[-1] == (result.parts_total, result.parts_total)


def test_chapters_follow_the_mandate_and_paragraphs_are_numbered_through(named):
    report, _result, pages, _progress = named
    body = " ".join(pages[1:])
    positions = [body.find(heading) for heading in CHAPTERS]
    assert all(position >= 0 for position in positions), positions
    assert positions == sorted(positions)
    numbers = [paragraph["n"] for chapter in report["chapters"]
               for section in chapter["sections"] for paragraph in section["paragraphs"]]
    assert numbers == list(range(1, len(numbers) + 1))
    for n in (1, len(numbers) // 2, len(numbers)):
        assert f" {n}. " in f" {body} ", n


def test_no_score_rank_percentage_or_colour(named):
    report, _result, pages, _progress = named
    # The methodology says that nothing is scored or ranked; nothing else mentions either.
    body = " ".join(pages).replace("no score is computed, and no State or group of States is "
                                   "ranked", "")
    assert "%" not in body
    for word in ("Score", "score", "heat map", "Profile", "ranked"):
        assert word not in body, word
    # No charts, no coloured cells: the parts draw nothing but text and rules.
    for part in body_parts(report):
        body_html = part.html[part.html.index("<body"):]  # the shared stylesheet shades headers
        assert "<svg" not in body_html and "style=" not in body_html, part.key


def test_implementation_tables_by_provision_with_their_basis(named):
    report, _result, pages, _progress = named
    body = " ".join(pages)
    assert "Implementation by provision" in body
    first = report["provisions"][0]
    assert first["provision"] in body
    row = first["questions"][0]
    assert sum(row["counts"].values()) == len(RESPONDENTS)
    # "Gap" is kept for obligations; nothing else is called one.
    if not any(p["basis"] == "obligation" for p in report["provisions"]):
        assert "(gap)" not in body


def test_numbers_equal_the_aggregation(named):
    _report, _result, pages, _progress = named
    respondents = [Respondent(s.iso3, BY_CODE[s.iso3].group, "party", s.answers)
                   for s in snapshots(RESPONDENTS)]
    results = aggregate(DEFINITION, respondents, "en")
    body = " ".join(pages[1:])
    for key in ("op5.protocol.view", "op1.leg.serious_crime", "ta.funding.given"):
        label = DEFINITION.question(key).label.get("en")
        start = body.find(f"{label} (OP")  # the finding, not the row of a provision table
        assert start >= 0, key
        paragraph = body[start:start + 1500]
        item = results[key]
        assert f"{item.answered} of 4 responding States answered this question" in paragraph
        for row in item.summary["rows"]:
            assert f"{row['label']} {row['count']}" in paragraph, (key, row, paragraph)


def test_respondents_and_what_they_reported_are_in_the_annexes(named):
    _report, _result, pages, _progress = named
    start = next(i for i, page in enumerate(pages) if i and "Annex I. States that" in page)
    annexes = " ".join(pages[start:])
    for iso3 in RESPONDENTS:
        assert BY_CODE[iso3].name("en") in annexes
    assert "4 of the 198 States invited had submitted answers" in " ".join(pages)
    assert "Legislation cited:" in annexes
    # In the order of the registry, not ranked: Japan, Kenya, Mexico, Norway.
    annex_two = annexes[annexes.find("Annex II."):]
    positions = [annex_two.find(BY_CODE[code].name("en")) for code in ("JPN", "KEN", "MEX",
                                                                      "NOR")]
    assert positions == sorted(positions) and positions[0] > 0


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """One respondent, no document symbol."""
    return build(model(("KEN",), lang="en"), tmp_path_factory.mktemp("single"))


def test_without_a_symbol_every_page_is_marked_as_a_draft(single):
    _result, pages = single
    for text in pages:
        assert "Draft: no document symbol assigned" in text
        assert "WG.x" not in text and "/n " not in text


def test_one_respondent_is_counted_in_the_singular_and_sentences_stay_apart(single):
    _result, pages = single
    body = " ".join(pages)
    assert "1 of the 198 States invited had submitted answers" in body
    assert not re.search(r"(?<![\d.,])1 States", body), re.findall(r".{40}1 States.{20}", body)
    assert "1 of 1 responding State answered this question" in body
    assert "1 State answered in its own words." in body
    assert not re.search(r"[a-z]\.[A-Z]", body), re.findall(r".{30}[a-z]\.[A-Z].{30}", body)


def test_a_cycle_with_no_submissions_says_so(tmp_path):
    result, pages = build(model((), lang="en", cutoff=None), tmp_path)
    body = " ".join(pages)
    assert "No State has submitted answers." in body
    assert "The present note therefore contains no findings." in body
    assert "Implementation by provision" not in body and "Annex I." not in body
    assert result.pages <= 3


def test_unchanged_parts_come_from_the_cache(anonymous_report):
    first = anonymous_report("fr")  # built cold into a cache of its own
    again = build_report(first.report, cache_dir=first.cache_dir)
    assert first.result.parts_rendered > 0 and again.parts_rendered == 0
    assert again.parts_cached >= again.parts_total - 2
    # The bookmarks are plain text: "l'environnement", not "l&#39;environnement".
    titles = [item.title for item in PdfReader(BytesIO(again.pdf)).outline
              if not isinstance(item, list)]
    assert any("l'environnement" in title for title in titles), titles
    assert not any("&#" in title or "&amp;" in title for title in titles), titles


@pytest.mark.parametrize(("lang", "face"), [("zh", "EnvSAQ-CJK-SC"), ("ar", "EnvSAQ-Naskh")])
def test_parts_render_with_the_bundled_fonts(anonymous_report, lang, face):
    """The parts' stylesheet (parsed once per worker) brings the bundled fonts: every font
    in the report is one of them, embedded and subsetted (read from the seven-State anonymous
    report in that language, shared with the anonymity test)."""
    pdf = anonymous_report(lang).result.pdf
    used = fonts(pdf)
    assert any(face in font.name for font in used), used
    assert all("EnvSAQ-" in font.name and font.embedded and font.subsetted for font in used), used
    _assert_one_program_per_face(pdf)


def _assert_one_program_per_face(pdf: bytes) -> None:
    """Every face is embedded once, under a name no other program uses (the parts each had
    their own subset under the same name)."""
    names = pdffonts_names(pdf)
    assert len(names) == len(set(names)), names
    faces = [SUBSET_TAG.sub("", name) for name in names]
    assert len(faces) == len(set(faces)), names
    programs = font_programs(pdf)
    assert sorted(programs) == sorted(names)
    assert all(len(hashes) == 1 for hashes in programs.values()), programs


def test_contents_entries_are_links_to_their_pages(named):
    """Every entry of the contents is a link annotation (with its title as /Contents) to the
    page where its heading is, across the merged parts."""
    _report, result, pages, _progress = named
    document = PdfReader(BytesIO(result.pdf))
    numbers = {page.indirect_reference.idnum: index for index, page in enumerate(document.pages)}
    links = [annotation.get_object() for page in document.pages[:2]
             for annotation in page.get("/Annots", []) or []]
    links = [link for link in links if link.get("/Subtype") == "/Link" and "/Dest" in link]
    assert len(links) >= len(CHAPTERS), links
    for link in links:
        title = " ".join(str(link["/Contents"]).split())
        target = numbers[link["/Dest"][0].idnum]
        assert target > 0 and title in pages[target], (title, target)
        assert title in pages[0] + pages[1]


def test_the_annex_of_states_has_no_near_empty_page(named):
    """The States' entries follow one another in two columns: no page of the annex but its
    last is less than half as full as its fullest (one State per page left most of each
    entry's last page empty)."""
    from tests.exports.pdf_inspect import pdftotext_pages

    _report, result, pages, _progress = named
    start = next(index for index, page in enumerate(pages)
                 if "Annex II. Information reported by each State" in page and index > 1)
    lines = [sum(1 for line in page.splitlines() if line.strip())
             for page in pdftotext_pages(result.pdf, layout=True)[start:]]
    assert len(lines) >= 4, lines
    assert min(lines[:-1]) >= max(lines) / 2, lines


def test_each_font_face_is_embedded_once(named):
    _report, result, _pages, _progress = named
    assert len(pdffonts_names(result.pdf)) >= 2
    _assert_one_program_per_face(result.pdf)


def test_registry_order_is_the_annex_order():
    report = model(("NOR", "KEN", "JPN"))
    assert [s["iso3"] for s in report["states"]] == [s.iso3 for s in STATES
                                                     if s.iso3 in {"NOR", "KEN", "JPN"}]


def test_breakdowns_by_group_show_every_answer_of_a_long_list(named):
    """Answers run down the table and groups across, so a question with many answers keeps all
    of them on the page (across, the last ones were cut off at the margin)."""
    report, _result, pages, _progress = named
    body = " ".join(pages[1:])
    paragraphs = [p for chapter in report["chapters"] for section in chapter["sections"]
                  for p in section["paragraphs"] if p.get("label")]
    widest = max((p for p in paragraphs if p["kind"] == "choices" and p["by_group"]),
                 key=lambda p: len(p["group_columns"]))
    following = paragraphs[paragraphs.index(widest) + 1]
    start = body.index(" ".join(widest["label"].split()))
    text = body[start:body.index(" ".join(following["label"].split()), start)]
    assert len(widest["group_columns"]) >= 8
    for label in widest["group_columns"]:
        assert text.count(" ".join(label.split())) == 2, label


def test_questions_are_cited_by_their_questionnaire_number(named):
    """The report cites a question as the questionnaire numbers it (1.5, 1.5a), never by key."""
    from questionnaire.numbering import question_numbers

    report, _result, pages, _progress = named
    body = " ".join(pages[1:])
    numbers = question_numbers(DEFINITION)
    paragraphs = [p for chapter in report["chapters"] for section in chapter["sections"]
                  for p in section["paragraphs"] if p.get("label")]
    rows = [row for p in report["provisions"] for row in p["questions"]]
    assert paragraphs and rows
    for item in [*paragraphs[:5], *rows[:5]]:
        assert item["number"] == numbers[item["key"]]
        assert f"{item['number']} {' '.join(item['label'].split())}" in body, item["key"]
    assert not any(key in body for key in numbers if "." in key and "_" in key)


def test_the_merged_report_is_packed_like_one_document(named):
    """What made the merged report 1.4 times one WeasyPrint document is gone: objects packed in
    compressed object streams, one stream to draw the page number on every page, and the
    page-number forms sharing their resources."""
    import pikepdf

    _report, result, _pages, _progress = named
    with pikepdf.open(BytesIO(result.pdf)) as pdf:
        kinds = [obj.get("/Type") for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        assert pikepdf.Name.ObjStm in kinds
        last_streams = {page.obj.Contents[-1].objgen for page in pdf.pages}
        assert len(last_streams) == 1
        resources = {page.Resources.XObject["/EnvSAQPageNumber"].Resources.objgen
                     for page in pdf.pages}
        assert len(resources) <= 3 < len(pdf.pages)
        assert all(stream.get("/Filter") is not None for stream in pdf.objects
                   if isinstance(stream, pikepdf.Stream) and stream.get("/Type") != "/XRef")


def test_the_merged_report_keeps_one_structure_tree(named):
    """The parts' structure trees are joined into one: one /Document, chapter headings from
    every part, every page and every contents link in the ParentTree, every MCID of the tree
    on its page, the page numbers marked as pagination artifacts."""
    import pikepdf
    from pikepdf import Array, Name, NumberTree

    _report, result, _pages, _progress = named
    with pikepdf.open(BytesIO(result.pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "en"
        root = pdf.Root.StructTreeRoot
        kinds = [obj.get("/Type") for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)]
        assert kinds.count(Name.StructTreeRoot) == 1
        assert len(root.K) == 1 and str(root.K[0].S) == "/Document"
        tree = read_tree(root.K[0])
        assert tree.bad_parents == 0
        assert sum(str(element.S) == "/Document" for element in tree.elements) == 1
        parent_tree = dict(NumberTree(root.ParentTree).items())
        assert int(root.ParentTreeNextKey) > max(parent_tree)
        reached = {element.objgen for element in tree.elements}
        for value in parent_tree.values():
            assert all(item.objgen in reached
                       for item in (value if isinstance(value, Array) else [value]))

        page_keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(page_keys)) == len(page_keys)
        for page, key in zip(pdf.pages, page_keys, strict=True):
            marked = tree.marked[page.obj.objgen]
            assert marked and marked == page_mcids(page), key
            assert all(parent_tree[key][mcid] == tree.holders[(page.obj.objgen, mcid)]
                       for mcid in marked)
            assert overlay_is_an_artifact(page)

        # Every chapter's first page holds a heading element: the headings of every part.
        numbers = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        headings = {numbers[element.Pg.objgen] for element in tree.elements
                    if str(element.S) in ("/H1", "/H2")}
        links = [annotation for page in pdf.pages[:2]
                 for annotation in page.obj.get("/Annots", Array())
                 if annotation.get("/Subtype") == Name.Link and "/Dest" in annotation]
        targets = {numbers[link.Dest[0].objgen] for link in links}
        assert len(targets) >= len(CHAPTERS) and targets <= headings, targets - headings
        annotation_keys = [int(link.StructParent) for link in links]
        assert not set(annotation_keys) & set(page_keys)
        assert len(set(annotation_keys)) == len(annotation_keys)
        for link in links:
            element = parent_tree[int(link.StructParent)]
            assert str(element.S) == "/Link" and tree.objects[link.objgen] == element
            assert str(link.Contents).strip()


def test_the_merged_report_passes_qpdf_check(named, tmp_path):
    import os
    import shutil
    import subprocess

    if shutil.which("qpdf") is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is not installed")
        pytest.skip("qpdf is not installed")
    _report, result, _pages, _progress = named
    path = tmp_path / "report.pdf"
    path.write_bytes(result.pdf)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
