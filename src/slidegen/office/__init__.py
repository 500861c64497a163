"""LibreOffice for previews: .pptx → PDF. One soffice process kept for a session (Office), driven
over UNO by a small bridge run with a Python that has Debian's python3-uno, so that a rebuild
converts only the slides that changed, without starting LibreOffice again (~3 s). Without such a
Python, each conversion starts soffice once, as `soffice --convert-to pdf` always did.

Every soffice runs in a process group of its own with a profile in a temp folder of its own:
Ctrl-C, a failure or the end of the session stop the whole group before the folder is removed,
so no LibreOffice is left running and no profile is left in TMPDIR."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import BuildError, display_path, excerpt

BRIDGE = Path(__file__).with_name("uno_bridge.py")
START_SECONDS = 60  # a cold LibreOffice on a busy machine takes ~10 s to answer
CONVERT_SECONDS = 600  # as the one-shot conversion always allowed
# hidden slides too, so that page n of the PDF is slide n of the deck (LibreOffice ≥ 7.4)
HIDDEN_TOO = 'pdf:impress_pdf_Export:{"ExportHiddenSlides":{"type":"boolean","value":"true"}}'


@contextlib.contextmanager
def sigterm_as_ctrl_c():
    """Within it, SIGTERM (kill, a service manager, a closed terminal's job control) stops the
    command as Ctrl-C does, so that LibreOffice is stopped and its profile removed on the way
    out. Only in the main thread, where signals are handled."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def uno_python() -> str | None:
    """A Python that can import uno: SLIDEGEN_UNO_PYTHON ('' for none), else this one, else
    the system's python3 (Debian's python3-uno is installed for it, not for a venv)."""
    chosen = os.environ.get("SLIDEGEN_UNO_PYTHON")
    candidates = [chosen] if chosen is not None else [sys.executable, "/usr/bin/python3"]
    for python in filter(None, candidates):
        try:
            found = subprocess.run([python, "-c", "import uno"], capture_output=True,
                                   timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return python
    return None


def _stop_group(process: subprocess.Popen | None) -> None:
    """Stop a process started with start_new_session and everything it started (soffice's
    launcher starts soffice.bin), waiting until they are gone."""
    if process is None:
        return
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(wait)
            os.killpg(process.pid, 0)  # the launcher is gone: is soffice.bin too?
        except ProcessLookupError:
            break
        except subprocess.TimeoutExpired:
            continue
    if process.returncode is None:
        process.wait()


def convert_once(pptx: Path, pdf: Path) -> None:
    """pptx → pdf (every slide) with a soffice started for this one file."""
    with tempfile.TemporaryDirectory(prefix="slidegen-preview-") as tmp:
        # A profile of its own per conversion, so previews can run side by side.
        profile = Path(tmp) / "profile"
        process = subprocess.Popen(
            [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", HIDDEN_TOO, "--outdir", tmp, str(pptx)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True, env={**os.environ, "TMPDIR": tmp})  # its temp files too
        try:
            said, _ = process.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            said = f"no answer in {CONVERT_SECONDS} s"
        finally:  # also on Ctrl-C: the group goes before its profile does
            _stop_group(process)
            process.stdout.close()
        made = Path(tmp) / (pptx.stem + ".pdf")
        if process.returncode != 0 or not made.is_file():
            raise BuildError(f"LibreOffice could not convert {display_path(pptx)}: "
                             f"{excerpt((said or '').strip(), 300)}")
        shutil.move(str(made), pdf)


class Office:
    """One LibreOffice kept running for a session, started at the first conversion; close()
    (or the end of the process) stops it and removes its profile."""

    def __init__(self, persistent: bool = True):
        self.persistent = persistent
        self._python: str | None = None
        self._soffice: subprocess.Popen | None = None
        self._bridge: subprocess.Popen | None = None
        self._profile: Path | None = None
        self._pipe = ""

    def convert(self, pptx: Path, pdf: Path, slides: list[int] | None = None) -> list[int]:
        """Write slides (numbers from 1; None: all) of pptx to pdf; returns the slides the PDF
        holds, in order: all of them when only a one-shot conversion is at hand."""
        if self.persistent and self._started():
            answer = self._ask({"pptx": str(pptx.resolve()), "pdf": str(pdf.resolve()),
                                "pages": ",".join(map(str, slides or []))})
            if answer.get("ok") and pdf.is_file():
                return list(slides) if slides else []
            self.close()  # a LibreOffice in trouble is not asked twice: a fresh one next time
            if answer.get("died") is None:
                raise BuildError(f"LibreOffice could not convert {display_path(pptx)}: "
                                 f"{excerpt(answer.get('error', ''), 300)}")
        convert_once(pptx, pdf)
        return []

    def _started(self) -> bool:
        if self._bridge is not None and self._bridge.poll() is None:
            return True
        self.close()
        self._python = self._python or uno_python()
        if self._python is None:
            self.persistent = False  # asked once per session
            return False
        self._profile = Path(tempfile.mkdtemp(prefix="slidegen-office-"))
        pipe = self._pipe = f"slidegen-{os.getpid()}-{id(self)}"
        atexit.register(self.close)
        # LibreOffice's own temp files and its pipe go in the same folder, removed with it
        env = {**os.environ, "TMPDIR": str(self._profile)}
        self._soffice = subprocess.Popen(
            [soffice(), f"-env:UserInstallation={(self._profile / 'profile').as_uri()}",
             "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
             "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, env=env)
        self._bridge = subprocess.Popen(
            [self._python, str(BRIDGE), pipe, str(START_SECONDS)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True, env=env)
        if self._read(START_SECONDS + 5).get("ok"):
            return True
        self.close()
        self.persistent = False  # it did not start: one-shot conversions from now on
        return False

    def _ask(self, request: dict) -> dict:
        try:
            self._bridge.stdin.write(json.dumps(request) + "\n")
            self._bridge.stdin.flush()
        except OSError:
            return {"died": True}
        return self._read(CONVERT_SECONDS)

    def _read(self, seconds: float) -> dict:
        """The bridge's next answer; {'died': True} when it ends or stays silent."""
        ready, _, _ = select.select([self._bridge.stdout], [], [], seconds)
        line = self._bridge.stdout.readline() if ready else ""
        try:
            return json.loads(line) if line else {"died": True}
        except ValueError:
            return {"died": True}

    def close(self) -> None:
        """Stop the bridge and LibreOffice and remove the profile; safe to call again."""
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.stdin.close()
            _stop_group(bridge)
            bridge.stdout.close()
        office, self._soffice = self._soffice, None
        _stop_group(office)
        profile, self._profile = self._profile, None
        if profile is not None:
            shutil.rmtree(profile, ignore_errors=True)
            # the pipe's socket file, which LibreOffice always puts in /tmp
            Path("/tmp", f"OSL_PIPE_{os.getuid()}_{self._pipe}").unlink(missing_ok=True)
        atexit.unregister(self.close)
