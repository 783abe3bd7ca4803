"""YAML read safely with line numbers: every mapping remembers where it and its keys start.

PyYAML's C loader is used where available (see docs/benchmarks.md: several times faster than a
pure-Python loader); duplicate keys and aliases are recorded for the caller to refuse, and only
YAML 1.2 booleans are booleans, since `yes`, `no`, `on` and `off` are answer values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import yaml


class YamlMap(dict):
    """A mapping read from YAML that remembers where it and each of its keys start (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader recording mapping lines, duplicate keys and alias use."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, int]] = []
        self.aliases: list[int] = []

    def reused(self, node: yaml.Node) -> bool:
        """True when `node` was built before: it is reached again through an alias."""
        return node in self.constructed_objects or node in self.recursive_objects


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Iterator[YamlMap]:
    data = YamlMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | date) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        line = key_node.start_mark.line + 1
        if key in data:
            loader.duplicates.append((key, line))
        if loader.reused(value_node):
            loader.aliases.append(line)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: LineLoader, node: yaml.SequenceNode) -> Iterator[list[Any]]:
    data: list[Any] = []
    yield data
    for item in node.value:
        if loader.reused(item):
            # An alias node carries its anchor's position; the list's own line is closer.
            loader.aliases.append(node.start_mark.line + 1)
        data.append(loader.construct_object(item, deep=True))


# YAML 1.2 booleans only: `yes`, `no`, `on` and `off` stay text, since they are answer values.
LineLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def type_name(value: Any) -> str:
    """How a problem message names the kind of ``value``."""
    return {
        YamlMap: "a mapping", dict: "a mapping", list: "a list", str: "text", int: "a number",
        float: "a number", bool: "true/false", type(None): "empty",
    }.get(type(value), type(value).__name__)
