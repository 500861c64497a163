"""Times `slidegen serve` and `slidegen preview` on the example deck: the first render, and a
one-slide text edit until the page's state shows it (its picture rendered). Also times
`preview` of the code before serve (--before SRC, e.g. /work/main/src) for comparison.
Run by hand (not in the test suite), from the repository root:

    .venv/bin/python bench/serve_edit.py [--edits N] [--before SRC]

Works on a copy of decks/, data/ and assets/ in a temp folder: the repository is never edited.
After Ctrl-C (SIGINT) it checks that no LibreOffice is left and no temp folder in TMPDIR.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECK = "decks/innvandrere-som-ressurs.yaml"
LINE = "    title: Flytting inn og ut av de ni kommunene samlet"


def state(url: str) -> dict:
    with urllib.request.urlopen(url + "state", timeout=30) as answer:
        return json.load(answer)


def wait_for(url: str, done, limit: float = 300) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            if done(state(url)):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError("the page did not show it")


def preview_seconds(project: Path, src: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    shutil.rmtree(project / "build", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "slidegen", "build", DECK], cwd=project, env=env,
                   check=True, capture_output=True)  # the build is not what is compared
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "slidegen", "preview", DECK], cwd=project, env=env,
                   check=True, capture_output=True)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--before", type=Path, help="src/ of the code before, to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp) / "project"
        for name in ("decks", "data", "assets"):
            shutil.copytree(ROOT / name, project / name)
        if args.before:
            print(f"preview, before: {preview_seconds(project, args.before):.2f} s")
        print(f"preview, now: {preview_seconds(project, ROOT / 'src'):.2f} s")
        scratch = Path(tmp) / "tmpdir"
        scratch.mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(scratch)}
        server = subprocess.Popen([sys.executable, "-m", "slidegen", "serve", DECK, "--port",
                                   "0"], cwd=project, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True,
                                  # run in the background, a shell has it ignore SIGINT
                                  preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                   signal.SIG_DFL))
        start = time.monotonic()
        url = re.search(r"http://\S+/", server.stdout.readline())[0]
        wait_for(url, lambda s: s["slides"] and not s["building"])
        first = time.monotonic() - start  # from the command's start, as an adviser waits
        print(f"serve, first render: {first:.2f} s ({len(state(url)['slides'])} slides)")
        deck = project / DECK
        text = deck.read_text("utf-8")
        times = []
        for n in range(args.edits):
            title = f"Flytting inn og ut, versjon {n}"
            deck.write_text(text.replace(LINE, f"    title: {title}"), "utf-8")
            times.append(wait_for(url, lambda s, t=title: not s["building"] and any(
                x["title"] == t and x["image"] for x in s["slides"])))
            time.sleep(1)
        print("serve, one-slide text edit → page: " + ", ".join(f"{t:.2f}" for t in times)
              + f" s; median {statistics.median(times):.2f} s")
        server.send_signal(signal.SIGINT)
        server.wait(60)
        left = sorted(p.name for p in scratch.iterdir())
        office = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{scratch}"],
                                capture_output=True, text=True).stdout.split()
        print(f"after Ctrl-C: exit {server.returncode}, left in TMPDIR: {left or 'nothing'}, "
              f"LibreOffice left running: {office or 'none'}")


if __name__ == "__main__":
    main()
