"""`slidegen serve`: a live preview in the browser. A Live deck (live.py) rebuilt whenever its
inputs change, shown by a small local web server (server.py) on a page that updates itself."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError
from ..office import sigterm_as_ctrl_c
from .live import Live
from .server import Server

GRACE_SECONDS = 10.0  # after the last tab closes: time to reload the page or open it again


def serve(deck: Path, *, port: int = 8000, kommune: str | None = None,
          data_folder: Path | None = None, language: str | None = None, session=None,
          grace: float = GRACE_SECONDS, ready: Callable[[str], None] = print,
          stop: threading.Event | None = None) -> None:
    """Serve deck's live preview until Ctrl-C, stop is set, or grace seconds after the last
    open page closed. ready(url) is called once the server listens. Everything started is
    stopped and every temp folder removed on the way out."""
    from ..preview import Renderer, tools_missing
    from ..session import Session

    session = session or Session()
    stop = stop or threading.Event()
    renderer = None if tools_missing() else Renderer()
    out_dir = Path(tempfile.mkdtemp(prefix="slidegen-serve-"))
    live = Live(deck, out_dir, session, renderer, kommune=kommune, data_folder=data_folder,
                language=language)
    try:
        try:
            server = Server(live, port)
        except OSError as exc:
            raise BuildError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; "
                             f"choose another port with --port (0: any free one)") from None
        threads = [threading.Thread(target=server.serve_forever, args=(0.2,), daemon=True),
                   threading.Thread(target=live.run, args=(stop,), daemon=True)]
        for thread in threads:
            thread.start()
        ready(server.url)
        try:
            with sigterm_as_ctrl_c():
                while not stop.wait(0.2):  # the main thread waits here, so Ctrl-C lands here
                    if live.alone_for() > grace:
                        break
        finally:
            stop.set()
            server.stopping.set()
            server.shutdown()
            server.server_close()
            threads[1].join(timeout=30)  # a rebuild under way finishes before LibreOffice goes
    finally:
        if renderer is not None:
            renderer.close()
        shutil.rmtree(out_dir, ignore_errors=True)


__all__ = ["Live", "Server", "serve"]
