"""Wording shared by the chart kinds' alt-text findings: numbers as the chart shows them, the
highest and lowest of each series, and lists («a, b og c») — in the deck's language."""

from __future__ import annotations

import math

from ..i18n import Translator
from .model import ChartData
from .style import value_text


def show(chart: ChartData, value: float) -> str:
    """A value as the chart writes it: unit and decimals, Norwegian separators."""
    return value_text(value, chart.unit, chart.decimals)


def extremes(chart: ChartData, tr: Translator) -> list[str]:
    """Where each of the first three series was highest and lowest, with the numbers."""
    out = []
    for series in chart.series[:3]:
        pairs = [(c, v) for c, v in zip(chart.categories, series.values, strict=True)
                 if not math.isnan(v)]
        if len(pairs) < 2:
            continue
        high = max(pairs, key=lambda p: p[1])
        low = min(pairs, key=lambda p: p[1])
        name = series.label if len(chart.series) > 1 or chart.series_dim == "measure" else (
            tr("Verdien"))
        out.append(tr("{name} var høyest i {high} ({high_value}) og lavest i {low} "
                      "({low_value}).", name=name, high=high[0], high_value=show(chart, high[1]),
                      low=low[0], low_value=show(chart, low[1])))
    return out


def join(tr: Translator, items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c' ('a, b and c')."""
    return items[0] if len(items) == 1 else tr("{items} og {last}", items=", ".join(items[:-1]),
                                                last=items[-1])
