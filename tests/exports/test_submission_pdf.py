"""The submission PDF, rendered for real in the six UN languages and read back."""

from __future__ import annotations

import re

import pytest
from pdf_inspect import (
    Rendered,
    attachment_names,
    comparable_pieces,
    fonts,
    image_count,
    link_targets,
    normalize,
    pdftotext_pages,
    reader,
    toc_page_numbers,
)

from exports.archive import ATTACHMENT_NAME
from exports.fetcher import FONTS_DIR
from exports.shared_fonts import fonts_folder, shared_font_configuration
from exports.submission_pdf import (
    SubmissionDataError,
    render_submission_pdf,
    submission_html,
)
from testing.sample_data import HOSTILE_ANSWERS, LANGS, SHA256, expected_strings, sample_submission

# ``submitted``, the six languages' renders, is tests/exports/conftest.py's, shared with
# tests/exports/test_pdf_dates.py: one xdist group, so one process renders them once.
pytestmark = pytest.mark.xdist_group("submission-pdfs")

WATERMARK = "DRAFT - not submitted"


def squeezed(text: str) -> str:
    """Text without spaces, combining marks and bidi controls, as extraction scatters them."""
    import unicodedata

    return "".join(ch for ch in text
                   if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf"))


def translated(lang: str, message: str) -> str:
    """``message`` as the PDF prints it in ``lang`` (the catalogs translate fixed texts)."""
    from exports.i18n import load_translations

    return load_translations(lang).gettext(message)


@pytest.fixture(scope="module")
def drafts() -> dict[str, Rendered]:
    return {lang: Rendered(sample_submission(lang, draft=True)) for lang in ("en", "ar")}


@pytest.fixture(scope="module")
def hostile() -> Rendered:
    return Rendered(sample_submission("en", hostile=True))


def _missing(expected: list[str], pages: list[str]) -> list[str]:
    text = normalize("".join(pages))
    return [item for item in expected for piece in comparable_pieces(item) if piece not in text]


@pytest.mark.parametrize("lang", LANGS)
def test_poppler_text_holds_labels_and_answers(submitted, lang):
    rendered = submitted[lang]
    assert _missing(expected_strings(rendered.data), rendered.poppler) == []


@pytest.mark.parametrize("lang", LANGS)
def test_pypdf_text_holds_labels_and_answers(submitted, lang):
    rendered = submitted[lang]
    assert _missing(expected_strings(rendered.data), rendered.pypdf) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_replacement_or_notdef_glyphs(submitted, lang):
    for text in submitted[lang].poppler + submitted[lang].pypdf:
        assert "\ufffd" not in text
        assert ".notdef" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_bundled_embedded_and_subsetted(submitted, lang):
    found = fonts(submitted[lang].pdf)
    assert found
    for font in found:
        assert font.embedded, font
        assert font.subsetted, font
        # Our @font-face families, not whatever the server happens to have installed.
        assert "EnvSAQ" in font.name, font
    # The faces were loaded from the bundled files (through the safe fetcher, once per
    # process: exports.shared_fonts), so the process's font configuration holds their copies.
    registered = _registered_font_files()
    for name in ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf",
                 "NotoSansCJKsc-Regular.otf"):
        assert (FONTS_DIR / name).read_bytes() in registered, name


def _registered_font_files() -> set[bytes]:
    folder = fonts_folder(shared_font_configuration())
    return {path.read_bytes() for path in folder.iterdir()} if folder else set()


def test_each_script_uses_its_own_face(submitted):
    names = {lang: " ".join(f.name for f in fonts(r.pdf)) for lang, r in submitted.items()}
    assert "EnvSAQ-Naskh" in names["ar"]
    assert "EnvSAQ-CJK-SC" in names["zh"]
    assert "EnvSAQ-Sans" in names["ru"]
    assert "CJK" not in names["en"] and "Naskh" not in names["en"]


def test_arabic_and_chinese_extract_in_logical_order(submitted):
    arabic = "اذكر القوانين التي تحدد الجرائم البيئية"
    chinese = "请列出界定环境犯罪的法律"
    ar_text = normalize("".join(submitted["ar"].poppler))
    zh_text = normalize("".join(submitted["zh"].poppler))
    assert normalize(arabic) in ar_text
    assert normalize(arabic)[::-1] not in ar_text
    assert normalize(chinese) in zh_text


@pytest.mark.parametrize("lang", LANGS)
def test_html_declares_language_and_direction(lang):
    html = submission_html(sample_submission(lang))
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_title_author_language(submitted, lang):
    rendered = submitted[lang]
    document = reader(rendered.pdf)
    info = document.metadata
    assert rendered.data["state"]["name"] in info.title
    assert rendered.data["cycle"]["name"] in info.title
    assert info.author == rendered.data["certified_by"]
    assert rendered.data["questionnaire"]["title"] in info.subject
    assert document.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_cover_shows_full_hash_and_footer_its_prefix(submitted, lang):
    rendered = submitted[lang]
    cover = normalize(rendered.poppler[0])
    assert SHA256 in cover
    for page in rendered.poppler[1:]:
        assert SHA256[:12] in normalize(page)
        assert SHA256[12:24] not in normalize(page)


@pytest.mark.parametrize("lang", LANGS)
def test_toc_page_numbers_match_the_pages(submitted, lang):
    rendered = submitted[lang]
    titles = [section["title"] for section in rendered.data["sections"]]
    numbers = toc_page_numbers(rendered.poppler[1], titles)
    assert numbers == sorted(numbers)
    assert numbers[-1] <= len(rendered.poppler) == len(reader(rendered.pdf).pages)
    for title, number in zip(titles, numbers, strict=True):
        assert normalize(title) in normalize(rendered.poppler[number - 1]), (title, number)


@pytest.mark.parametrize("lang", LANGS)
def test_page_x_of_y_footer(submitted, lang):
    pages = submitted[lang].poppler
    footer = translated(lang, "Page %(page)s of %(pages)s")
    for number, text in enumerate(pages, start=1):
        expected = footer % {"page": number, "pages": len(pages)}
        assert squeezed(expected) in squeezed(text), (lang, number)


def test_watermark_only_on_drafts(submitted, drafts):
    for lang, rendered in drafts.items():
        banner = squeezed(translated(lang, WATERMARK))
        assert all(banner in squeezed(page) for page in rendered.poppler), lang
    assert all(WATERMARK in page for page in drafts["en"].pypdf)
    for lang, rendered in submitted.items():
        banner = squeezed(translated(lang, WATERMARK))
        assert not any(banner in squeezed(page) for page in rendered.poppler), lang


def test_draft_has_no_snapshot_and_no_certification(drafts):
    cover = drafts["en"].poppler[0]
    assert "None: this is a working copy" in cover
    assert "Not certified" in cover
    assert "I certify" not in cover


def test_unanswered_and_not_applicable_are_marked(submitted):
    text = "".join(submitted["en"].poppler)
    assert text.count("Not answered") == 1
    assert text.count("Not applicable") == 1
    assert text.count("No answer recorded") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_questions_show_their_number_not_their_key(submitted, lang):
    """"1.1a Label" heads each question (the numbers of the pages); no internal key prints."""
    rendered = submitted[lang]
    text = "".join(rendered.poppler)
    questions = [q for section in rendered.data["sections"] for q in section["questions"]]
    assert [q["number"] for q in questions][:3] == ["1.1", "1.1a", "1.2"]
    for question in questions:
        assert question["key"] not in text
        if lang != "ar":  # poppler places numbers apart from Arabic text
            assert normalize(question["number"] + question["label"]) in normalize(text)
        else:
            assert question["number"] in text


def _structure_types(pdf: bytes) -> list[str]:
    """The structure types (/S) of the tagged PDF's structure tree, depth first."""
    types: list[str] = []
    stack = [reader(pdf).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if "/S" in node:
            types.append(str(node["/S"]))
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and kid.get("/Type") != "/MCR" and "/S" in kid:
                stack.append(kid)
    return types


@pytest.mark.parametrize("lang", LANGS)
def test_snapshots_are_tagged_in_their_language(submitted, lang):
    pdf = submitted[lang].pdf
    root = reader(pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == lang
    types = _structure_types(pdf)
    sections = len(submitted[lang].data["sections"])
    questions = sum(len(s["questions"]) for s in submitted[lang].data["sections"])
    assert types[0] == "/Document"
    assert types.count("/H2") >= sections + 1  # the contents and every section
    assert types.count("/H3") == questions
    assert {"/Table", "/TH", "/TD", "/L", "/LI", "/Link"} <= set(types)


def test_drafts_are_pdf_ua_tagged(drafts):
    for lang, rendered in drafts.items():
        root = reader(rendered.pdf).trailer["/Root"]
        assert str(root["/Lang"]) == lang and bool(root["/MarkInfo"]["/Marked"])
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
        assert "/H3" in _structure_types(rendered.pdf)


def test_arabic_mixed_runs_extract_in_logical_order():
    """A heading with a number and a sentence ending in a full stop, as poppler reads them:
    in the order they are written, not in the order their runs are drawn."""
    data = sample_submission("ar")
    title = "الفقرة 1 من المنطوق: التشريعات والتجريم"
    label = "يرجى ذكر التشريعات المنطبقة على التعويض وجبر الأضرار."
    data["sections"][0]["title"] = title
    data["sections"][0]["questions"][0]["label"] = label
    lines = [normalize(line) for page in pdftotext_pages(render_submission_pdf(data))
             for line in page.splitlines()]
    # The question number precedes the label; spaces around runs may move, letters may not.
    assert any(line.endswith(normalize(title)) for line in lines), lines[:40]
    assert any(line == normalize("1.1" + label) for line in lines), lines[:40]


def test_reference_tags_are_shown(submitted):
    text = "".join(submitted["en"].poppler)
    assert "OP 1 · arts. 5, 6" in text
    assert "OP 2, 3 · arts. 16, 18" in text
    assert "OP 1 · art. 5" in text


def test_hostile_answers_show_as_text(hostile):
    text = normalize("".join(hostile.poppler))
    for answer in HOSTILE_ANSWERS:
        assert normalize(answer) in text, answer


def test_hostile_answers_fetch_and_embed_nothing(hostile):
    assert hostile.fetcher.refused == []
    assert all(url.startswith("file://") for url in hostile.fetcher.served)
    assert all("/exports/fonts/" in url for url in hostile.fetcher.served)
    assert image_count(hostile.pdf) == 0
    # The one embedded file is the snapshot's own JSON (exports/archive.py).
    assert attachment_names(hostile.pdf) == [ATTACHMENT_NAME]
    assert link_targets(hostile.pdf) == []


def test_hostile_html_is_escaped_in_the_source():
    html = submission_html(sample_submission("en", hostile=True))
    assert "<img" not in html
    assert "<object" not in html
    assert "<iframe" not in html
    assert 'rel="attachment"' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


def test_unknown_display_kind_is_rejected():
    data = sample_submission("en")
    data["sections"][0]["questions"][0]["display"] = {"kind": "../../base", "text": "x"}
    with pytest.raises(SubmissionDataError, match="display kind"):
        submission_html(data)


def test_malformed_hash_is_rejected():
    data = sample_submission("en")
    data["snapshot"]["sha256"] = "not-a-hash"
    with pytest.raises(SubmissionDataError, match="sha256"):
        submission_html(data)


def test_direction_must_match_language():
    data = sample_submission("ar")
    data["dir"] = "ltr"
    with pytest.raises(SubmissionDataError, match="dir"):
        submission_html(data)


def test_arabic_layout_uses_logical_properties_only():
    # Mirroring comes from dir="rtl" plus logical properties; a physical left/right rule
    # would stay put in Arabic.
    html = submission_html(sample_submission("ar"))
    style = html[html.index("<style>") : html.index("</style>")]
    rules = re.sub(r"@(top|bottom)-(left|right|center)", "", style)
    assert not re.search(r"(margin|padding|border)-(left|right)|text-align:\s*(left|right)", rules)
    assert "@top-right" in style  # the running header starts on the right in Arabic


def test_table_header_repeats_on_every_page_of_a_long_table():
    data = sample_submission("en")
    statistics = data["sections"][1]["questions"][1]["display"]
    statistics["rows"] = [[f"Y{year}", "1", "2"] for year in range(1900, 2020)]
    pages = pdftotext_pages(render_submission_pdf(data))
    table_pages = [page for page in pages if re.search(r"Y(19|20)\d\d", page)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Requests received" in page

