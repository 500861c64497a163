"""slidegen serve over HTTP, without a browser: what the page is sent (slides, titles, findings,
errors with file:line and the line), what the server refuses (another Host, paths it does not
know), and that it stops and cleans up (last tab closed, Ctrl-C). Most run without LibreOffice
(an empty PATH), which serve must survive: titles and findings, with an install note."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import SMALL_DECK_WITH_TODO
from slidegen.preview import INSTALL_HINT, tools_missing
from slidegen.serve import serve

ROOT = Path(__file__).resolve().parent.parent
DECK = SMALL_DECK_WITH_TODO


@contextmanager
def serving(deck: Path, **options):
    """serve(deck) in a thread on a free port; yields its address, stops it afterwards."""
    stop, urls = threading.Event(), []
    thread = threading.Thread(target=serve, args=(deck,), daemon=True,
                              kwargs={"port": 0, "ready": urls.append, "stop": stop, **options})
    thread.start()
    deadline = time.monotonic() + 30
    while not urls and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield urls[0]
    finally:
        stop.set()
        thread.join(60)
        assert not thread.is_alive()


def get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def state_when(url: str, ready, seconds: float = 120) -> dict:
    """The page's state once ready(state) holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = json.loads(get(url + "state")[1])
        if ready(state):
            return state
        time.sleep(0.05)
    raise AssertionError(f"not seen in {seconds} s; last state: {state}")


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """As on a machine without LibreOffice and poppler: nothing on the PATH."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert tools_missing()


def test_without_libreoffice_the_page_shows_titles_findings_and_how_to_install(
        write, no_libreoffice):
    deck = write("lite.yaml", DECK)
    with serving(deck) as url:
        state = state_when(url, lambda s: any(x["findings"] for x in s["slides"]))
        status, page = get(url)
    assert status == 200 and b'<ol id="slides">' in page
    assert [s["title"] for s in state["slides"]] == ["Første lysbilde", "Andre lysbilde",
                                                      "Tredje lysbilde"]
    assert [s["image"] for s in state["slides"]] == [None, None, None]
    assert state["note"].startswith("LibreOffice is not installed") and INSTALL_HINT in state[
        "note"]
    # the TODO in the second slide's notes, beside that slide only
    assert [[f["rule"] for f in s["findings"]] for s in state["slides"]] == [[], ["todo"], []]
    assert state["error"] is None and state["pptx"] == "lite.pptx"


def test_a_spec_error_shows_where_and_the_line_over_the_last_good_slides_until_fixed(
        write, no_libreoffice):
    deck = write("lite.yaml", DECK)
    with serving(deck) as url:
        state_when(url, lambda s: len(s["slides"]) == 3 and not s["building"])
        deck.write_text(DECK.replace("kind: bullets\n    title: Andre",
                                     "kind: bulets\n    title: Andre"), "utf-8")
        broken = state_when(url, lambda s: s["error"] is not None)
        assert broken["error"]["where"] == "lite.yaml:6"
        assert broken["error"]["line"] == "  - kind: bulets"
        assert "did you mean 'bullets'" in broken["error"]["messages"][0]
        assert len(broken["slides"]) == 3  # the last good ones, still shown
        deck.write_text(DECK.replace("Tredje lysbilde", "Tredje, rettet"), "utf-8")
        fixed = state_when(url, lambda s: s["error"] is None and not s["building"])
    assert fixed["slides"][2]["title"] == "Tredje, rettet"


def test_only_localhost_and_only_its_own_addresses(write, no_libreoffice, tmp_path):
    deck = write("lite.yaml", DECK)
    (tmp_path / "secret.txt").write_text("hemmelig", "utf-8")
    with serving(deck) as url:
        state_when(url, lambda s: s["pptx"] is not None)
        port = url.rsplit(":", 1)[1].strip("/")
        assert get(url, host="attacker.example")[0] == 403  # DNS rebinding
        assert get(url + "state", host=f"attacker.example:{port}")[0] == 403
        assert get(url, host=f"localhost:{port}")[0] == 200
        for path in ("secret.txt", "lite.yaml", "slides/", "slides/../secret.txt",
                     "slides/slide-01.png/../../secret.txt", "..%2fsecret.txt", "page",
                     "build/lite.pptx"):
            with socket.create_connection(("127.0.0.1", int(port))) as raw:  # path as given
                raw.sendall(f"GET /{path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                answer = raw.makefile("rb").read()
            assert answer.startswith(b"HTTP/1.0 404"), path
            assert b"hemmelig" not in answer
        status, pptx = get(url + "deck.pptx")
    assert status == 200 and pptx[:2] == b"PK"
    with socket.socket() as probe:  # bound to 127.0.0.1 only: not on the machine's other address
        assert probe.connect_ex((socket.gethostbyname(socket.gethostname()), int(port))) != 0 \
            or socket.gethostbyname(socket.gethostname()).startswith("127.")


def test_it_stops_a_little_after_the_last_tab_closes(write, no_libreoffice):
    deck = write("lite.yaml", DECK)
    stop, urls = threading.Event(), []
    thread = threading.Thread(target=serve, args=(deck,), daemon=True, kwargs={
        "port": 0, "ready": urls.append, "stop": stop, "grace": 1.0})
    thread.start()
    while not urls:
        time.sleep(0.02)
    port = int(urls[0].rsplit(":", 1)[1].strip("/"))
    time.sleep(1.5)
    assert thread.is_alive()  # no tab opened yet: it waits for one
    with socket.create_connection(("127.0.0.1", port)) as tab:
        tab.sendall(b"GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert b"event: state" in tab.recv(65536) + tab.recv(65536)
        time.sleep(1.5)
        assert thread.is_alive()  # a tab is open
    thread.join(15)  # closed: noticed at the next ping, then a grace of 1 s
    stop.set()
    assert not thread.is_alive()


def test_not_a_yaml_deck_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "slidegen", "serve", "x.pptx"], cwd=tmp_path,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 2 and "for a built .pptx use slidegen preview" in done.stderr


needs_libreoffice = pytest.mark.skipif(bool(tools_missing()), reason=INSTALL_HINT)


@needs_libreoffice
def test_ctrl_c_stops_libreoffice_and_leaves_no_temp_folder(write, tmp_path):
    deck = write("lite.yaml", DECK)
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "slidegen", "serve", str(deck), "--port", "0"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(scratch)})
    try:
        url = re.search(r"http://\S+/", server.stdout.readline())[0]
        state = state_when(url, lambda s: s["slides"] and s["slides"][0]["image"])
        assert get(url + state["slides"][0]["image"].lstrip("/"))[1][:4] == b"\x89PNG"
        assert list(scratch.glob("slidegen-office-*"))  # LibreOffice's profile, while it runs
        server.send_signal(signal.SIGINT)
        assert server.wait(60) == 130
    finally:
        server.kill()
        server.wait()
        server.stdout.close()
    assert list(scratch.iterdir()) == []
    running = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{scratch}"],
                             capture_output=True, text=True).stdout
    assert running == ""


def test_a_deck_made_per_kommune_has_a_picker_that_rebuilds_it(write, no_libreoffice):
    deck = write("besok.yaml", f"""
        title: "Besøk i {{{{ kommune.name }}}}"
        data: {ROOT / "data"}
        parameter: kommune
        kommune: Tinn
        slides:
          - kind: section
            title: "{{{{ kommune.name }}}} i tall"
    """)
    with serving(deck) as url:
        state = state_when(url, lambda s: s["slides"] and not s["building"])
        assert state["kommune"] is None and state["slides"][0]["title"] == "Tinn i tall"
        assert len(state["kommuner"]) == 357 and "Seljord" in state["kommuner"]
        request = urllib.request.Request(url + "kommune", data=b"kommune=Seljord",
                                         method="POST", headers={"Host": "127.0.0.1"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 204
        state = state_when(url, lambda s: s["slides"][0]["title"] == "Seljord i tall")
    assert state["kommune"] == "Seljord" and state["pptx"] == "besok-seljord.pptx"


def test_a_port_in_use_is_said_with_what_to_do(write):
    deck = write("lite.yaml", DECK)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "slidegen", "serve", str(deck), "--port",
                               str(port)], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "choose another port with --port (0: any free one)" in done.stderr
