"""The web side of `slidegen serve`: a small HTTP server on 127.0.0.1 with a fixed set of
addresses (the page, its script and style, the state as JSON, its live updates as server-sent
events, the slides' PNGs, the built .pptx and the contact sheet). Nothing else is served: no
file is found by a path from the request, so there is no path to traverse and no listing.
A request whose Host is not this machine is refused, so a web page elsewhere cannot reach the
server through a DNS name pointed at 127.0.0.1."""

from __future__ import annotations

import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGE = Path(__file__).with_name("page")
ASSETS = {"/": ("index.html", "text/html; charset=utf-8"),
          "/page.js": ("page.js", "text/javascript; charset=utf-8"),
          "/page.css": ("page.css", "text/css; charset=utf-8")}
SLIDE = re.compile(r"/slides/(slide-\d{2,3}\.png)")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
PING_SECONDS = 2.0  # how soon a closed tab is noticed: the next write to it fails


class Handler(BaseHTTPRequestHandler):
    server_version = "slidegen"
    server: Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if not self._local():
            return
        path = urlsplit(self.path).path
        live = self.server.live
        if path in ASSETS:
            name, kind = ASSETS[path]
            return self._send(HTTPStatus.OK, kind, (PAGE / name).read_bytes())
        if path == "/state":
            return self._json(live.wait(-1, 0))
        if path == "/events":
            return self._events()
        if path == "/deck.pptx" and live.pptx is not None and live.pptx.is_file():
            return self._send(HTTPStatus.OK, "application/vnd.openxmlformats-officedocument."
                              "presentationml.presentation", live.pptx.read_bytes(),
                              {"Content-Disposition": f'attachment; filename="{live.pptx.name}"'})
        if path == "/contact-sheet.png":
            sheet = live.sheet()
            if sheet is not None:
                return self._send(HTTPStatus.OK, "image/png", sheet.read_bytes())
        found = SLIDE.fullmatch(path)
        if found and (live.out_dir / found[1]).is_file():
            return self._send(HTTPStatus.OK, "image/png", (live.out_dir / found[1]).read_bytes())
        self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")

    def do_POST(self) -> None:  # noqa: N802
        if not self._local():
            return
        if urlsplit(self.path).path != "/kommune":
            return self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")
        length = min(int(self.headers.get("Content-Length") or 0), 1000)
        form = parse_qs(self.rfile.read(length).decode("utf-8", errors="replace"))
        self.server.live.ask_for(form.get("kommune", [""])[0])
        self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")

    def _local(self) -> bool:
        """Whether the request names this machine as its Host; if not, it is refused."""
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name in LOCAL_HOSTS:
            return True
        self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                   b"slidegen serve answers only to localhost and 127.0.0.1")
        return False

    def _events(self) -> None:
        """The state, now and after every change, as server-sent events, until the page
        closes or the server stops."""
        live = self.server.live
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        live.connected(+1)
        version = -1
        try:
            while not self.server.stopping.is_set():
                state = live.wait(version, PING_SECONDS)
                if state["version"] > version:
                    version = state["version"]
                    data = json.dumps(state, ensure_ascii=False)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                else:
                    self.wfile.write(b": ping\n\n")  # fails once the tab is closed
                self.wfile.flush()
        except OSError:  # the page went away (a broken pipe, a reset connection)
            pass
        finally:
            live.connected(-1)

    def _json(self, state: dict) -> None:
        self._send(HTTPStatus.OK, "application/json",
                   json.dumps(state, ensure_ascii=False).encode())

    def _send(self, status: HTTPStatus, kind: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store" if kind.startswith(("text", "app"))
                         else "max-age=3600")  # a slide's address changes with the slide
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: no line per request
        pass


class Server(ThreadingHTTPServer):
    """The HTTP server of one Live deck, on 127.0.0.1 only."""

    daemon_threads = True  # an open event stream never keeps the process alive

    def __init__(self, live, port: int):
        self.live = live
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", port), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"
