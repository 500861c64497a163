"""A donut of parts of one whole, with the share of each part written beside it."""

from __future__ import annotations

import math

from ... import fmt
from ...i18n import N_
from ..findings import show
from ..model import ChartData, ChartError
from ..style import palette, value_text

ALT_NAME = N_("Smultringdiagram")
NATIVE = "DOUGHNUT"
MAX_PARTS = 6  # the house palette has six colours that colour-blind readers can tell apart


def check(chart: ChartData) -> None:
    if chart.x_dim == "period":
        raise ChartError("a donut shows parts of one whole, not a time series; use 'line' or "
                         "'bar' for years")
    if len(chart.series) != 1:
        raise ChartError(f"a donut shows one whole, the selection has {len(chart.series)} "
                         f"series; choose one period and one measure or kommune")
    values = chart.series[0].values
    if len(values) > MAX_PARTS:
        raise ChartError(f"a donut reads well with at most {MAX_PARTS} parts (one colour each), "
                         f"the selection has {len(values)}; use 'ranked_bar'")
    if any(math.isnan(v) for v in values):
        raise ChartError("a donut cannot show a part that is missing: the shares would be "
                         "wrong")
    if any(v < 0 for v in values) or chart.unit == "prosent":
        raise ChartError("a donut needs counts that add up to a whole (no negatives, no "
                         "percentages)")


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """The ring, the total in its middle, and a legend with each part and its share."""
    ax = fig.add_subplot()
    colours, _ = palette()
    values = list(chart.series[0].values)
    total = sum(values)
    wedges, _ = ax.pie(values, colors=colours[:len(values)], startangle=90, counterclock=False,
                       wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 2})
    ax.set_aspect("equal")
    ax.grid(False)
    labels = [f"{cat}: {value_text(v, chart.unit, chart.decimals)} "
              f"({fmt.percent(100 * v / total)})"
              for cat, v in zip(chart.categories, values, strict=True)]
    ax.legend(wedges, labels, loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=16)
    ax.text(0, 0, value_text(total, chart.unit, chart.decimals), ha="center", va="center",
            fontsize=22, fontweight="bold")


def findings(chart: ChartData, tr) -> list[str]:
    """The whole, and its biggest part."""
    values = chart.series[0].values
    total = sum(values)
    biggest = max(zip(chart.categories, values, strict=True), key=lambda p: p[1])
    return [tr("Til sammen {total}; størst er {part} med {value}.", total=show(chart, total),
               part=biggest[0], value=show(chart, biggest[1]))]
