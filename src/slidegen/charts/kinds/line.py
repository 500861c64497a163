"""Lines over years, one or several series, labelled at their ends instead of a legend."""

from __future__ import annotations

from ...i18n import N_
from ..findings import extremes as findings
from ..model import ChartData, ChartError
from ..style import axis_formatter, integer_ticks, palette, value_text

ALT_NAME = N_("Linjediagram")
NATIVE = "LINE_MARKERS"


def check(chart: ChartData) -> None:
    if chart.x_dim != "period":
        raise ChartError("'line' shows development over years; put 'period' on x, or use "
                         "'ranked_bar' to compare kommuner")
    if len(chart.categories) < 2:
        raise ChartError("a line needs two or more years; use 'key_figure' or 'bar' for one")


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """A line per series, each labelled with its name and last value at its end."""
    ax = fig.add_subplot()
    colours, muted = palette()
    xs = list(range(len(chart.categories)))
    for i, series in enumerate(chart.series):
        colour = colours[i % len(colours)] if highlight in (None, series.label) else muted
        ax.plot(xs, series.values, color=colour, marker="o", markersize=5, label=series.label)
        last = max((j for j, v in enumerate(series.values) if v == v), default=None)
        if last is not None:
            value = value_text(series.values[last], chart.unit, chart.decimals)
            ax.annotate(f"{series.label} {value}", (xs[last], series.values[last]),
                        xytext=(8, 0), textcoords="offset points", va="center", color=colour,
                        fontsize=15, fontweight="bold")
    ax.set_xticks(xs, chart.categories)
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    ax.yaxis.set_major_locator(integer_ticks())
    ax.margins(x=0.02)
    ax.set_xlim(-0.3, len(xs) - 1 + 0.3 + 0.22 * len(xs))  # room for the end labels


__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings"]
