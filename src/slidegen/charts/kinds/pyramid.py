"""A population pyramid: age groups up the middle, one sex to each side. Its figures come from
a dataset split by age and sex (`dimensions:` in its metadata), not from a table of the
selection."""

from __future__ import annotations

import math

from ...errors import SelectionError
from ...i18n import N_
from ..findings import show
from ..model import ChartData, ChartError, Series
from ..style import palette, value_text

ALT_NAME = N_("Befolkningspyramide")
NATIVE = None


def check(chart: ChartData) -> None:
    if len(chart.series) != 2:
        raise ChartError("a pyramid needs figures split by age and sex (two sides)")
    if any(math.isnan(v) for s in chart.series for v in s.values):
        raise ChartError("a pyramid cannot show a missing age group")


def select(spec, data, measures, areas, spans, tr=None) -> ChartData:
    """Age groups × the two sexes, read from a dataset split by exactly those two columns."""
    measure = measures[0]
    dims = measure.dataset.meta.dimensions if measure.dataset else {}
    if len(measures) != 1 or len(areas) != 1 or len(dims) != 2:
        raise SelectionError("data.measures", f"a pyramid needs one measure split by age and "
                                              f"sex, for one kommune; '{measure.name}' is "
                                              + (f"split by {', '.join(dims)}" if dims
                                                 else "not split by age and sex"))
    (age, ages), (sex, sexes) = dims.items()
    (first, last), = set(spans.values())
    if first != last or len(sexes) != 2:
        raise SelectionError("data.periods", "a pyramid shows one year, and two sexes")
    measure.dataset.read([areas[0].code])
    rows = measure.dataset.rows  # a pandas DataFrame: only its methods are used here
    rows = rows[(rows["variable"] == measure.name) & (rows["region"] == areas[0].code)
                & (rows["start"] == first) & (rows["end"] == first)]
    table = rows.pivot_table(index=age, columns=sex, values="value", aggfunc="sum",
                             dropna=False).reindex(index=ages, columns=sexes)
    series = tuple(Series(s, tuple(float(v) for v in table[s])) for s in sexes)
    variable = measure.dataset.meta.variables[measure.name]
    return ChartData(tuple(ages), series, variable.unit, variable.decimals, age, sex,
                     measure.label[0].lower() + measure.label[1:], areas[0].name, str(first))


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """One sex to the left, the other to the right, both counted without minus signs."""
    ax = fig.add_subplot()
    colours, _ = palette()
    left, right = chart.series
    ys = list(range(len(chart.categories)))
    ax.barh(ys, [-v for v in left.values], 0.8, color=colours[0], label=left.label)
    ax.barh(ys, list(right.values), 0.8, color=colours[1], label=right.label)
    ax.set_yticks(ys, chart.categories)
    ax.axvline(0, color="#56646B", linewidth=1)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    # Both sides count people: no minus signs on the left.
    ax.xaxis.set_major_formatter(lambda v, _pos: value_text(abs(v), chart.unit, 0))
    widest = max(max(left.values), max(right.values))
    ax.set_xlim(-widest * 1.15, widest * 1.15)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, borderaxespad=0.2)


def findings(chart: ChartData, tr) -> list[str]:
    """Per side: how many in all, and the largest age group."""
    out = []
    for series in chart.series:
        top = max(zip(chart.categories, series.values, strict=True), key=lambda p: p[1])
        label = series.label[0].upper() + series.label[1:]
        out.append(tr("{name}: {total} i alt, flest i aldersgruppen {age} ({value}).",
                      name=label, total=show(chart, sum(series.values)), age=top[0],
                      value=show(chart, top[1])))
    return out
