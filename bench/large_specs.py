"""Do validate and build grow linearly with the number of slides? Times `slidegen validate` and
`slidegen build` of generated decks of 1 000 and 10 000 slides (or the sizes given).

    .venv/bin/python bench/large_specs.py [--slides 1000 10000] [--no-build] [--no-record]

Each deck repeats the example deck's mix of slide kinds — title, statement, bullets with a text
variable, question with an answer, key figure and table from data/ — with a numbered title, so
no two slides are alike. The figures are the repository's own data/ (real numbers, read as a
build reads them); the deck is generated into a scratch project beside a link to data/ and
assets/. Each command runs in its own process, cold (a fresh cache folder), and its wall time
is printed as seconds and seconds per 1 000 slides: linear means the second column stays flat.
The result is appended to bench/results.md unless --no-record.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One round of the mix: six slides. Texts are Norwegian, as a real deck's would be.
ROUND = """\
  - kind: title
    title: Del {n}
    subtitle: Distriktskommuner i Telemark
  - kind: statement
    heading: Kommuner som lykkes {n}
    text: Næringsutvikling og inkludering av tilflyttere henger sammen ({n}).
  - kind: bullets
    title: Hva vi snakker om {n}
    lead: I {{{{ kommune.name }}}} bor det {{{{ figure('befolkning') }}}} personer
    items:
      - Digitale verktøy
      - text: Merkur-programmet
        items: [for distriktsbutikker]
    notes: Notater {n}.
  - kind: question
    heading: Spørsmål {n}
    text: Hvor mange bor i {{{{ kommune.name }}}}?
    answer: "{{{{ figure('befolkning') }}}} personer."
  - kind: key_figure
    title: Befolkning {n}
    figures:
      - data: {{measures: befolkning, periods: siste år}}
        label: innbyggere 1. januar
  - kind: table
    title: Befolkning i Telemark {n}
    data:
      kommuner: distriktskommuner-telemark
      measures: befolkning
      periods: siste 2 år
    rows: kommune
    columns: period
"""
PER_ROUND = 7  # the question's answer is a slide of its own


def make_deck(folder: Path, slides: int) -> Path:
    """A deck of about `slides` slides in folder/decks, with data/ and assets/ linked in."""
    for name in ("data", "assets"):
        if not (folder / name).exists():
            (folder / name).symlink_to(ROOT / name)
    (folder / "decks").mkdir(exist_ok=True)
    deck = folder / "decks" / f"large-{slides}.yaml"
    rounds = max(1, round(slides / PER_ROUND))
    body = "".join(ROUND.format(n=n + 1) for n in range(rounds))
    deck.write_text(f"title: Stor foredragsserie\nkommune: Tinn\nslides:\n{body}",
                    encoding="utf-8")
    return deck


def timed(args: list[str], cache: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SLIDEGEN_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "slidegen", *args], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"slidegen {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-build", action="store_true", help="time validate only")
    parser.add_argument("--no-record", action="store_true")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for slides in options.slides:
            deck = make_deck(folder, slides)
            rounds = max(1, round(slides / PER_ROUND))
            made = rounds * PER_ROUND
            validate = timed(["validate", str(deck)], folder / f"cache-{slides}")
            row = [made, validate]
            if not options.no_build:
                out = folder / "out" / f"large-{slides}.pptx"
                row.append(timed(["build", str(deck), "-o", str(out), "--jobs", "1"],
                                 folder / f"cache-{slides}"))
            rows.append(row)
            print(f"{made} slides: " + ", ".join(
                f"{what} {s:.1f} s ({s / made * 1000:.2f} s per 1 000)"
                for what, s in zip(("validate", "build"), row[1:], strict=False)),
              flush=True)
    if options.no_record:
        return
    lines = [f"\n## Large specs ({datetime.date.today().isoformat()}, bench/large_specs.py)\n",
             "| slides | validate (s) | s per 1 000 | build, cold, --jobs 1 (s) | s per 1 000 |",
             "| --- | --- | --- | --- | --- |"]
    for made, validate, *build in rows:
        b = f"{build[0]:.1f} | {build[0] / made * 1000:.2f}" if build else "– | –"
        lines.append(f"| {made} | {validate:.1f} | {validate / made * 1000:.2f} | {b} |")
    with open(ROOT / "bench" / "results.md", "a", encoding="utf-8") as results:
        results.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
