"""Times drawing a map that is not in the chart cache (a cold draw), in a process that has
drawn a chart before (matplotlib imported, fonts loaded), as a chart worker draws it. Target:
under 150 ms. Run by hand, from the repository root:

    .venv/bin/python bench/map_draw.py [--rounds N]

Prints, per map, the best and median milliseconds of matplotlib's drawing alone (figure to
pixels) and of the whole picture (drawing and PNG), and once the first map of a process
(reading the geometry). Figures are real (data/), nothing is written or cached.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from slidegen import charts  # noqa: E402
from slidegen.data import open_data  # noqa: E402
from slidegen.slides.context import SlideContext  # noqa: E402
from slidegen.slides.kinds.chart import ChartSlide, chart_data  # noqa: E402

SIZE = (12.13, 3.85)  # the template's chart area, inches
MAPS = {
    "locator Tinn": ({}, "Tinn"),
    "locator Loppa": ({}, "Loppa"),
    "locator Hvaler": ({}, "Hvaler"),
    "choropleth of the nine": ({"form": "choropleth", "highlight": "Tinn", "data": {
        "kommuner": "distriktskommuner-telemark", "measures": "befolkning",
        "periods": "2014–2024"}}, None),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    data = open_data(ROOT / "data")
    made = {name: chart_data(ChartSlide.model_validate(
        {"kind": "chart", "title": "Kart", "chart": "map", **fields}),
        SlideContext(data, kommune)) for name, (fields, kommune) in MAPS.items()}
    painter = charts.Painter(cache=False)
    bar = chart_data(ChartSlide.model_validate({
        "kind": "chart", "title": "Innflytting", "chart": "bar",
        "data": {"kommuner": "Tinn", "measures": "innflytting", "periods": "siste 10 år"}}),
        SlideContext(data, None))
    painter.render("bar", bar, *SIZE)  # a worker has drawn before: matplotlib and fonts loaded
    start = time.perf_counter()
    painter.render("map", made["locator Tinn"], *SIZE)
    print(f"first map of the process (reads the geometry): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    print("| map | draw best | draw median | draw + PNG best | draw + PNG median |")
    print("| --- | --- | --- | --- | --- |")
    for name, chart in [("bar chart, for comparison", bar), *made.items()]:
        kind = "bar" if chart is bar else "map"
        draws, wholes = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            painter._draw(kind, chart, *SIZE, None)
            draws.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            painter.render(kind, chart, *SIZE)
            wholes.append((time.perf_counter() - start) * 1000)
        print(f"| {name} | {min(draws):.0f} | {statistics.median(draws):.0f} | "
              f"{min(wholes):.0f} | {statistics.median(wholes):.0f} |")


if __name__ == "__main__":
    main()
