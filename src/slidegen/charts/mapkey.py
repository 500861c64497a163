"""A map's key: the classes a choropleth's figures fall in (round edges, a diverging scale
for a change) and the legend that names them in Norwegian numbers."""

from __future__ import annotations

import textwrap

from .. import fmt
from .geo import geometry
from .model import MapData

LEGEND_PT = 14  # never below 12 pt at slide size
# ColorBrewer BrBG and Blues: tell apart for colour-blind readers and in greyscale
FALLS = ["#8C510A", "#BF812D", "#DFC27D", "#F6E8C3"]  # darkest = the largest fall
RISES = ["#C7EAE5", "#80CDC1", "#35978F", "#01665E"]
LEVELS = ["#DCEAF4", "#A9CCE3", "#6BAED6", "#2F7EBC", "#0B559F", "#08306B"]


def scale(values, signed: bool, decimals: int) -> list[tuple[float, float, str]]:
    """Classes as (low, high, colour), low to high: one per value for a few whole numbers (a
    centrality class); a diverging scale around 0 for a change; else up to five of a level."""
    present = [v for v in values if v == v]
    if not present:
        return []
    low, high = min(present), max(present)
    distinct = sorted(set(present))
    if len(distinct) <= 6 and all(float(v).is_integer() for v in distinct):
        colours = _spread(LEVELS, len(distinct))
        return [(v, v, c) for v, c in zip(distinct, colours, strict=True)]
    if signed or low < 0 < high:
        # the same steps up as down, so a colour as dark means a change as large
        steps = _edges(0, max(abs(low), abs(high)), 3)
        rises = [e for i, e in enumerate(steps) if i == 0 or steps[i - 1] < high]
        falls = [-e for i, e in enumerate(steps) if i == 0 or -steps[i - 1] > low][::-1]
        rises, falls = (rises if high > 0 else []), (falls if low < 0 else [])
        down = list(zip(falls[:-1], falls[1:], FALLS[-(len(falls) - 1):], strict=True))
        up = list(zip(rises[:-1], rises[1:], RISES, strict=False))
        return down + up
    edges = _edges(low, high, 5)
    colours = _spread(LEVELS, len(edges) - 1)
    return list(zip(edges[:-1], edges[1:], colours, strict=True))


def _edges(low: float, high: float, most: int) -> list[float]:
    """Round class edges from low to high, at most `most` classes."""
    from matplotlib.ticker import MaxNLocator

    if low == high:
        return [low, high]
    for bins in range(most, 0, -1):
        ticks = [float(t) for t in MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])
                 .tick_values(low, high)]
        first = max(i for i, t in enumerate(ticks) if t <= low)
        last = min(i for i, t in enumerate(ticks) if t >= high)
        edges = ticks[first:last + 1]
        if len(edges) - 1 <= most:
            return edges
    return [low, high]


def _spread(colours: list[str], count: int) -> list[str]:
    if count <= 1:
        return [colours[len(colours) // 2]]
    return [colours[round(i * (len(colours) - 1) / (count - 1))] for i in range(count)]


def class_text(low: float, high: float, chart: MapData, classes, tr) -> str:
    """«−10 til −5 %», «5» (one value), in Norwegian numbers."""
    edges = [e for lo, hi, _ in classes for e in (lo, hi)]
    decimals = 0 if all(float(e).is_integer() for e in edges) else (
        1 if all(float(e * 10).is_integer() for e in edges) else 2)
    if low == high:
        return fmt.formatted(low, chart.unit, decimals)
    return tr("{low} til {high}", low=fmt.number(low, decimals, chart.signed),
              high=fmt.formatted(high, chart.unit, decimals, chart.signed))


class Legend:
    """The classes' legend: a title, then a swatch and its words per class, set by hand (a
    matplotlib Legend lays itself out through offset boxes: a third of a choropleth's time)."""

    def __init__(self):
        self.title = None
        self.texts: list = []

    def get_texts(self) -> list:
        return self.texts


def legend(fig, chart: MapData, entries, missing, muted, left: float, tr) -> Legend:
    """The legend from left (inches) down from the top: the series' label, then each class,
    then the kommuner without a figure, hatched."""
    from matplotlib.patches import Rectangle

    labels = [(colour, None, text) for colour, text in entries]
    if missing:
        geo = geometry()
        names = dict(zip(chart.codes, chart.categories, strict=True))
        gone = [names[geo.numbers[i]] for i in missing]
        text = (tr("tall mangler: {names}", names=", ".join(gone)) if len(gone) <= 3 else
                tr("tall mangler for {n} kommuner", n=len(gone)))
        labels.append(("white", "////", "\n".join(textwrap.wrap(text, 24))))
    line = LEGEND_PT * 1.25 / 72  # inches
    inches = fig.dpi_scale_trans
    top = fig.get_size_inches()[1] - 0.1
    legend = Legend()
    title = "\n".join(textwrap.wrap(chart.series[0].label, 24))
    legend.title = fig.text(left, top, title, transform=inches, fontsize=LEGEND_PT, va="top",
                            linespacing=1.25)
    y = top - line * (title.count("\n") + 1) - 0.12
    for colour, hatch, text in labels:
        fig.add_artist(Rectangle((left, y - 0.2), 0.3, 0.2, transform=inches,
                                 facecolor=colour, hatch=hatch,
                                 edgecolor=muted if hatch else "none"))
        legend.texts.append(fig.text(left + 0.42, y - 0.1, text, transform=inches,
                                     fontsize=LEGEND_PT, va="center" if "\n" not in text
                                     else "top", linespacing=1.25))
        y -= max(0.3, line * (text.count("\n") + 1) + 0.1)
    return legend
