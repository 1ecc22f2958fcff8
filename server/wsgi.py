"""waitress serving the app, set for a classroom (SETTINGS), with the app's security headers also on
the answers waitress writes by itself, before or instead of the app: 400 (malformed request), 431
(headers too large), 413 (a body over 1 kB), and the 500 it sends when a response fails after the app
returned. Those answers are JSON {"error": ...}, as the app's own errors are."""

import json

from waitress import create_server as _waitress_server
from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

from server import SECURITY_HEADERS


class _SecureErrorTask(ErrorTask):
    def execute(self):
        e = self.request.error
        detail = "the request body is over the 1 kB limit" if e.code == 413 else f"{e.reason.lower()}: {e.body}"
        body = json.dumps({"error": detail}).encode()
        self.status = f"{e.code} {e.reason}"
        self.response_headers.extend([("Content-Type", "application/json"), *SECURITY_HEADERS.items()])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _SecureChannel(HTTPChannel):
    error_task_class = _SecureErrorTask


# A classroom opens ~6 connections per visitor at once: waitress's default limit (100) would leave the
# rest waiting in the listen queue, and select() cannot watch more than 1,024 sockets; poll() can.
# Nothing is ever uploaded (images stay in the browser): a request body over 1 kB gets waitress's 413.
# (waitress refuses a body of max_request_body_size bytes or more: 1025 lets through 1 kB exactly, as Flask's
# MAX_CONTENT_LENGTH does.)
SETTINGS = {"connection_limit": 2000, "asyncore_use_poll": True, "backlog": 2048, "max_request_body_size": 1025}


def create_server(app, host="127.0.0.1", port=0, threads=4, **options):
    """A waitress server for `app` on host:port (not yet running: call .run()); .effective_port is
    the port it got (port 0: any free one). `options`: more of waitress's settings."""
    server = _waitress_server(app, host=host, port=port, threads=threads, **{**SETTINGS, **options})
    server.channel_class = _SecureChannel  # the class waitress makes each connection's channel from
    return server
