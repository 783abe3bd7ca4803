"""Command-line groups, registered on the app by ``register_cli``."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from web.cli.demo import demo_command
    from web.cli.serve import serve_command
    from web.cli.states import states_group
    from web.cli.users import users_group

    app.cli.add_command(states_group)
    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(serve_command)
