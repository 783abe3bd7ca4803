"""The aggregation's filters are checkbox groups, not multi-select lists (UX review p9)."""

from __future__ import annotations

import re

from models import Role


def checked_values(html: str, name: str) -> list[str]:
    return [m.group(1) for m in re.finditer(
        rf'<input class="choice__input" type="checkbox" id="[^"]+" name="{name}" '
        rf'value="([^"]+)" checked>', html)]


def test_groups_and_statuses_are_ticked_and_apply(client, signed_in, seed_states):
    seed_states(["KEN", "NOR", "MEX"])
    signed_in(Role.SECRETARIAT_REVIEWER)
    everything = client.get("/secretariat/aggregate").get_data(as_text=True)
    assert "<select" not in everything.split('role="search"')[1].split("</form>")[0]
    assert 'type="checkbox" id="f-group-african" name="group" value="african"' in everything
    assert 'for="f-group-western_european_other"' in everything
    assert 'name="party_status" value="party"' in everything
    assert "3 States counted" in everything and checked_values(everything, "group") == []

    two = client.get("/secretariat/aggregate?group=african&group=western_european_other"
                     ).get_data(as_text=True)
    assert checked_values(two, "group") == ["african", "western_european_other"]
    assert "2 States counted" in two
    assert '<legend class="field__label">Regional groups</legend>' in two
