"""Ctrl-C, as a terminal sends it: SIGINT to every process of the command's group, the chart
and deck workers too. Whenever it comes — while pandas or matplotlib is still importing, while a
worker starts, while decks are written — the command says «aborted», exits 130, prints no
traceback (from any process) and leaves no temporary file beside the decks or in the caches."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time

from conftest import ROOT

SLIDEGEN = [sys.executable, "-c", "from slidegen.cli import run; run()"]


def interrupted(args: list[str], after: float, cwd, cache) -> tuple[int, str]:
    env = {**os.environ, "SLIDEGEN_CACHE_DIR": str(cache)}
    started = subprocess.Popen(SLIDEGEN + args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(after)
    with contextlib.suppress(ProcessLookupError):  # done already
        os.killpg(started.pid, signal.SIGINT)  # the whole group, as Ctrl-C in a terminal
    _, err = started.communicate(timeout=120)
    return started.returncode, err.decode("utf-8", "replace")


def leftovers(*folders) -> list[str]:
    return [str(p) for folder in folders if folder.exists()
            for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_ctrl_c_at_any_moment_is_a_clean_stop(tmp_path):
    for folder in ("data", "decks", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    stopped = 0
    for after, args in [(0.3, ["build", "decks/innvandrere-som-ressurs.yaml"]),
                        (1.0, ["build", "decks/innvandrere-som-ressurs.yaml", "--jobs", "2"]),
                        (2.0, ["build", "decks/innvandrere-som-ressurs.yaml", "--jobs", "2"]),
                        (3.0, ["build", "decks/kommunebesok.yaml", "--group",
                               "distriktskommuner-telemark", "--jobs", "2"]),
                        (6.0, ["build", "decks/kommunebesok.yaml", "--group",
                               "distriktskommuner-telemark", "--jobs", "2"])]:
        cache = tmp_path / f"cache-{after}"
        shutil.rmtree(tmp_path / "build", ignore_errors=True)
        code, err = interrupted(args, after, tmp_path, cache)
        assert "Traceback" not in err and "Process " not in err, (after, err)
        assert code in (0, 130), (after, code, err)
        if code == 130:
            stopped += 1
            assert err.strip().splitlines()[-1] == "aborted", err
        assert not leftovers(tmp_path / "build", cache), after
    assert stopped >= 3  # most stops came while the command was under way
