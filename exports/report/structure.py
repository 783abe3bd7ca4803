"""One structure tree for the merged report: the parts' trees joined under one /Document.

Each part is rendered tagged, with a tree of its own: a /StructTreeRoot, one /Document
element, and a ParentTree that maps each page's /StructParents (and each annotation's
/StructParent) to the elements of its marked content. ``Structure.add_part`` copies a part's
tree after its pages (qpdf reuses the copies of objects already copied from the same source, so
the copied elements' /Pg and /OBJR point at the merged pages), hangs the part's top-level
elements under the merged document's /Document and renumbers its ParentTree keys after the
parts before it. MCIDs are numbered per page, so they stay. ``finish`` writes the tree and the
catalog entries a tagged PDF has.
"""

from __future__ import annotations

from collections.abc import Iterator

from pikepdf import Array, Dictionary, Name, NumberTree, Object, Page, Pdf

NUMBER_KEYS = ("/StructParents", "/StructParent")


class Structure:
    """The merged document's structure tree, built part by part."""

    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                                     P=self.root, K=Array()))
        self.entries: list[tuple[int, Object]] = []
        """The ParentTree's (key, value) pairs (keys unique across parts)."""
        self.next_key = 0
        self.parts: list[list[Object]] = []
        """Each part's top-level elements, in order."""
        self.maps: dict[str, Dictionary] = {}
        self.namespace: Object | None = None

    def add_part(self, source: Pdf, pages: list[Page]) -> None:
        """Join ``source``'s tree; ``pages`` are the merged document's copies of its pages,
        already copied from ``source``."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            self.parts.append([])
            return
        copied = self.pdf.copy_foreign(tree)
        offset = self.next_key
        added = self._copy_entries(copied, offset)
        for page in pages:
            self._shift(page.obj, offset)
            for annotation in page.obj.get("/Annots", Array()):
                self._shift(annotation, offset)
        part_next = int(copied.get("/ParentTreeNextKey", 0))
        self.next_key = max(offset + part_next, max((key for key, _ in added),
                                                    default=offset - 1) + 1)
        elements = _in_page_order(list(_top_elements(copied)), _detached(copied, added),
                                  [page.obj.objgen for page in pages])
        for element in elements:
            element.P = self.document
            self.document.K.append(element)
        self.parts.append(elements)
        for name in ("/RoleMap", "/ClassMap"):
            for key, value in copied.get(name, Dictionary()).items():
                self.maps.setdefault(name, Dictionary())[key] = value
        namespaces = copied.get("/Namespaces")
        if self.namespace is None and namespaces is not None and len(namespaces):
            self.namespace = namespaces[0]

    def _copy_entries(self, copied: Object, offset: int) -> list[tuple[int, Object]]:
        parent_tree = copied.get("/ParentTree")
        items = [] if parent_tree is None else sorted(
            NumberTree(parent_tree).items(), key=lambda item: item[0])
        added = [(int(key) + offset, value) for key, value in items]
        self.entries.extend(added)
        return added

    @staticmethod
    def _shift(dictionary: Object, offset: int) -> None:
        for key in NUMBER_KEYS:
            if key in dictionary:
                dictionary[key] = int(dictionary[key]) + offset

    def link_elements(self, part: int) -> list[Object]:
        """The part's outermost /Link elements (one per HTML link), in reading order."""
        found: list[Object] = []
        stack = list(reversed(self.parts[part]))
        while stack:
            element = stack.pop()
            if element.get("/S") == Name.Link:
                found.append(element)
                continue
            stack.extend(reversed([kid for kid in _kids(element) if _is_element(kid)]))
        return found

    def tag_annotation(self, annotation: Object, page: Page, parent: Object | None,
                       part: int = 0) -> None:
        """Give an annotation made after the merge its place in the tree: an /OBJR in
        ``parent`` (a /Link element), else in a new /Link element at the end of ``part``."""
        if parent is None:
            elements = self.parts[part]
            holder = elements[-1] if elements else self.document
            parent = self.pdf.make_indirect(Dictionary(
                Type=Name.StructElem, S=Name.Link, P=holder, Pg=page.obj, K=Array()))
            _kid_array(holder).append(parent)
        _kid_array(parent).append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
        annotation.StructParent = self.next_key
        self.entries.append((self.next_key, parent))
        self.next_key += 1
        page.obj.Tabs = Name.S

    def finish(self) -> None:
        """Write the tree into the catalog, with what marks the PDF as tagged."""
        flat = Array()
        for key, value in sorted(self.entries, key=lambda entry: entry[0]):
            flat.append(key)
            flat.append(value)
        self.root.K = Array([self.document])
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=flat))
        self.root.ParentTreeNextKey = self.next_key
        for name, mapping in self.maps.items():
            self.root[name] = mapping
        if self.namespace is not None:
            self.root.Namespaces = Array([self.namespace])
            self.document.NS = self.namespace
        catalog = self.pdf.Root
        catalog.StructTreeRoot = self.root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)


def _detached(tree: Object, entries: list[tuple[int, Object]]) -> list[Object]:
    """Elements the ParentTree maps content to but the tree does not reach: WeasyPrint tags
    the margin boxes' content (the running head) under elements whose parent is the
    /Document but that are not among its kids. They are the topmost such elements."""
    documents = {kid.objgen for kid in _kids(tree) if _is_element(kid)
                 and kid.get("/S") == Name.Document}
    attached = {element.objgen for element in _top_elements(tree)}
    top_of: dict[tuple[int, int], Object | None] = {}
    found: dict[tuple[int, int], Object] = {}
    for _key, value in entries:
        for element in (value if isinstance(value, Array) else [value]):
            top = _top(element, documents, top_of)
            if top is not None and top.objgen not in attached:
                found.setdefault(top.objgen, top)
    return list(found.values())


def _top(element: Object, documents: set[tuple[int, int]],
         top_of: dict[tuple[int, int], Object | None]) -> Object | None:
    """The ancestor of ``element`` (itself included) whose parent is a /Document."""
    path: list[tuple[int, int]] = []
    current: Object | None = element
    result: Object | None = None
    while current is not None and _is_element(current):
        if current.objgen in top_of:
            result = top_of[current.objgen]
            break
        path.append(current.objgen)
        parent = current.get("/P")
        if parent is None or parent.objgen in documents:
            result = current
            break
        current = parent
    for objgen in path:
        top_of[objgen] = result
    return result


def _in_page_order(elements: list[Object], detached: list[Object],
                   pages: list[tuple[int, int]]) -> list[Object]:
    """``elements`` with each of ``detached`` before the first element on its page or a
    later one (the running head before the page's body)."""
    number = {objgen: index for index, objgen in enumerate(pages)}

    def page(element: Object) -> int:
        target = element.get("/Pg")
        return number.get(target.objgen, 0) if target is not None else 0

    waiting = sorted(detached, key=page)
    ordered: list[Object] = []
    for element in elements:
        while waiting and page(waiting[0]) <= page(element):
            ordered.append(waiting.pop(0))
        ordered.append(element)
    return ordered + waiting


def _top_elements(tree: Object) -> Iterator[Object]:
    """The elements under a part's /Document (or the tree's own kids, if it has none)."""
    for kid in _kids(tree):
        if not _is_element(kid):
            continue
        if kid.get("/S") == Name.Document:
            yield from (item for item in _kids(kid) if _is_element(item))
        else:
            yield kid


def _kids(element: Object) -> list[Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(kid: Object) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid


def _kid_array(element: Object) -> Array:
    """The element's /K as an array (made one if it held a single kid)."""
    kids = element.get("/K")
    if not isinstance(kids, Array):
        kids = Array([] if kids is None else [kids])
        element.K = kids
        kids = element.K
    return kids
