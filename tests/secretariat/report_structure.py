"""Reading the merged report's structure tree back with pikepdf (tests/secretariat/test_report)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

OVERLAY_NAME = "/EnvSAQPageNumber"


@dataclass
class Tree:
    """What the structure tree holds: its elements, marked content and object references."""

    elements: list[Dictionary] = field(default_factory=list)
    marked: dict[tuple[int, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    """Page objgen -> MCIDs the tree refers to (with the element holding each)."""
    holders: dict[tuple[tuple[int, int], int], Dictionary] = field(default_factory=dict)
    objects: dict[tuple[int, int], Dictionary] = field(default_factory=dict)
    """Annotation objgen -> the element with an /OBJR to it."""
    bad_parents: int = 0


def read_tree(document: Dictionary) -> Tree:
    tree = Tree()
    stack: list[tuple[Any, Any, Any]] = [(document, None, None)]
    while stack:
        element, parent, page = stack.pop()
        tree.elements.append(element)
        if parent is not None and element.get("/P") != parent:
            tree.bad_parents += 1
        page = element.get("/Pg", page)
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, Array) else [] if kids is None else [kids]):
            if isinstance(kid, int):
                _mark(tree, page, kid, element)
            elif kid.get("/Type") == Name.MCR:
                _mark(tree, kid.get("/Pg", page), int(kid.MCID), element)
            elif kid.get("/Type") == Name.OBJR:
                tree.objects[kid.Obj.objgen] = element
            else:
                stack.append((kid, element, page))
    return tree


def _mark(tree: Tree, page: Any, mcid: int, element: Dictionary) -> None:
    tree.marked[page.objgen].add(mcid)
    tree.holders[(page.objgen, mcid)] = element


def page_mcids(page: pikepdf.Page) -> set[int]:
    """The MCIDs of a page's marked content."""
    return {int(item.operands[1].MCID) for item in pikepdf.parse_content_stream(page, "BDC")
            if isinstance(item.operands[1], Dictionary) and "/MCID" in item.operands[1]}


def overlay_is_an_artifact(page: pikepdf.Page) -> bool:
    """The page number is drawn inside /Artifact <</Type /Pagination>> and holds no tags."""
    last = page.obj.Contents[-1]
    operators = [(str(item.operator), list(item.operands))
                 for item in pikepdf.parse_content_stream(last)]
    names = [name for name, _operands in operators]
    if not {"BDC", "Do", "EMC"} <= set(names):
        return False
    start = names.index("BDC")
    tag, properties = operators[start][1]
    draw = names.index("Do")
    form = page.obj.Resources.XObject[OVERLAY_NAME]
    inner = {str(item.operator) for item in pikepdf.parse_content_stream(form)}
    return (tag == Name.Artifact and properties.get("/Type") == Name.Pagination
            and operators[draw][1] == [Name(OVERLAY_NAME)] and start < draw
            and names.index("EMC", draw) > draw and not inner & {"BDC", "BMC", "EMC"})
