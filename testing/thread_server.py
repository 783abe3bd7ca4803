"""The app served over real HTTP on 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class QuietRequestHandler(WSGIRequestHandler):
    """No line per request in the test output; errors are still logged."""

    def log_request(self, code="-", size="-") -> None:
        return None


@dataclass
class LiveServer:
    """A running server: ``url`` is its origin, e.g. ``http://127.0.0.1:40123``."""

    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def serve(app: Flask) -> LiveServer:
    """Start ``app`` on a free port (the OS picks it) with one thread per request."""
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return LiveServer(app=app, server=server, thread=thread)
