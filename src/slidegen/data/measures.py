"""Measures: the variables stored in datasets, and figures derived from them by a formula.

data/measures.yaml declares derived measures in a form an adviser can extend without Python:
a label and a formula of + − * / over other measures, e.g. `innflytting - utflytting`.
Formulas are parsed with Python's ast and only arithmetic on known names is allowed.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..errors import DataError, display_path
from ..i18n import Labels, split_labels
from ..yamlfile import load_yaml, validate_file
from .datasets import Dataset


class MeasureSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Labels
    formula: str
    unit: Literal["personer", "prosent"] = "personer"
    decimals: int | None = None
    signed: bool = False  # a change, up or down: a key figure shows «+23», not «23»


class MeasuresFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    measures: dict[str, MeasureSpec]


@dataclass(frozen=True)
class Measure:
    """A stored variable (dataset set) or a derived figure (formula set)."""

    name: str
    label: str
    unit: str
    kind: str  # flow, stock or share: decides what may be summed
    decimals: int
    dataset: Dataset | None = None
    formula: ast.expr | None = None
    formula_text: str = ""
    signed: bool = False  # a change: a key figure shows + before a rise
    translated: tuple[tuple[str, str], ...] = ()  # (language, label) besides the Bokmål one

    def in_language(self, language: str) -> Measure:
        """The measure labelled in a language (its Bokmål label where it has none)."""
        found = dict(self.translated).get(language)
        return replace(self, label=found) if found else self

    def base_names(self, measures: dict[str, Measure]) -> set[str]:
        """The stored variables this measure is computed from."""
        if self.formula is None:
            return {self.name}
        names = {n.id for n in ast.walk(self.formula) if isinstance(n, ast.Name)}
        return set().union(*(measures[n].base_names(measures) for n in names))

    def spans_years(self, measures: dict[str, Measure]) -> bool:
        """Whether it can be given for a span of years: every stored part is counted over a
        period (a flow), so the parts add up and the formula applies to the sums."""
        return all(measures[n].kind == "flow" for n in self.base_names(measures))

    def datasets(self, measures: dict[str, Measure]) -> list[Dataset]:
        found = {measures[n].dataset.name: measures[n].dataset
                 for n in sorted(self.base_names(measures))}
        return list(found.values())


ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.Mult, ast.Div,
           ast.USub, ast.UAdd, ast.Name, ast.Load, ast.Constant)


def datasets_of(selected: list[Measure], measures: dict[str, Measure]) -> list[Dataset]:
    """The datasets the selected measures are computed from, each once, in order."""
    found = {d.name: d for m in selected for d in m.datasets(measures)}
    return list(found.values())


def load_measures(file: Path, datasets: list[Dataset]) -> dict[str, Measure]:
    measures: dict[str, Measure] = {}
    for dataset in datasets:
        for name, var in dataset.meta.variables.items():
            if name in measures:
                raise DataError(f"{display_path(dataset.file.with_suffix('.yaml'))}: variable "
                                f"'{name}' is also declared by dataset "
                                f"{measures[name].dataset.name}; names must be unique")
            label, translated = split_labels(var.label)
            measures[name] = Measure(name, label, var.unit, var.kind, var.decimals, dataset,
                                     translated=translated)
    if not file.is_file():
        return measures
    spec = validate_file(MeasuresFile, file)
    positions = load_yaml(file)
    problems = []
    parsed: dict[str, ast.expr] = {}
    for name, m in spec.measures.items():
        line, _ = positions.position(("measures", name, "formula"))
        where = f"{display_path(file)}:{line}: measures.{name}.formula"
        if name in measures:
            problems.append(f"{where}: '{name}' is already a variable in dataset "
                            f"{measures[name].dataset.name}")
            continue
        try:
            tree = ast.parse(m.formula, mode="eval")
        except SyntaxError:
            problems.append(f"{where}: not a formula: '{m.formula}'")
            continue
        bad = next((n for n in ast.walk(tree) if not isinstance(n, ALLOWED)), None)
        if bad is not None or any(isinstance(n, ast.Constant) and not isinstance(
                n.value, (int, float)) for n in ast.walk(tree)):
            problems.append(f"{where}: only + - * / on names and numbers are allowed, found "
                            f"'{m.formula}'")
            continue
        if not any(isinstance(n, ast.Name) for n in ast.walk(tree)):
            problems.append(f"{where}: a formula needs at least one measure, found "
                            f"'{m.formula}'")
            continue
        known = set(measures) | set(spec.measures)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id not in known:
                close = difflib.get_close_matches(node.id, sorted(known), n=1)
                hint = f" — did you mean '{close[0]}'?" if close else ""
                problems.append(f"{where}: unknown name '{node.id}'{hint}")
        parsed[name] = tree.body
    if problems:
        raise DataError("\n".join(problems))
    lines = {name: positions.position(("measures", name, "formula"))[0] for name in parsed}
    for name in _in_dependency_order(parsed, file, lines):
        m = spec.measures[name]
        parts = [measures[n.id] for n in ast.walk(parsed[name]) if isinstance(n, ast.Name)]
        kind = ("share" if m.unit == "prosent" else
                "flow" if all(p.kind == "flow" for p in parts) else "stock")
        decimals = m.decimals if m.decimals is not None else max(p.decimals for p in parts)
        label, translated = split_labels(m.label)
        measures[name] = Measure(name, label, m.unit, kind, decimals, None, parsed[name],
                                 m.formula, m.signed, translated)
    return measures


def _in_dependency_order(parsed: dict[str, ast.expr], file: Path, lines: dict[str, int]
                         ) -> list[str]:
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in order or name not in parsed:
            return
        if name in visiting:
            cycle = " → ".join(visiting[visiting.index(name):] + [name])
            raise DataError(f"{display_path(file)}:{lines[name]}: measures.{name}.formula: "
                            f"measures refer to each other in a circle: {cycle}")
        visiting.append(name)
        for node in ast.walk(parsed[name]):
            if isinstance(node, ast.Name):
                visit(node.id)
        visiting.pop()
        order.append(name)

    for name in parsed:
        visit(name)
    return order


def evaluate(node: ast.expr, values: dict):
    """Evaluate a parsed formula over pandas Series (or numbers) by name."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    left, right = evaluate(node.left, values), evaluate(node.right, values)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    # Division by zero gives a missing figure, never infinity on a slide.
    if hasattr(right, "where"):
        return left / right.where(right != 0)
    return left / right if right else left * float("nan")
