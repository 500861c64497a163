"""Vertical bars, several series side by side: e.g. in- and out-migration per year. Drawn as
bar draws them."""

from __future__ import annotations

from ...i18n import N_
from ..findings import extremes as findings
from ..model import ChartData, ChartError
from .bar import draw

ALT_NAME = N_("Stolpediagram")
NATIVE = "COLUMN_CLUSTERED"


def check(chart: ChartData) -> None:
    if len(chart.series) < 2:
        raise ChartError("'grouped_bar' needs two or more series; use 'bar' for one")


__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings"]
