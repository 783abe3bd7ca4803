"""Command-line groups, registered on the app by ``register_cli``."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from web.cli.analysis import analysis_group
    from web.cli.backup import register_backup_commands
    from web.cli.cycles import cycles_group
    from web.cli.demo import demo_command
    from web.cli.export import export_group
    from web.cli.jobs import jobs_group
    from web.cli.questionnaire import questionnaire_group
    from web.cli.responses import responses_group
    from web.cli.secretariat import register_secretariat_commands
    from web.cli.serve import serve_command
    from web.cli.states import states_group
    from web.cli.translate import translate_group
    from web.cli.users import users_group
    from web.cli.verify import verify_command

    app.cli.add_command(analysis_group)
    app.cli.add_command(states_group)
    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(cycles_group)
    app.cli.add_command(export_group)
    app.cli.add_command(jobs_group)
    app.cli.add_command(questionnaire_group)
    app.cli.add_command(responses_group)
    app.cli.add_command(serve_command)
    register_secretariat_commands(app)
    register_backup_commands(app)
    app.cli.add_command(translate_group)
    app.cli.add_command(verify_command)
