"""``flask serve``: the embedded server for a single machine, with its own job worker."""

from __future__ import annotations

import click
from flask import current_app

from web.cli.demo import DEMO_PASSWORD


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Start the app (and an in-process job worker) on the embedded defaults.

    For production, run gunicorn and a separate job worker instead (docs/deployment.md).
    """
    from web.jobs import start_embedded_worker

    app = current_app._get_current_object()
    start_embedded_worker(app)
    url = f"http://{host}:{port}/"
    click.echo(f"EnvSAQ is running at {url}")
    if app.config["ENVSAQ_ENV"] != "production":
        click.echo(f"Demo sign-in: admin@envsaq.example or focal.ken@envsaq.example, "
                   f"password {DEMO_PASSWORD}  (full list: flask --app app demo)")
    # Flask ignores app.run() inside its own command line; run the server directly.
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
