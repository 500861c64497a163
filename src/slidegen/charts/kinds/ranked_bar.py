"""Horizontal bars ranked by value, for comparing kommuner; several series become panels side
by side, all in the order of the first."""

from __future__ import annotations

import math
from dataclasses import replace

from ...i18n import N_
from ..findings import show
from ..model import ChartData, ChartError, Series
from ..style import axis_formatter, palette, value_text

ALT_NAME = N_("Liggende stolpediagram")
NATIVE = "BAR_CLUSTERED"


def check(chart: ChartData) -> None:
    if chart.x_dim == "period":
        raise ChartError("'ranked_bar' compares kommuner or measures, not years; put "
                         "'kommune' on x, or use 'bar' or 'line' for a time series")
    if len(chart.series) > 3:
        raise ChartError(f"'ranked_bar' shows at most 3 panels, the selection has "
                         f"{len(chart.series)} series")


def order(chart: ChartData) -> list[int]:
    """Category indexes, largest first by the first series; missing values last."""
    first = chart.series[0].values
    return sorted(range(len(chart.categories)),
                  key=lambda i: (math.isnan(first[i]), -(0 if math.isnan(first[i])
                                                          else first[i])))


def draw(fig, chart: ChartData, highlight: str | None) -> list:
    """A panel per series across the whole figure; returns the panels' axes."""
    colours, muted = palette()
    axes = fig.subplots(1, len(chart.series), sharey=True, squeeze=False)[0]
    idx = order(chart)
    labels = [chart.categories[i] for i in idx]
    ys = list(range(len(idx)))[::-1]
    for n, (ax, series) in enumerate(zip(axes, chart.series, strict=True)):
        values = [series.values[i] for i in idx]
        # highlighted, the colour marks the kommune, so it is the same in every panel (the
        # panel titles tell the measures apart); otherwise it tells the panels apart
        colour = colours[0] if highlight is not None else colours[n % len(colours)]
        bar_colours = [colour if highlight in (None, cat) else muted for cat in labels]
        bars = ax.barh(ys, [0 if math.isnan(v) else v for v in values], 0.7, color=bar_colours)
        ax.bar_label(bars, ["tall mangler" if math.isnan(v) else
                            value_text(v, chart.unit, chart.decimals) for v in values],
                     padding=4, fontsize=15)
        if len(chart.series) > 1:  # one series: the slide title already says what it is
            ax.set_title(series.label, loc="left", fontsize=17, fontweight="bold")
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.axvline(0, color="#56646B", linewidth=1)
        ax.xaxis.set_major_formatter(axis_formatter(chart.unit))
        ax.margins(x=0.18)
    axes[0].set_yticks(ys, labels)
    return list(axes)


def native_data(chart: ChartData) -> ChartData:
    """The ranking reversed: PowerPoint draws bar charts bottom-up, so the largest comes last."""
    if len(chart.series) > 1:
        raise ChartError("a native ranked_bar shows one measure; use render: picture for panels")
    idx = order(chart)[::-1]
    return replace(chart, categories=tuple(chart.categories[i] for i in idx),
                   series=tuple(Series(s.label, tuple(s.values[i] for i in idx))
                                for s in chart.series))


def findings(chart: ChartData, tr) -> list[str]:
    """Per series (up to three), the highest and lowest kommune."""
    out = []
    idx = [i for i in order(chart) if not math.isnan(chart.series[0].values[i])]
    for series in chart.series[:3]:
        present = [(chart.categories[i], series.values[i]) for i in idx
                   if not math.isnan(series.values[i])]
        if not present:
            continue
        ranked = sorted(present, key=lambda p: -p[1])
        top, bottom = ranked[0], ranked[-1]
        out.append(tr("{name}: høyest i {high} ({high_value}), lavest i {low} ({low_value}).",
                      name=series.label, high=top[0], high_value=show(chart, top[1]),
                      low=bottom[0], low_value=show(chart, bottom[1])))
    return out
