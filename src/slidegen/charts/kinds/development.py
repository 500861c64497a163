"""A kommune's development against its group: the change since the first year in per cent, one
thin grey line per kommune of the group, the group as a whole dashed, the kommune in colour.

    chart: development
    data: {kommuner: "{{ kommune.fylke_group }}", measures: befolkning, periods: 2000–2026}
    series: kommune
    highlight: "{{ kommune.name }}"

Each line is (value / value in the first year − 1) × 100, computed here from the figures; the
group's line is computed from the sum of its kommuner (a stock or flow adds up over kommuner)
that have a figure for every year shown, and says «(39 av 41)» when some had not. Works for any
size of group: a fylke of 6 kommuner or a centrality class of 108.
"""

from __future__ import annotations

import math

from ...errors import SelectionError
from ...i18n import N_
from ..findings import show
from ..model import ChartData, ChartError, Series
from ..style import axis_formatter, palette

ALT_NAME = N_("Linjediagram")
NATIVE = None
UNIT, DECIMALS = "prosent", 1


def reshape(spec, data, measures, spans, series, tr):
    """Each kommune's change since the first year, then the group's (from its sum)."""
    if spec.x != "period" or spec.series != "kommune" or len(measures) != 1:
        raise SelectionError("x", "a development chart puts 'period' on x and 'kommune' as "
                                  "series, for one measure")
    if measures[0].kind == "share":
        raise SelectionError("data.measures", f"'{measures[0].name}' is a share: its change in "
                                              f"per cent of itself says little; use 'line'")
    named = spec.data.kommuner
    group = data.registry.group(named) if isinstance(named, str) else None
    if group is None or not spec.highlight:
        raise SelectionError("data.kommuner", "a development chart compares a kommune with a "
                                              "group: name the group in 'kommuner' and the "
                                              "kommune in 'highlight'")
    if spec.highlight not in [s.label for s in series]:
        raise SelectionError("highlight", f"'{spec.highlight}' is not one of the kommuner in "
                                          f"{group.name.lower()}")
    # the group's sum over the kommuner with a figure for every year: a kommune that lacks
    # some years (split kommuner before a reform) would make the sum jump; its label says so
    whole = [s for s in series if all(v == v for v in s.values)]
    years = len(series[0].values)
    totals = tuple(math.fsum(s.values[i] for s in whole) if whole else math.nan
                   for i in range(years))
    label = tr("{group} samlet", group=tr.pick(group.names)) + (
        tr(" ({n} av {of})", n=len(whole), of=len(series)) if len(whole) < len(series) else "")
    # the kommune first, so the alt text's findings can name it without the highlight
    ordered = sorted(series, key=lambda s: s.label != spec.highlight)
    shaped = [Series(s.label, _change(s.values)) for s in ordered]
    shaped.append(Series(label, _change(totals)))
    categories = tuple(str(a) if a == b else f"{a}–{b}" for a, b in _years(spans, years))
    return categories, tuple(shaped), (UNIT, DECIMALS)


def _change(values) -> tuple[float, ...]:
    base = values[0]
    if math.isnan(base) or base == 0:  # no first year: no change to show
        return tuple(math.nan for _ in values)
    return tuple((v / base - 1) * 100 if v == v else math.nan for v in values)


def _years(spans, count: int) -> list[tuple[int, int]]:
    (first, _), = set(spans.values())
    return [(first + i, first + i) for i in range(count)]


def check(chart: ChartData) -> None:
    if chart.x_dim != "period" or len(chart.categories) < 2:
        raise ChartError("a development chart needs two or more years on x")
    if len(chart.series) < 2:
        raise ChartError("a development chart needs a group of kommuner")


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """Grey lines for the group's kommuner, the group's total dashed, the kommune on top."""
    ax = fig.add_subplot()
    colours, muted = palette()
    xs = list(range(len(chart.categories)))
    *kommuner, total = chart.series
    many = len(kommuner) > 30
    for series in kommuner:
        if series.label != highlight:
            ax.plot(xs, series.values, color=muted, linewidth=0.8 if many else 1.2,
                    alpha=0.45 if many else 0.7, zorder=1)
    ax.axhline(0, color="#666666", linewidth=0.8, zorder=2)
    ax.plot(xs, total.values, color=colours[1 % len(colours)], linewidth=2.5,
            linestyle=(0, (4, 2)), zorder=3)
    mine = next(s for s in kommuner if s.label == highlight)
    ax.plot(xs, mine.values, color=colours[0], linewidth=3.5, zorder=4)
    ax.margins(y=0.1)  # room above and below for an end label of two lines
    # two labels ending close together are pushed apart, the higher line's label up
    low, high = ax.get_ylim()
    ends = [s.values[-1] for s in (mine, total)]
    close = all(v == v for v in ends) and abs(ends[0] - ends[1]) < 0.12 * (high - low)
    push = 13 if close else 0
    _end_label(ax, xs, total, colours[1 % len(colours)], chart,
               push if close and ends[1] >= ends[0] else -push)
    _end_label(ax, xs, mine, colours[0], chart, push if close and ends[0] > ends[1] else -push)
    step = max(1, math.ceil(len(xs) / 9))
    shown = xs[::-1][::step][::-1]
    ax.set_xticks(shown, [chart.categories[i] for i in shown])
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    ax.set_xlim(-0.3, len(xs) - 1 + 0.3 + 0.28 * len(xs))  # room for the end labels


def _end_label(ax, xs, series: Series, colour: str, chart: ChartData, up: float) -> None:
    last = max((j for j, v in enumerate(series.values) if v == v), default=None)
    if last is None:
        return
    ax.annotate(f"{series.label}\n{_signed(chart, series.values[last])}",
                (xs[last], series.values[last]), xytext=(8, up), textcoords="offset points",
                va="center", color=colour, fontsize=14, fontweight="bold")


def _signed(chart: ChartData, value: float) -> str:
    return ("+" if round(value, chart.decimals) > 0 else "") + show(chart, value)


def findings(chart: ChartData, tr) -> list[str]:
    """The kommune's and the group's change over the period, and how far the group spread."""
    mine, *others, total = chart.series
    first, last = chart.categories[0], chart.categories[-1]
    out = [tr("{name}: {change} fra {first} til {last}.", name=s.label,
              change=_signed(chart, s.values[-1]), first=first, last=last)
           for s in (mine, total) if s.values[-1] == s.values[-1]]
    if mine.values[0] != mine.values[0]:  # no figure for the first year: no change to show
        out.insert(0, tr("{name} har ikke tall for {first}, så endringen kan ikke vises.",
                         name=mine.label, first=first))
    ends = [(s.label, s.values[-1]) for s in (mine, *others) if s.values[-1] == s.values[-1]]
    if len(ends) > 2:
        high, low = max(ends, key=lambda p: p[1]), min(ends, key=lambda p: p[1])
        out.append(tr("Blant de {n} kommunene gikk endringen fra {low_value} i {low} til "
                      "{high_value} i {high}.", n=len(ends), low_value=_signed(chart, low[1]),
                      low=low[0], high_value=_signed(chart, high[1]), high=high[0]))
    return out


__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings", "reshape"]
