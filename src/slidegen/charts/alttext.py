"""Alternative text drafted from the data, in Bokmål: kind, what, where, when, and the main
finding with numbers — what a listener who cannot see the chart needs."""

from __future__ import annotations

import math

from .model import ChartData
from .ranked import order
from .style import value_text

KIND_NAMES = {
    "bar": "Stolpediagram",
    "grouped_bar": "Stolpediagram",
    "stacked_bar": "Stablet stolpediagram",
    "ranked_bar": "Liggende stolpediagram",
    "line": "Linjediagram",
    "donut": "Smultringdiagram",
    "waterfall": "Fossefalldiagram",
    "pyramid": "Befolkningspyramide",
}


def draft(kind: str, chart: ChartData) -> str:
    head = f"{KIND_NAMES[kind]}: {chart.what} {_where(chart)} {chart.period}."
    findings = (_ranked(chart) if kind == "ranked_bar" else
                _parts(chart) if kind == "donut" else
                _change(chart) if kind == "waterfall" else
                _sides(chart) if kind == "pyramid" else _extremes(chart))
    missing = sorted({c for s in chart.series for c, v in zip(chart.categories, s.values,
                                                              strict=True) if math.isnan(v)})
    tail = f" Tall mangler for {_join(missing)}." if missing else ""
    return " ".join([head, *findings]) + tail


def _where(chart: ChartData) -> str:
    return f"for {chart.where}" if chart.x_dim == "kommune" else f"i {chart.where}"


def _show(chart: ChartData, value: float) -> str:
    return value_text(value, chart.unit, chart.decimals)


def _extremes(chart: ChartData) -> list[str]:
    out = []
    for series in chart.series[:3]:
        pairs = [(c, v) for c, v in zip(chart.categories, series.values, strict=True)
                 if not math.isnan(v)]
        if len(pairs) < 2:
            continue
        high = max(pairs, key=lambda p: p[1])
        low = min(pairs, key=lambda p: p[1])
        name = series.label if len(chart.series) > 1 or chart.series_dim == "measure" else (
            "Verdien")
        out.append(f"{name} var høyest i {high[0]} ({_show(chart, high[1])}) og lavest i "
                   f"{low[0]} ({_show(chart, low[1])}).")
    return out


def _ranked(chart: ChartData) -> list[str]:
    out = []
    idx = [i for i in order(chart) if not math.isnan(chart.series[0].values[i])]
    for series in chart.series[:3]:
        present = [(chart.categories[i], series.values[i]) for i in idx
                   if not math.isnan(series.values[i])]
        if not present:
            continue
        ranked = sorted(present, key=lambda p: -p[1])
        top, bottom = ranked[0], ranked[-1]
        out.append(f"{series.label}: høyest i {top[0]} ({_show(chart, top[1])}), lavest i "
                   f"{bottom[0]} ({_show(chart, bottom[1])}).")
    return out


def _parts(chart: ChartData) -> list[str]:
    values = chart.series[0].values
    total = sum(values)
    biggest = max(zip(chart.categories, values, strict=True), key=lambda p: p[1])
    return [f"Til sammen {_show(chart, total)}; størst er {biggest[0]} med "
            f"{_show(chart, biggest[1])}."]


def _sides(chart: ChartData) -> list[str]:
    out = []
    for series in chart.series:
        top = max(zip(chart.categories, series.values, strict=True), key=lambda p: p[1])
        label = series.label[0].upper() + series.label[1:]
        out.append(f"{label}: {_show(chart, sum(series.values))} i alt, flest i "
                   f"aldersgruppen {top[0]} ({_show(chart, top[1])}).")
    return out


def _change(chart: ChartData) -> list[str]:
    values, labels = chart.series[0].values, chart.categories
    change = values[-1] - values[0]
    sign = "+" if change > 0 else ""
    parts = ", ".join(f"{label.lower()} {'+' if v > 0 else ''}{_show(chart, v)}"
                      for label, v in zip(labels[1:-1], values[1:-1], strict=True))
    return [f"Fra {_show(chart, values[0])} til {_show(chart, values[-1])} "
            f"({sign}{_show(chart, change)}): {parts}."]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
