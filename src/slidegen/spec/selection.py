"""The spec of a data selection: which figures a data slide (table, key figure, chart) shows."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .model import Strict, Text


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


Dimension = Literal["kommune", "measure", "period"]  # what goes in rows, columns, x or series
