"""A population pyramid: age groups up the middle, one sex to each side."""

from __future__ import annotations

import math

from .model import ChartData, ChartError
from .style import palette, value_text


def check(chart: ChartData, kind: str) -> None:
    if len(chart.series) != 2:
        raise ChartError("a pyramid needs figures split by age and sex (two sides)")
    if any(math.isnan(v) for s in chart.series for v in s.values):
        raise ChartError("a pyramid cannot show a missing age group")


def draw(ax, chart: ChartData, highlight: str | None) -> None:
    colours, _ = palette()
    left, right = chart.series
    ys = list(range(len(chart.categories)))
    ax.barh(ys, [-v for v in left.values], 0.8, color=colours[0], label=left.label)
    ax.barh(ys, list(right.values), 0.8, color=colours[1], label=right.label)
    ax.set_yticks(ys, chart.categories)
    ax.axvline(0, color="#56646B", linewidth=1)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    # Both sides count people: no minus signs on the left.
    ax.xaxis.set_major_formatter(lambda v, _pos: value_text(abs(v), chart.unit, 0))
    widest = max(max(left.values), max(right.values))
    ax.set_xlim(-widest * 1.15, widest * 1.15)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, borderaxespad=0.2)
