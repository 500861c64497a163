"""A YAML document validated against a pydantic model, each problem at its file:line:col."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem, SpecError
from .positions import KeyPath, LoadedYaml, YamlProblem, load_yaml, readable
from .schema_walk import fields_at


@dataclass
class Collector:
    """The problems found so far: every one is reported, not only the first."""

    problems: list[Problem]
    # given to every model validated (as pydantic's validation context) besides the folder
    # of the file: the deck's project boundary
    context: dict = field(default_factory=dict)

    def add(self, doc: LoadedYaml, path: KeyPath, message: str, *, key: bool = False) -> None:
        line, col = doc.position(path, key=key)
        self.problems.append(Problem(doc.file, line, col, readable(path), message))


def validate_file(model: type[BaseModel], file: Path) -> Any:
    """Read a YAML file and validate it against model, raising SpecError with file:line:col."""
    out = Collector([])
    try:
        doc = load_yaml(file)
    except YamlProblem as exc:
        raise SpecError([exc.problem]) from None
    result = validate(model, doc.data, doc, (), out)
    if result is None:
        raise SpecError(out.problems)
    return result


def validate(model: type[BaseModel], data: Any, doc: LoadedYaml, base: KeyPath,
             out: Collector) -> Any:
    """data (found at base in doc) as a model instance; None, with out's problems, if invalid."""
    try:
        return model.model_validate(data, context={"base_dir": doc.file.parent, **out.context})
    except ValidationError as exc:
        for error in exc.errors():
            _report(model, error, doc, base, out)
        return None


def _report(model: type[BaseModel], error: dict, doc: LoadedYaml, base: KeyPath,
            out: Collector) -> None:
    loc = tuple(error["loc"])
    found = error.get("input")
    kind = error["type"]
    if kind == "missing":
        out.add(doc, base + loc[:-1], f"missing required key '{loc[-1]}'")
    elif kind == "extra_forbidden":
        allowed = fields_at(model, loc[:-1])
        out.add(doc, base + loc, f"unknown key '{loc[-1]}'"
                + did_you_mean(str(loc[-1]), allowed, "allowed keys")
                + _text_read_as_key(str(loc[-1]), found), key=True)
    elif kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(found), options, "expected one of")
        out.add(doc, base + loc, f"unknown value {describe(found)}{hint}")
    elif kind == "string_too_short":
        out.add(doc, base + loc, "must not be empty")
    elif kind == "string_too_long":
        out.add(doc, base + loc, f"a text may have at most {error['ctx']['max_length']:,} "
                                 f"characters; found {len(found):,}".replace(",", " "))
    elif kind == "too_long":
        out.add(doc, base + loc, f"expected at most {error['ctx']['max_length']} item(s), "
                                 f"found {error['ctx']['actual_length']}")
    elif kind in ("less_than_equal", "greater_than_equal"):
        bound = error["ctx"].get("le", error["ctx"].get("ge"))
        word = "at most" if kind == "less_than_equal" else "at least"
        out.add(doc, base + loc, f"expected {word} {bound}, found {describe(found)}")
    elif kind == "too_short":
        out.add(doc, base + loc, f"expected at least {error['ctx']['min_length']} item(s), "
                                 f"found none")
    elif kind == "value_error":
        out.add(doc, base + loc, str(error["ctx"]["error"]))
    elif kind == "string_type" and isinstance(found, list) and isinstance(loc[-1], str):
        out.add(doc, base + loc, f"expected text, found {describe(found)}: write the text on "
                                 f"the same line, after '{loc[-1]}:', without '-' in front (a "
                                 f"text that starts with [ or - goes in quotes)")
    else:
        expected = EXPECTED.get(kind, error["msg"].lower())
        out.add(doc, base + loc, f"expected {expected}, found {describe(found)}")


def _text_read_as_key(key: str, value: Any) -> str:
    """A hint for '- Økonomi: bra', a text with a colon that YAML read as key: value; our
    keys are lower-case words, so a key that is not one was most likely meant as text."""
    if re.fullmatch(r"[a-z][a-z0-9_]*", key) or not isinstance(value, str):
        return ""
    return (f"; if '{key}: {value}' is a text, put it in quotes: \"{key}: {value}\" (a colon "
            f"followed by a space makes key: value)")


EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "model_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "path_type": "a file path",
    "int_type": "a whole number",
}


def did_you_mean(word: str, options, label: str) -> str:
    """« — did you mean 'x'?» for a near miss, else the options under label."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    return f"; {label}: {', '.join(options)}" if options else ""


def describe(value: Any) -> str:
    """A found value in words, for error messages."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"'{short}'"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    return type(value).__name__
