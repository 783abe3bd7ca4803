"""Stylesheets mirror for Arabic by using logical properties only, and name proper fonts.

`margin-inline-start` follows the text direction; `margin-left` does not, so one physical
property is enough to break the right-to-left layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = [
    ROOT / "web/static/envsaq.css",
    ROOT / "templates/pdf/print.css",
    ROOT / "templates/pdf/report/report.css",
]
#: A property that names a side (margin-left, border-right-color, left, ...) or a value that
#: does (text-align: left, float: right, ...).
PHYSICAL = re.compile(
    r"(?<![\w-])(?:[a-z-]+-)?(?:left|right)(?:-[a-z-]+)?\s*:"
    r"|(?<![\w-])(?:text-align|float|clear|caption-side|background-position)\s*:[^;}]*"
    r"\b(?:left|right)\b",
)


def declarations(css: str) -> str:
    """The CSS with comments and Jinja expressions removed (print.css is a template)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "", css, flags=re.S)


def physical_properties(css: str) -> list[str]:
    return [match.group(0) for match in PHYSICAL.finditer(declarations(css))]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_uses_logical_properties_only(path):
    found = physical_properties(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: use logical properties instead of {found}"


@pytest.mark.parametrize(
    ("css", "found"),
    [
        (".a { margin-left: 1rem }", True),
        (".a { padding-right: 1rem }", True),
        (".a { border-left-color: red }", True),
        (".a { left: 0 }", True),
        (".a { text-align: right }", True),
        (".a { float: left }", True),
        (".a { margin-inline-start: 1rem; inset-inline-start: 0; text-align: start }", False),
        (".a { border-block-end: 1px solid } /* not margin-left */", False),
        (".copyright { color: red }", False),
    ],
)
def test_the_check_itself(css, found):
    assert bool(physical_properties(css)) is found


def test_browser_font_stacks_for_arabic_and_chinese():
    css = (ROOT / "web/static/envsaq.css").read_text(encoding="utf-8")
    arabic = re.search(r'html\[lang="ar"\]\s*{[^}]*--font:([^;]+);', css)
    chinese = re.search(r'html\[lang="zh"\]\s*{[^}]*--font:([^;]+);', css)
    cjk = re.search(r"--font-cjk:([^;]+);", css)
    assert arabic and "Arabic" in arabic.group(1)
    assert chinese and cjk and "var(--font-cjk)" in chinese.group(1)
    chinese_stack = chinese.group(1).replace("var(--font-cjk)", cjk.group(1))
    assert "Noto Sans CJK SC" in chinese_stack and "Microsoft YaHei" in chinese_stack
    assert "font-family: var(--font)" in css
