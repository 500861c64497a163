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
    tail = f" Tall mangler for {join(missing)}." if missing else ""
    return " ".join([head, *entry.findings(chart)]) + tail


def _where(chart: ChartData) -> str:
    return f"for {chart.where}" if chart.x_dim == "kommune" else f"i {chart.where}"
