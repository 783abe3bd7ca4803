"""Names in Chinese, Japanese or Korean script have fonts on every page (UX review p17): the
style sheet ends every font stack with CJK faces, marks Japanese and Korean names with their
language, and serves the glyphs of "中文" for machines without any CJK font."""

from __future__ import annotations

import io
import re
from pathlib import Path

from fontTools.ttLib import TTFont

from models import Role
from web.locale import LANGUAGE_NAMES
from web.person_names import person_name, script_language

ROOT = Path(__file__).resolve().parents[2]


class Person:
    def __init__(self, name: str, email: str = "p@example.org") -> None:
        self.name, self.email = name, email


def test_the_script_says_the_language_when_it_can():
    assert script_language("田中 あいこ") == "ja"
    assert script_language("김민준") == "ko"
    assert script_language("王芳") is None  # Han alone: Chinese, Japanese or Korean
    assert script_language("Ingrid Hansen") is None
    assert person_name(Person("김민준")) == '<bdi class="person" lang="ko">김민준</bdi>'
    assert person_name(Person("", "x@example.org")) == '<bdi class="person">x@example.org</bdi>'
    assert person_name(Person("<b>Eve</b>")) == (
        '<bdi class="person">&lt;b&gt;Eve&lt;/b&gt;</bdi>')


def test_every_font_stack_ends_with_cjk_faces():
    css = (ROOT / "web" / "static" / "envsaq.css").read_text(encoding="utf-8")
    stacks = re.findall(r"--font:([^;]+);", css)
    assert len(stacks) == 3  # the default, Arabic and Chinese interfaces
    assert all("var(--font-cjk)" in stack for stack in stacks)
    cjk = re.search(r"--font-cjk:([^;]+);", css).group(1)
    for face in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans",
                 "Malgun Gothic"):
        assert f'"{face}"' in cjk
    assert re.search(r':lang\(ja\) \{ font-family: [^}]*"Noto Sans CJK JP"', css)
    assert re.search(r':lang\(ko\) \{ font-family: [^}]*"Noto Sans CJK KR"', css)


def test_the_served_subset_draws_the_language_names(client):
    css = client.get("/static/envsaq.css").get_data(as_text=True)
    wanted = {ch for name in LANGUAGE_NAMES.values() for ch in name if ord(ch) >= 0x2E80}
    ranges = re.search(r"unicode-range: ([^;]+);", css).group(1)
    assert {chr(int(code[2:], 16)) for code in ranges.split(", ")} == wanted
    url = re.search(r'url\("(fonts/[^"]+\.woff2)"\)', css).group(1)
    answer = client.get(f"/static/{url}")
    assert answer.status_code == 200 and len(answer.data) < 10_000
    font = TTFont(io.BytesIO(answer.data))
    assert {ord(ch) for ch in wanted} <= set(font.getBestCmap())


def test_a_korean_name_on_the_team_page_is_marked(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN", name="Wanjiru Kamau")
    make_user(Role.CONTRIBUTOR, "KEN", name="김민준")
    html = client.get(f"/states/KEN/cycles/{cycle.id}/team").get_data(as_text=True)
    assert '<bdi class="person" lang="ko">김민준</bdi>' in html
    assert '<bdi class="person">Wanjiru Kamau</bdi>' in html  # the header: the user's own name
