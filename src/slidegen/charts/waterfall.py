"""Population change as a waterfall: start + births − deaths + in-migration − out-migration =
end, each step a floating bar from the running total (python-pptx has no such chart)."""

from __future__ import annotations

import math

from .model import ChartData, ChartError
from .style import axis_formatter, palette, value_text


def check(chart: ChartData, kind: str) -> None:
    if chart.x_dim != "measure" or len(chart.series) != 1:
        raise ChartError("a waterfall shows one kommune's steps: put 'measure' on x, and "
                         "select one kommune or region and one year")
    if len(chart.categories) < 3:
        raise ChartError("a waterfall needs a start, at least one step and the end")
    if any(math.isnan(v) for v in chart.series[0].values):
        raise ChartError("a waterfall cannot show a missing step: the end would be wrong")


def steps(chart: ChartData) -> list[tuple[str, float, float]]:
    """(label, bottom, height) of each bar; the last category is the computed end."""
    values = chart.series[0].values
    out = [(chart.categories[0], 0.0, values[0])]
    running = values[0]
    for label, value in zip(chart.categories[1:-1], values[1:-1], strict=True):
        out.append((label, running if value >= 0 else running + value, abs(value)))
        running += value
    out.append((chart.categories[-1], 0.0, values[-1]))
    return out


def draw(ax, chart: ChartData, highlight: str | None) -> None:
    colours, muted = palette()
    values = chart.series[0].values
    bars = steps(chart)
    xs = list(range(len(bars)))
    fill = [muted] + [colours[0] if v >= 0 else colours[1] for v in values[1:-1]] + [muted]
    drawn = ax.bar(xs, [h for _, _, h in bars], 0.62, bottom=[b for _, b, _ in bars],
                   color=fill)
    labels = [value_text(values[0], chart.unit, chart.decimals)]
    labels += [("+" if v > 0 else "") + value_text(v, chart.unit, chart.decimals)
               for v in values[1:-1]]
    labels.append(value_text(values[-1], chart.unit, chart.decimals))
    ax.bar_label(drawn, labels, padding=3, fontsize=15)
    ax.set_xticks(xs, [label for label, _, _ in bars])
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    low = min(b for _, b, _ in bars[1:-1])
    top = max(b + h for _, b, h in bars)
    span = top - low
    ax.set_ylim(max(0, low - span * 0.6), top + span * 0.25)  # the steps, not the whole bar
