"""Lists of States follow the collation of the page's language (UX review p8)."""

from __future__ import annotations

from models import Role


def invited_table(html: str) -> str:
    """The table of invited States (the review queue above it has its own order)."""
    captions = [at for at in range(len(html)) if html.startswith('<caption', at)]
    return html[captions[-1]:]


def test_dashboard_lists_cote_divoire_after_costa_rica(client, signed_in, seed_states):
    seed_states(["CZE", "CIV", "CRI", "CUB"])
    signed_in(Role.SECRETARIAT_REVIEWER, locale="en")
    html = invited_table(client.get("/secretariat/").get_data(as_text=True))
    positions = [html.index(name) for name in
                 ("Costa Rica", "Côte d", "Cuba", "Czechia")]
    assert positions == sorted(positions)


def test_dashboard_in_russian_follows_the_russian_alphabet(client, signed_in, seed_states):
    seed_states(["CZE", "CIV", "CRI", "CUB"])
    signed_in(Role.SECRETARIAT_REVIEWER, locale="ru")
    html = invited_table(client.get("/secretariat/").get_data(as_text=True))
    # Коста-Рика, Кот-д'Ивуар, Куба, Чехия
    positions = [html.index(name) for name in ("Коста-Рика", "Кот-д", "Куба", "Чехия")]
    assert positions == sorted(positions)
