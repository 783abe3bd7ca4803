"""``flask serve``: the embedded server for a single machine, with its own job worker."""

from __future__ import annotations

import click
from flask import current_app
from werkzeug.serving import BaseWSGIServer, make_server

from web.cli.demo import DEMO_PASSWORD


def _bind(host: str, port: int, app) -> BaseWSGIServer:
    """The server, bound to its port; a busy port is a one-line error, not a half-started app."""
    try:
        return make_server(host, port, app, threaded=True)
    except SystemExit as exc:  # werkzeug exits when it cannot bind
        raise click.ClickException(
            f"Port {port} on {host} is already in use (or not allowed). Stop the program that "
            f"uses it, or choose another port: flask --app app serve --port 5001 "
            f"(make run PORT=5001).") from exc


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Start the app (and an in-process job worker) on the embedded defaults.

    For production, run gunicorn and a separate job worker instead (docs/deployment.md).
    """
    from web.jobs import start_embedded_worker

    app = current_app._get_current_object()
    server = _bind(host, port, app)
    start_embedded_worker(app)
    click.echo(f"EnvSAQ is running at http://{host}:{port}/")
    if app.config["ENVSAQ_ENV"] != "production":
        click.echo(f"Demo sign-in: admin@envsaq.example or focal.ken@envsaq.example, "
                   f"password {DEMO_PASSWORD}  (full list: flask --app app demo)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
