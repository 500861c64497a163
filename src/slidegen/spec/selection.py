"""The spec of data slides: which figures a table or key figure shows."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..charts.kinds import NAMES as CHART_NAMES
from .model import SlideBase, Strict, Text


class DataSelection(Strict):
    """Which figures a data slide shows: measures, kommuner (or a region) and periods."""

    measures: list[Text] = Field(min_length=1, description="Measure names (data/*.yaml "
                                                           "variables or data/measures.yaml).")
    kommuner: Text | list[Text] | None = Field(None, description="A kommune (name or number), "
                                                                 "a group, or a list; default: "
                                                                 "the deck's kommune.")
    region: Text | None = Field(None, description="A group whose figures are stored for the "
                                                  "group as a whole.")
    periods: Text = Field("siste år", description="2024, 2014–2023, or relative: siste 10 år.")

    @field_validator("measures", mode="before")
    @classmethod
    def _one_measure(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


Dimension = Literal["kommune", "measure", "period"]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _total_label(value: Any) -> Any:
    return "Sum" if value is True else (None if value is False else value)


class TableSlide(SlideBase):
    """A table computed from data/, with totals computed from the cells shown."""

    kind: Literal["table"]
    title: Text
    heading: Text | None = None
    data: DataSelection
    rows: list[Dimension] = Field(min_length=1, description="kommune, measure and/or period.")
    columns: list[Dimension] = Field(min_length=1, description="kommune, measure and/or period.")
    total_row: Text | None = Field(None, description="Label of a computed total row, or true "
                                                     "for 'Sum'.")
    total_column: Text | None = Field(None, description="Label of a computed total column, or "
                                                        "true for 'Sum'.")
    kommune_label: Literal["name", "number_name"] = Field(
        "name", description="name: Tinn; number_name: 4026 Tinn.")

    @field_validator("rows", "columns", mode="before")
    @classmethod
    def _one_dimension(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("total_row", "total_column", mode="before")
    @classmethod
    def _true_means_sum(cls, value: Any) -> Any:
        return _total_label(value)

    @model_validator(mode="after")
    def _dims_once(self) -> TableSlide:
        both = [d for d in self.rows if d in self.columns]
        if both or len(set(self.rows)) < len(self.rows) or len(set(self.columns)) < len(
                self.columns):
            raise ValueError(f"each of kommune, measure, period goes in rows or columns once; "
                             f"found rows {self.rows}, columns {self.columns}")
        return self


class KeyFigure(Strict):
    """One big number with its label."""

    data: DataSelection
    label: Text = Field(description="What the number is, e.g. 'av befolkningen'.")
    decimals: int | None = Field(None, ge=0, le=4, description="Override the measure's "
                                                               "decimals.")


class KeyFigureSlide(SlideBase):
    """One to three big numbers side by side, each with label, period and source."""

    kind: Literal["key_figure"]
    title: Text
    heading: Text | None = None
    figures: list[KeyFigure] = Field(min_length=1, max_length=3)


ChartKind = Literal[CHART_NAMES]  # one value per module in charts/kinds/


class ChartSlide(SlideBase):
    """A chart drawn from data/ in the house style, with alt text drafted from the data."""

    kind: Literal["chart"]
    title: Text
    heading: Text | None = None
    subtitle: Text | None = Field(None, description="A line under the title, e.g. the unit.")
    chart: ChartKind = Field(description=", ".join(CHART_NAMES) + ".")
    data: DataSelection
    x: Dimension = Field("period", description="What goes along the axis: period, kommune or "
                                               "measure.")
    series: Dimension = Field("measure", description="What the bars or lines are: measure, "
                                                     "kommune or period.")
    highlight: Text | None = Field(None, description="A kommune, year or series to show in "
                                                     "colour, the rest grey.")
    alt: Text | None = Field(None, description="Alt text; default: drafted from the data.")
    subtract: list[Text] = Field(default_factory=list, description="waterfall: the measures "
                                                                   "that count down (døde, "
                                                                   "utflytting).")
    end_label: Text | None = Field(None, description="waterfall: label of the computed end "
                                                     "bar.")
    render: Literal["picture", "native"] = Field(
        "picture", description="picture: drawn by matplotlib; native: an editable PowerPoint "
                               "chart with its data embedded.")

    @model_validator(mode="after")
    def _x_is_not_series(self) -> ChartSlide:
        if self.x == self.series:
            raise ValueError(f"x and series must differ, both are '{self.x}'")
        if (self.subtract or self.end_label) and self.chart != "waterfall":
            raise ValueError("'subtract' and 'end_label' belong to chart: waterfall")
        return self
