"""Does a bigger data/ slow down the builds that read little of it? Times the same decks with a
commit's code and data/ (default 3594abf: nine kommuner, 2023–2024) and with the working tree's
(all 357 kommuner, 1986–2026, education), each run cold (a fresh chart and slide cache).

    .venv/bin/python bench/data_growth.py [REV] [--rounds N]

The decks are the commit's own (its example deck and its kommunebesok.yaml), copied into the
working tree's side too, so both sides make the same slides and only code and data differ: one
kommune's deck (kommunebesok for Tinn) and the nine-kommune batch (--jobs 1). Rounds alternate
between the sides, so a machine that slows down during the run slows both. Prints the median
seconds of each and their ratio (working tree / commit; ≤ 1.0 is no slower).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = {"one kommune (kommunebesok, Tinn)": ("decks/kommunebesok.yaml", "--kommune", "Tinn"),
        "nine-kommune batch, --jobs 1": ("decks/kommunebesok.yaml", "--group",
                                         "distriktskommuner-telemark", "--jobs", "1")}


def timed(source: Path, decks: Path, args: tuple[str, ...], scratch: Path) -> float:
    """Seconds for one cold build by the slidegen and data/ at source, of the decks in decks."""
    work = Path(tempfile.mkdtemp(dir=scratch))
    shutil.copytree(source / "data", work / "data")
    shutil.copytree(decks, work / "decks")
    (work / "assets").symlink_to(source / "assets")
    env = {**os.environ, "PYTHONPATH": str(source / "src"), "SLIDEGEN_CACHE_DIR": str(work / "c")}
    command = [sys.executable, "-m", "slidegen", "build", *args, "-o", str(work / "out"),
               "--force"]
    if "--group" not in args:
        command[-2] = str(work / "out.pptx")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed with {source}:\n{done.stderr}")
    shutil.rmtree(work)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="3594abf")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="slidegen-growth-") as tmp:
        tmp = Path(tmp)
        old = tmp / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.rev], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            for name, run in RUNS.items():
                times: dict[str, list[float]] = {"commit": [], "tree": []}
                for _ in range(args.rounds):
                    times["commit"].append(timed(old, old / "decks", run, tmp))
                    times["tree"].append(timed(ROOT, old / "decks", run, tmp))
                before, after = (statistics.median(times[k]) for k in ("commit", "tree"))
                print(f"{name}: {args.rev} {before:.2f} s, working tree {after:.2f} s, "
                      f"ratio {after / before:.2f} (medians of {args.rounds})")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                           capture_output=True)


if __name__ == "__main__":
    main()
