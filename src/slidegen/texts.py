"""Text variables in a slide's texts: {{ kommune.name }}, {{ figure('innflytting', …) }}.

Rendered with Jinja's sandbox and StrictUndefined: a misspelt variable or a figure that cannot be
computed is an error naming file:line:col, never blank text on a slide.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from . import fmt, sandbox
from .data import Data
from .data.query import parse_periods, resolve_span
from .data.tables import Selection, single_value
from .errors import DataError, SelectionError, SpecError, display_path
from .sandbox import LimitedEnvironment
from .spec.model import Origin, Picture, SlideBase
from .spec.templating import has_template_syntax
from .yamlfile.positions import xml_unsafe


@dataclass(frozen=True)
class KommuneVars:
    """What {{ kommune.… }} offers: the kommune, its fylke and its centrality class, and the
    groups made from them (kommune.fylke_group is «fylke-telemark» for Tinn), so that a deck
    for any kommune can compare it with its own fylke or class."""

    name: str
    number: str
    slug: str  # the name as file names have it: «Nord-Aurdal» → nord-aurdal, «Bø» → bo
    fylke: Any = None
    fylke_group: Any = None
    sentralitet: Any = None  # SSB's class, 1 (most central) to 6
    sentralitet_group: Any = None

    def __str__(self) -> str:
        return self.name


class TextRenderer:
    """Renders the templated strings of slides against one deck's data and kommune."""

    def __init__(self, data: Data | None, kommune: str | None):
        self.data = data
        self.kommune = kommune
        self.env = _environment()
        self.env.globals.update(figure=self.figure, period=self.period)
        if data is not None and kommune is not None:
            self.env.globals["kommune"] = self._kommune_vars(data, kommune)

    def _kommune_vars(self, data: Data, kommune: str) -> KommuneVars:
        found = data.registry.find(kommune)
        mine = [g.id for g in data.registry.groups.values() if found.number in g.members]
        fylke = next((g for g in mine if g.startswith("fylke-")), None)
        klasse = next((g for g in mine if re.fullmatch(r"sentralitet-[1-6]", g)), None)

        def missing(what: str, rule: str):  # an error where it is used, not a blank
            return self.env.undefined(hint=f"kommune.{what}: data/kommuner.yaml makes no "
                                           f"{rule} groups for {found.name} (derived_groups)")
        return KommuneVars(
            found.name, found.number, kommune_slug(found.name),
            found.fylke or missing("fylke", "fylke"),
            fylke or missing("fylke_group", "fylke"),
            klasse.rsplit("-", 1)[1] if klasse else missing("sentralitet", "sentralitet"),
            klasse or missing("sentralitet_group", "sentralitet"))

    def figure(self, measure: str, kommuner: Any = None, region: str | None = None,
               periods: Any = "siste år", decimals: int | None = None) -> str:
        """One computed figure, formatted: figure('innflytting', region='…', periods='…')."""
        if not isinstance(measure, str):
            raise TemplateUsageError(f"figure() takes a measure name first, e.g. "
                                     f"figure('innflytting'); found {measure!r}")
        if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= 4):
            raise TemplateUsageError(f"figure(decimals=…) takes 0 to 4, found {decimals!r}")
        cell, *_ = single_value(self._data(), Selection([measure], kommuner, region, periods),
                                self.kommune)
        return fmt.formatted(cell.value, cell.unit,
                             decimals if decimals is not None else cell.decimals)

    def period(self, measure: str, periods: Any = "siste år") -> str:
        """The years a (relative) period means for a measure: period('innflytting',
        'siste 10 år') → '2014–2023'."""
        data = self._data()
        if measure not in data.measures:
            raise SelectionError("data.measures", f"unknown measure '{measure}'")
        first, last = resolve_span(data.measures[measure], data.measures, parse_periods(periods))
        return fmt.period(first, last)

    def _data(self) -> Data:
        if self.data is None:
            raise DataError("figures need a data folder, and none was found")
        return self.data

    def render_slide(self, slide: SlideBase) -> SlideBase:
        """The slide with every templated string rendered; SpecError names each failure."""
        problems: list[str] = []
        rendered = self._walk(slide, "", slide, problems)
        if problems:
            raise DataError("\n".join(problems))
        return rendered

    def _walk(self, value: Any, path: str, slide: SlideBase, problems: list[str]) -> Any:
        if isinstance(value, str):
            if not has_template_syntax(value):
                return value
            before = len(problems)
            rendered = self._render(value, "", problems)  # each problem starts ': …'
            if len(problems) > before:  # placed only when it failed: where() resolves a path,
                where = slide.origin.where(path) if slide.origin else path  # too slow per text
                problems[before:] = [where + p for p in problems[before:]]
            return rendered
        if isinstance(value, list):
            return [self._walk(v, f"{path}[{i}]", slide, problems) for i, v in enumerate(value)]
        if isinstance(value, Picture) and value.varies:
            return self._picture(value, f"{path}.file", slide, problems)
        if isinstance(value, BaseModel) and not isinstance(value, Origin):
            updates = {}
            for name in type(value).model_fields:
                old = getattr(value, name)
                new = self._walk(old, f"{path}.{name}" if path else name, slide, problems)
                if new is not old:
                    updates[name] = new
            return value.model_copy(update=updates) if updates else value
        return value

    def _picture(self, picture: Picture, path: str, slide: SlideBase,
                 problems: list[str]) -> Picture:
        """The picture for this kommune: its path's variables filled in, else its fallback."""
        where = slide.origin.where(path) if slide.origin else path
        before = len(problems)
        rendered = self._render(str(picture.file), where, problems)
        if len(problems) > before:
            return picture
        try:
            return picture.with_file(rendered, display_path(Path(os.path.normpath(rendered))))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return picture

    def render_text(self, text: str, where: str) -> str:
        """One templated string outside a slide (a for_each block's group)."""
        problems: list[str] = []
        rendered = self._render(text, where, problems)
        if problems:
            raise DataError("\n".join(problems))
        return rendered

    def _render(self, text: str, where: str, problems: list[str]) -> str:
        try:
            # from_string() without compiling again a text another renderer already compiled
            # (a for_each block renders the same texts once per kommune)
            template = self.env.template_class.from_code(
                self.env, _compiled(text), self.env.make_globals(None), None)
            rendered = sandbox.render(template, counting="{%" in text)
            bad = xml_unsafe(rendered)  # {{ "\x01" }}: the .pptx could not hold it
            if bad is None:
                return rendered
            problems.append(f"{where}: the text the template gives: {bad}")
        except jinja2.UndefinedError as exc:
            problems.append(f"{where}: unknown variable: {exc.message}")
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"{where}: text template error: {exc.message}")
        except SelectionError as exc:
            problems.append(f"{where}: {exc.detail}")
        except (DataError, SpecError) as exc:
            problems.append(f"{where}: {exc}")
        except jinja2.exceptions.SecurityError as exc:
            problems.append(f"{where}: not allowed in a text template: {exc}")
        except (TemplateUsageError, sandbox.LimitError) as exc:
            problems.append(f"{where}: {exc}")
        except TypeError as exc:  # figure() or period() called with arguments they lack
            problems.append(f"{where}: {_call_hint(exc)}")
        except Exception as exc:  # arithmetic in a template ({{ 1/0 }}): the user's to fix
            problems.append(f"{where}: text template error: {type(exc).__name__}: {exc}")
        return text


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose message for a misspelt {{ kommune.… }} lists what kommune has."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if (isinstance(self._undefined_obj, KommuneVars) and not self._undefined_hint
                and isinstance(self._undefined_name, str)):
            offered = ", ".join(f"kommune.{f.name}" for f in fields(KommuneVars))
            return f"kommune has no '{self._undefined_name}'; it has {offered}"
        return super()._undefined_message


def _environment() -> LimitedEnvironment:
    return LimitedEnvironment(undefined=_Undefined, autoescape=False,
                                keep_trailing_newline=True, finalize=_printable)


@lru_cache(maxsize=2048)
def _compiled(text: str):
    """A text's compiled template code: the same for every renderer, whose environments are
    configured alike (only their globals differ, and those are bound when rendering)."""
    return _COMPILER.compile(text)


def kommune_slug(name: str) -> str:
    """A kommune's name as a file name: what {{ kommune.slug }} gives and per-kommune decks are
    named by (build/kommunebesok-nord-aurdal.pptx)."""
    from slugify import slugify  # python-slugify: æ→ae, ø→o, å→a, as URLs have them

    return slugify(name)


class TemplateUsageError(Exception):
    """A text variable used wrongly: the message says how it is used."""


SIGNATURES = {"figure": "figure(measure, kommuner=…, region=…, periods=…, decimals=…)",
              "period": "period(measure, periods)"}


def _call_hint(exc: TypeError) -> str:
    text = str(exc)
    for name, signature in SIGNATURES.items():
        if f"{name}()" in text:
            detail = text.split("() ", 1)[1]
            return f"{name}() {detail}; it is used as {signature}"
    return f"text template error: {text}"


def _printable(value: Any) -> Any:
    """What {{ … }} may print: text, numbers and kommune, not a function or an object."""
    if isinstance(value, (str, int, float, KommuneVars)):
        return value
    if value is None:  # {{ [].append(1) }}: «None» on a slide is never what was meant
        raise TemplateUsageError("{{ … }} gives nothing (None) to show: use an expression "
                                 "with a value, such as a variable or figure(…)")
    if isinstance(value, jinja2.Undefined):  # before callable(): an Undefined is callable too
        str(value)  # StrictUndefined: raises Jinja's error with the undefined name
    if callable(value):
        name = getattr(value, "__name__", "a function")
        raise TemplateUsageError(f"{{{{ {name} }}}} is a function: call it, e.g. "
                                 f"{SIGNATURES.get(name, name + '(…)')}")
    raise TemplateUsageError(f"cannot show {type(value).__name__} in a text")


_COMPILER = _environment()
