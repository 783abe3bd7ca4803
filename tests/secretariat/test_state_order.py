"""Lists of States follow the collation of the page's language (UX review p8)."""

from __future__ import annotations

from models import Role


def test_dashboard_lists_cote_divoire_after_costa_rica(client, signed_in, seed_states):
    seed_states(["CZE", "CIV", "CRI", "CUB"])
    signed_in(Role.SECRETARIAT_REVIEWER, locale="en")
    html = client.get("/secretariat/").get_data(as_text=True)
    positions = [html.index(name) for name in
                 ("Costa Rica", "Côte d", "Cuba", "Czechia")]
    assert positions == sorted(positions)


def test_dashboard_in_russian_follows_the_russian_alphabet(client, signed_in, seed_states):
    seed_states(["CZE", "CIV", "CRI", "CUB"])
    signed_in(Role.SECRETARIAT_REVIEWER, locale="ru")
    html = client.get("/secretariat/").get_data(as_text=True)
    # Коста-Рика, Кот-д'Ивуар, Куба, Чехия
    positions = [html.index(name) for name in ("Коста-Рика", "Кот-д", "Куба", "Чехия")]
    assert positions == sorted(positions)
