"""Vertical bars, one series: e.g. in-migration per year. The drawing also serves grouped_bar,
which puts several series side by side."""

from __future__ import annotations

import math

from ...i18n import N_
from ..findings import extremes as findings
from ..model import ChartData, ChartError
from ..style import axis_formatter, integer_ticks, palette, value_text

ALT_NAME = N_("Stolpediagram")
NATIVE = "COLUMN_CLUSTERED"
LABEL_LIMIT = 24  # write values on the bars when there are this many bars or fewer


def check(chart: ChartData) -> None:
    if len(chart.series) > 1:
        raise ChartError(f"'bar' shows one series, the selection has {len(chart.series)} "
                         f"({', '.join(s.label for s in chart.series)}); use 'grouped_bar' or "
                         f"'stacked_bar'")


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """One bar per category and series, series side by side, values written on them."""
    ax = fig.add_subplot()
    colours, muted = palette()
    n = len(chart.series)
    width = 0.8 / n
    xs = range(len(chart.categories))
    for i, series in enumerate(chart.series):
        offset = (i - (n - 1) / 2) * width
        bar_colours = [colours[i % len(colours)] if highlight in (None, series.label, cat)
                       else muted for cat in chart.categories]
        heights = [0 if math.isnan(v) else v for v in series.values]
        bars = ax.bar([x + offset for x in xs], heights, width * 0.92, color=bar_colours,
                      label=series.label)
        if len(chart.categories) * n <= LABEL_LIMIT:
            labels = [".." if math.isnan(v) else value_text(v, chart.unit, chart.decimals)
                      for v in series.values]
            ax.bar_label(bars, labels, padding=3, fontsize=13 if n > 1 else 15)
    ax.set_xticks(list(xs), chart.categories)
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    ax.yaxis.set_major_locator(integer_ticks())
    ax.margins(y=0.12)  # headroom for the value labels
    if n > 1:  # above the plot, so it never covers a bar or its label
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=n, borderaxespad=0.2)


__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings"]
