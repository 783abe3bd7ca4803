"""EnvSAQ: the application factory. Composition only: every part is defined elsewhere."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the environment (see README), then apply ``config`` on top."""
    from web.config import load_config

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "web" / "static"),
        instance_relative_config=False,
    )
    app.config.update(load_config())
    if config:
        app.config.update(config)
    app.instance_path = app.config["INSTANCE_PATH"]
    if app.config.get("CONFIGURE_LOGGING", not app.config.get("TESTING")):
        from web.logs import configure_logging

        configure_logging()

    _trust_proxies(app)
    _trust_hosts(app)
    _bound_route_numbers(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)

    from web.bootstrap import prepare_database

    if app.config.get("AUTO_MIGRATE") and not app.config.get("TESTING"):
        prepare_database(app)
    from web.version import app_version

    logging.getLogger("envsaq").info("EnvSAQ %s ready (%s, instance %s)", app_version(),
                                     app.config["ENVSAQ_ENV"], app.config["INSTANCE_PATH"])
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind N reverse proxies (``ENVSAQ_PROXY_FIX=N``), read the client's address, scheme,
    host and port from the X-Forwarded-* headers they set. Off by default: without a proxy
    that overwrites them, those headers are whatever the client claims."""
    from web.config import ConfigError

    hops = app.config["PROXY_FIX"]
    if not isinstance(hops, int) or hops < 0:
        raise ConfigError(f"ENVSAQ_PROXY_FIX must be a number of proxies, not {hops!r}")
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # X-Forwarded-Host only when configured: a proxy that passes on the client's own
        # value would otherwise let any client choose the host the app believes it has.
        host_hops = hops if app.config["PROXY_TRUST_HOST"] else 0
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=host_hops,
                                x_port=host_hops)


def _trust_hosts(app: Flask) -> None:
    """Answer only requests for the configured host (``ENVSAQ_BASE_URL``; loopback names too
    in development; ``ENVSAQ_TRUSTED_HOSTS`` adds more). Any other ``Host`` gets 400."""
    from web.links import trusted_hosts

    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(
            app.config["BASE_URL"], development=app.config["ENVSAQ_ENV"] != "production",
            extra=app.config.get("EXTRA_TRUSTED_HOSTS"))


def _bound_route_numbers(app: Flask) -> None:
    """``<int:...>`` routes refuse numbers no database id can have (404, not an overflow)."""
    from web.params import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter


def _init_extensions(app: Flask) -> None:
    import models  # noqa: F401  (registers every model on the metadata)
    import web.mail_delivery
    import web.report_prerender  # noqa: F401  (report parts rendered after a submission)
    from web import database, templating
    from web.accounts.passwords import init_passwords
    from web.errors import init_errors
    from web.extensions import babel, csrf, db, login_manager, migrate
    from web.locale import select_locale
    from web.logs import init_request_logging
    from web.security import init_security

    db.init_app(app)
    database.init_database(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    init_security(app)
    init_passwords(app)
    init_request_logging(app)
    init_errors(app)
    templating.init_templating(app)


def _unauthorized():
    """Pages send visitors to sign in; background requests get 401 so no input is lost."""
    from flask import jsonify, redirect, request, url_for

    from web.navigation import wants_json

    if wants_json():
        return jsonify(error="signed_out", status=401), 401
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


def _register_blueprints(app: Flask) -> None:
    from web.admin import bp as admin_bp
    from web.auth import bp as auth_bp
    from web.cycles import bp as cycles_bp
    from web.home import bp as home_bp
    from web.ops import bp as ops_bp
    from web.questionnaires import bp as questionnaires_bp
    from web.secretariat import register_secretariat_blueprints
    from web.verify import bp as verify_bp
    from web.workspace import bp as workspace_bp

    app.register_blueprint(home_bp)
    app.register_blueprint(ops_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(workspace_bp)
    app.register_blueprint(questionnaires_bp)
    app.register_blueprint(cycles_bp)
    app.register_blueprint(verify_bp)
    register_secretariat_blueprints(app)


def _register_cli(app: Flask) -> None:
    from web.cli import register_cli

    register_cli(app)


def cli_main() -> None:
    """Console entry point ``envsaq``: the same commands as ``flask --app app``."""
    from flask.cli import FlaskGroup

    os.environ.setdefault("FLASK_APP", "app")
    FlaskGroup(create_app=create_app)()
