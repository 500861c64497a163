"""Stacked vertical bars: parts that add up to a whole per category."""

from __future__ import annotations

import math

from ...i18n import N_
from ..findings import extremes as findings
from ..model import ChartData, ChartError
from ..style import axis_formatter, integer_ticks, palette

ALT_NAME = N_("Stablet stolpediagram")
NATIVE = "COLUMN_STACKED"


def check(chart: ChartData) -> None:
    if len(chart.series) < 2:
        raise ChartError("'stacked_bar' needs two or more parts; use 'bar' for one series")
    if chart.unit == "prosent":
        raise ChartError("shares in percent do not stack; use 'grouped_bar'")
    if any(v < 0 for _, _, v in chart.present()):
        raise ChartError("negative values cannot be stacked (e.g. netto flytting); use "
                         "'grouped_bar'")


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """One bar per category, its parts stacked in series order, with a legend above."""
    ax = fig.add_subplot()
    colours, _ = palette()
    bottoms = [0.0] * len(chart.categories)
    xs = list(range(len(chart.categories)))
    for i, series in enumerate(chart.series):
        heights = [0 if math.isnan(v) else v for v in series.values]
        ax.bar(xs, heights, 0.7, bottom=bottoms, color=colours[i % len(colours)],
               label=series.label)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_xticks(xs, chart.categories)
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    ax.yaxis.set_major_locator(integer_ticks())
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(chart.series),
              borderaxespad=0.2)


__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings"]
