"""Do two versions of slidegen write the same bytes? Builds every deck in decks/ and the
nine-kommune batch with the working tree and with a commit (default: HEAD~1), each with its own
code, data/ and chart cache, and compares the files byte for byte. (Each side reads its own
data/, so a change to data/ that must not change a deck, such as the whole registry, is checked
too; the older code could not read the newer data/.)

    .venv/bin/python bench/same_output.py [REV]

A refactoring that must not change any deck is checked with this against the commit before it.
Exit 0 when every file is identical, 1 otherwise (each difference named).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = ("decks/kommunebesok.yaml", "--group", "distriktskommuner-telemark")


def builds(source: Path, out: Path, cache: Path) -> None:
    """Every deck of decks/ (per-kommune decks for their default kommune) and the batch, built by
    the slidegen whose src/ is at source, into out."""
    env = {**os.environ, "PYTHONPATH": str(source / "src"), "SLIDEGEN_CACHE_DIR": str(cache)}
    for deck in sorted((ROOT / "decks").glob("*.yaml")):
        run(env, source, "decks/" + deck.name, "-o", str(out / deck.with_suffix(".pptx").name))
    run(env, source, *BATCH, "-o", str(out / "batch"))


def run(env: dict, source: Path, *args: str) -> None:
    command = [sys.executable, "-m", "slidegen", "build", *args, "--force"]
    done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed with {env['PYTHONPATH']}:\n{done.stderr}")


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.pptx"))}


def main() -> int:
    rev = sys.argv[1] if len(sys.argv) > 1 else "HEAD~1"
    with tempfile.TemporaryDirectory(prefix="slidegen-same-") as tmp:
        tmp = Path(tmp)
        subprocess.run(["git", "worktree", "add", "--detach", str(tmp / "old"), rev], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            builds(tmp / "old", tmp / "out-old", tmp / "cache-old")
            builds(ROOT, tmp / "out-new", tmp / "cache-new")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "old")],
                           cwd=ROOT, capture_output=True)
        old, new = digests(tmp / "out-old"), digests(tmp / "out-new")
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(old) - len(differ)} of {len(old)} decks byte-identical to {rev}")
    return 1 if differ or not old else 0


if __name__ == "__main__":
    sys.exit(main())
