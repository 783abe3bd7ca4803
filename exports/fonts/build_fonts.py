"""Rebuild the bundled font files from Debian's fonts-noto-core and fonts-noto-cjk.

Run once by hand (``.venv/bin/python exports/fonts/build_fonts.py``); the output files are
committed so every server renders with exactly the same faces.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
TRUETYPE = Path("/usr/share/fonts/truetype/noto")
OPENTYPE = Path("/usr/share/fonts/opentype/noto")
PLAIN_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)
SIMPLIFIED_CHINESE_PS_SUFFIX = "CJKsc-"


def extract_simplified_chinese(collection_path: Path, target: Path) -> None:
    """Save the Simplified Chinese member of a Noto CJK collection as a standalone OTF."""
    collection = TTCollection(str(collection_path))
    for face in collection.fonts:
        ps_name = face["name"].getDebugName(6) or ""
        if ps_name.startswith("NotoSans" + SIMPLIFIED_CHINESE_PS_SUFFIX):
            face.save(str(target))
            return
    raise LookupError(f"no Simplified Chinese face in {collection_path}")


def main() -> None:
    for name in PLAIN_FILES:
        shutil.copyfile(TRUETYPE / name, HERE / name)
    for weight in ("Regular", "Bold"):
        extract_simplified_chinese(
            OPENTYPE / f"NotoSansCJK-{weight}.ttc", HERE / f"NotoSansCJKsc-{weight}.otf"
        )


if __name__ == "__main__":
    main()
