"""Alternative text drafted from the data, in Bokmål: kind, what, where, when, and the main
finding with numbers — what a listener who cannot see the chart needs. The kind's name and its
findings come from the kind's module."""

from __future__ import annotations

import math

from .findings import join
from .kinds import KINDS
from .model import ChartData


def draft(kind: str, chart: ChartData) -> str:
    """The alt text of a chart of this kind, e.g. «Stolpediagram: innflytting i Tinn …»."""
    entry = KINDS[kind]
    head = f"{entry.ALT_NAME}: {chart.what} {_where(chart)} {chart.period}."
    missing = sorted({c for s in chart.series for c, v in zip(chart.categories, s.values,
                                                              strict=True) if math.isnan(v)})
    tail = f" Tall mangler for {join(_runs(missing))}." if missing else ""
    return " ".join([head, *entry.findings(chart)]) + tail


def _where(chart: ChartData) -> str:
    return f"for {chart.where}" if chart.x_dim == "kommune" else f"i {chart.where}"


def _runs(categories: list[str]) -> list[str]:
    """Years in a row as one span («2000–2019»); anything else as it is."""
    if not all(c.isdigit() and len(c) == 4 for c in categories):
        return categories
    years = sorted(int(c) for c in categories)
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
