"""The `query:` in a dataset's metadata: which SSB table and codes its figures come from.

    query:
      table: "07459"
      region: {codelist: agg_KommSummer, prefix: K-,   # joins old and new kommune numbers
               kommuner: distriktskommuner-telemark} # a group (default: all)
      years: from(2014)                                # SSB's selection expression
      variables:
        befolkning: {ContentsCode: Personer1}          # our variable ← SSB's codes
      dimensions:                                      # extra columns, if the dataset has them
        kjønn: {dimension: Kjonn, codes: {"1": menn, "2": kvinner}}
      labels: {Personer: befolkning}                   # SSB's texts in downloaded CSV files

Every code here is checked against the table's metadata from SSB before data is asked for, so a
wrong code stops the update with the codes the table does have; dimensions not named are left out
of the query and SSB gives their total (only where SSB allows it).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class RegionSelection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    dimension: str = "Region"
    kommuner: str = Field("all", description="The group of kommuner to fetch (default all): "
                                             "slidegen data groups lists them.")
    codelist: str | None = Field(None, description="An SSB code list, e.g. agg_KommSummer, "
                                                   "which sums old and new kommune numbers.")
    prefix: str = Field("", description="What the code list puts before a kommunenummer: "
                                        "K- (agg_KommSummer), K_ (agg_KommSummerHist).")


class ExtraDimension(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    dimension: str = Field(description="SSB's dimension id, e.g. Kjonn.")
    codes: dict[str, str] = Field(min_length=1, description="SSB code → our value.")


class SsbQuery(BaseModel):
    """How `slidegen data update` fetches a dataset from SSB's PxWebApi v2."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    table: str = Field(pattern=r"^\d{5}$", description="SSB's table number, e.g. 07459.")
    region: RegionSelection = Field(default_factory=RegionSelection)
    time: str = Field("Tid", description="SSB's time dimension.")
    years: str = Field("*", description="SSB's selection of years: *, top(10), from(2014).")
    variables: dict[str, dict[str, str]] = Field(
        min_length=1, description="Our variable → SSB's code in each dimension that defines it.")
    dimensions: dict[str, ExtraDimension] = Field(default_factory=dict)
    labels: dict[str, str] = Field(
        default_factory=dict, description="SSB's text for a variable → our variable, for CSV "
                                          "files from statistikkbanken, which carry texts "
                                          "('Levendefødte'), not codes ('Levende').")

    @field_validator("variables", mode="before")
    @classmethod
    def _codes_as_text(cls, value):
        if isinstance(value, dict):  # codes such as 999 or 01 are text, whatever YAML made
            return {k: ({d: str(c) for d, c in v.items()} if isinstance(v, dict) else v)
                    for k, v in value.items()}
        return value

    def selection(self, region_codes: list[str]) -> dict[str, list[str]]:
        """Dimension id → the codes to ask for (regions already with the code list's prefix)."""
        out: dict[str, list[str]] = {self.region.dimension: region_codes}
        for codes in self.variables.values():
            for dim, code in codes.items():
                out.setdefault(dim, [])
                if code not in out[dim]:
                    out[dim].append(code)  # SSB answers a repeated code with an empty 500
        for extra in self.dimensions.values():
            out[extra.dimension] = list(extra.codes)
        out[self.time] = [self.years]
        return out
