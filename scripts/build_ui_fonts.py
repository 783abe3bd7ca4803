"""Build the page font the interface serves: the Chinese name of the Chinese language.

The language lists show every language in its own script ("中文"); a machine without any
CJK font would draw boxes instead (UX review p17). The style sheet names a tiny subset of the
Noto Sans CJK SC face already in ``exports/fonts`` for exactly those characters (its
``unicode-range``), so browsers that lack a CJK font fetch a few kilobytes, others nothing.

Run by hand after changing the language names: ``.venv/bin/python scripts/build_ui_fonts.py``;
the output is committed.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "exports" / "fonts" / "NotoSansCJKsc-Regular.otf"
TARGET = ROOT / "web" / "static" / "fonts" / "envsaq-language-names-cjk.woff2"


def cjk_characters() -> str:
    """The CJK characters of the language names (web/locale.py's LANGUAGE_NAMES)."""
    from web.locale import LANGUAGE_NAMES

    return "".join(sorted({ch for name in LANGUAGE_NAMES.values() for ch in name
                           if "\u2e80" <= ch <= "\u9fff"}))


def main() -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=cjk_characters())
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(TARGET), options)
    print(f"Wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes) for "
          f"{cjk_characters()!r}")


if __name__ == "__main__":
    main()
