"""The merge's structure tree on two small tagged parts: a contents link tagged inside its own
entry's /Link element, or in a /Link element of its own when the entries and the elements do
not pair up (exports/report/structure.py)."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest
from pikepdf import NumberTree

from exports.report.assemble import add_links, finish, merge
from exports.report.render import render_part
from tests.secretariat.report_structure import read_tree

FRONT = ('<html lang="en"><body><h1>Contents</h1>'
         '<p><a href="#second">Second part</a></p></body></html>')
SECOND = '<html lang="en"><body><h1 id="second">Second part</h1><p>Text.</p></body></html>'


@pytest.fixture(scope="module")
def parts():
    return render_part(FRONT, "en"), render_part(SECOND, "en")


def _merged(parts, links):
    front, second = parts
    merged = merge([front.pdf, second.pdf])
    add_links(merged, links, {"second": (1, "Second part")})
    return finish(merged, title="Two parts", lang="en")


def _link_and_element(pdf: bytes):
    document = pikepdf.open(BytesIO(pdf))
    root = document.Root.StructTreeRoot
    tree = read_tree(root.K[0])
    parent_tree = dict(NumberTree(root.ParentTree).items())
    annotations = list(document.pages[0].obj.Annots)
    assert annotations and all("/StructParent" in item for item in annotations)
    elements = [parent_tree[int(item.StructParent)] for item in annotations]
    assert all(str(element.S) == "/Link" and tree.objects[item.objgen] == element
               for item, element in zip(annotations, elements, strict=True))
    assert sorted(int(page.obj.StructParents) for page in document.pages) == [0, 1]
    assert int(root.ParentTreeNextKey) == 2 + len(annotations)
    return document, tree, elements


def test_a_contents_link_is_tagged_in_its_entrys_link_element(parts):
    front, _second = parts
    assert front.links and {anchor for _page, anchor, _rect in front.links} == {"second"}
    _document, tree, elements = _link_and_element(_merged(parts, front.links))
    # The annotations of the entry's boxes share the element that holds the entry's text.
    assert len({element.objgen for element in elements}) == 1
    element = elements[0]
    page = element.Pg.objgen
    assert any(element.objgen in (holder.objgen, holder.P.objgen)
               for (on, _mcid), holder in tree.holders.items() if on == page)
    # Both parts' headings are in the one tree.
    assert sum(str(item.S) == "/H1" for item in tree.elements) == 2


def test_links_that_do_not_pair_up_get_link_elements_of_their_own(parts):
    rect = (10.0, 10.0, 100.0, 30.0)
    links = [(0, "second", rect), (0, "elsewhere", rect), (0, "second", rect)]
    _document, tree, elements = _link_and_element(_merged(parts, links))
    assert len(elements) == 2 and elements[0] != elements[1]
    assert all(not isinstance(element.K[0], int) and element.K[0].Type == "/OBJR"
               for element in elements)
    assert sum(str(item.S) == "/Document" for item in tree.elements) == 1
