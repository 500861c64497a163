"""Alternative text drafted from the data, in the deck's language: kind, what, where, when,
and the main finding with numbers — what a listener who cannot see the chart needs. The
kind's name and its findings come from the kind's module."""

from __future__ import annotations

import math

from ..i18n import Translator, translator
from .findings import join
from .kinds import KINDS
from .model import ChartData


def draft(kind: str, chart: ChartData, tr: Translator | None = None) -> str:
    """The alt text of a chart of this kind, e.g. «Stolpediagram: innflytting i Tinn …»
    (Bokmål unless tr says otherwise)."""
    tr = tr or translator("nb")
    entry = KINDS[kind]
    own = getattr(entry, "alt_text", None)  # a kind that words it all itself (map)
    if own is not None:
        return own(chart, tr)
    head = f"{tr(entry.ALT_NAME)}: {chart.what} {_where(chart, tr)} {chart.period}."
    missing = sorted({c for s in chart.series for c, v in zip(chart.categories, s.values,
                                                              strict=True) if math.isnan(v)})
    tail = " " + tr("Tall mangler for {what}.", what=join(tr, _runs(missing))) if missing else ""
    return " ".join([head, *entry.findings(chart, tr)]) + tail


def _where(chart: ChartData, tr: Translator) -> str:
    return (tr("for {where}", where=chart.where) if chart.x_dim == "kommune"
            else tr("i {where}", where=chart.where))


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
