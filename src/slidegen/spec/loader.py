"""Load a deck: read YAML with positions, expand includes, validate, and collect every problem."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem, SpecError, display_path
from .deck import SLIDE_MODELS, Deck, DeckHead, ForEach
from .model import Origin, SlideBase
from .schema_walk import fields_at
from .yamlpos import KeyPath, LoadedYaml, YamlProblem, dotted, load_yaml


@dataclass
class _Collector:
    problems: list[Problem]

    def add(self, doc: LoadedYaml, path: KeyPath, message: str, *, key: bool = False) -> None:
        line, col = doc.position(path, key=key)
        self.problems.append(Problem(doc.file, line, col, dotted(path), message))


def load_deck(file: str | Path) -> Deck:
    """Read and validate a deck spec; raise SpecError listing every problem found."""
    file = Path(file)
    out = _Collector([])
    try:
        doc = load_yaml(file)
    except YamlProblem as exc:
        raise SpecError([exc.problem]) from None
    if not isinstance(doc.data, dict):
        out.add(doc, (), f"expected a mapping with title and slides, found {describe(doc.data)}")
        raise SpecError(out.problems)

    head = _validate(DeckHead, doc.data, doc, (), out)
    sources = [file.resolve()]
    raw_slides = doc.data.get("slides")
    slides: list[SlideBase | ForEach] = []
    if isinstance(raw_slides, list):
        slides = _slides(_expand(doc, ("slides",), raw_slides, out, sources, [file]), out)
    if out.problems or head is None:
        raise SpecError(out.problems)
    return Deck(file=file.resolve(), title=head.title, author=head.author, language=head.language,
                template=head.template, date=head.date, data=head.data, kommune=head.kommune,
                parameter=head.parameter, slides=tuple(slides), sources=tuple(sources),
                positions={str(k[0]): v for k, v in doc.values.items() if len(k) == 1})


def _slides(expanded, out: _Collector) -> list[SlideBase | ForEach]:
    slides: list[SlideBase | ForEach] = []
    for doc_i, path, item in expanded:
        if isinstance(item, _Repeat):
            inner = [s for s in _slides(item.slides, out) if not isinstance(s, ForEach)]
            line, _ = doc_i.position(path)
            slides.append(ForEach(group=item.group, slides=tuple(inner),
                                  origin=Origin(file=doc_i.file, line=line, path=dotted(path))))
            continue
        slide = _validate_slide(item, doc_i, path, out)
        if slide is not None:
            slides.append(slide)
    return slides


@dataclass
class _Repeat:
    """A for_each block met while expanding: its group and its own expanded slides."""

    group: str
    slides: list


def validate_file(model: type[BaseModel], file: Path) -> Any:
    """Read a YAML file and validate it against model, raising SpecError with file:line:col."""
    out = _Collector([])
    try:
        doc = load_yaml(file)
    except YamlProblem as exc:
        raise SpecError([exc.problem]) from None
    result = _validate(model, doc.data, doc, (), out)
    if result is None:
        raise SpecError(out.problems)
    return result


def _expand(doc: LoadedYaml, base: KeyPath, items: list[Any], out: _Collector,
            sources: list[Path], chain: list[Path]):
    """Yield (document, path, slide mapping) for each slide, following include: entries."""
    for i, item in enumerate(items):
        path = base + (i,)
        if isinstance(item, dict) and "for_each" in item:
            repeat = _for_each(doc, path, item, out, sources, chain)
            if repeat is not None:
                yield doc, path, repeat
            continue
        if not (isinstance(item, dict) and "include" in item):
            yield doc, path, item
            continue
        extra = sorted(set(item) - {"include"})
        if extra:
            out.add(doc, path + (extra[0],), f"an include entry takes only 'include', found "
                                              f"'{extra[0]}'", key=True)
            continue
        target = item["include"]
        if not isinstance(target, str) or not target.strip():
            out.add(doc, path + ("include",), f"expected a path to a YAML file, found "
                                               f"{describe(target)}")
            continue
        included = (doc.file.parent / target).resolve()
        if included in [c.resolve() for c in chain]:
            cycle = " → ".join(c.name for c in chain + [included])
            out.add(doc, path + ("include",), f"include cycle: {cycle}")
            continue
        if not included.is_file():
            out.add(doc, path + ("include",), f"included file not found: '{target}' "
                                               f"(looked for {display_path(included)})")
            continue
        try:
            sub = load_yaml(included)
        except YamlProblem as exc:
            out.problems.append(exc.problem)
            continue
        sources.append(included)
        if not (isinstance(sub.data, dict) and set(sub.data) == {"slides"}
                and isinstance(sub.data["slides"], list)):
            found = (f"keys {', '.join(sorted(sub.data))}" if isinstance(sub.data, dict)
                     else describe(sub.data))
            out.add(sub, (), f"an included file holds one key, 'slides:' with a list of slides; "
                             f"found {found}")
            continue
        yield from _expand(sub, ("slides",), sub.data["slides"], out, sources, chain + [included])


def _for_each(doc, path, item, out, sources, chain) -> _Repeat | None:
    extra = sorted(set(item) - {"for_each", "slides"})
    if extra:
        out.add(doc, path + (extra[0],), f"a for_each block takes 'for_each' and 'slides', found "
                                          f"'{extra[0]}'", key=True)
        return None
    group, inner = item["for_each"], item.get("slides")
    if not isinstance(group, str) or not group.strip():
        out.add(doc, path + ("for_each",), f"expected a group of kommuner (e.g. "
                                            f"distriktskommuner-telemark) or 'all', found "
                                            f"{describe(group)}")
        return None
    if not isinstance(inner, list) or not inner:
        out.add(doc, path + ("slides",) if "slides" in item else path,
                "expected a list of slides to repeat for each kommune")
        return None
    nested = [s for s in inner if isinstance(s, dict) and "for_each" in s]
    if nested:
        out.add(doc, path + ("slides",), "for_each blocks cannot be nested")
        return None
    return _Repeat(group.strip(), list(_expand(doc, path + ("slides",), inner, out, sources,
                                               chain)))


def _validate_slide(item: Any, doc: LoadedYaml, path: KeyPath, out: _Collector
                    ) -> SlideBase | None:
    if not isinstance(item, dict):
        out.add(doc, path, f"expected a slide (a mapping with 'kind'), found {describe(item)}")
        return None
    kind = item.get("kind")
    if kind is None:
        out.add(doc, path, f"missing required key 'kind' (one of: {', '.join(SLIDE_MODELS)})")
        return None
    model = SLIDE_MODELS.get(str(kind))
    if model is None:
        out.add(doc, path + ("kind",), f"unknown slide kind '{kind}'"
                + _did_you_mean(str(kind), SLIDE_MODELS, "expected one of"))
        return None
    slide = _validate(model, item, doc, path, out)
    if slide is None:
        return None
    line, _ = doc.position(path)
    inside = {dotted(key[len(path):]): pos for key, pos in doc.values.items()
              if key[:len(path)] == path and len(key) > len(path)}
    origin = Origin(file=doc.file, line=line, path=dotted(path), positions=inside)
    return slide.model_copy(update={"origin": origin})


def _validate(model: type[BaseModel], data: dict, doc: LoadedYaml, base: KeyPath,
              out: _Collector):
    try:
        return model.model_validate(data, context={"base_dir": doc.file.parent})
    except ValidationError as exc:
        for error in exc.errors():
            _report(model, error, doc, base, out)
        return None


def _report(model: type[BaseModel], error: dict, doc: LoadedYaml, base: KeyPath,
            out: _Collector) -> None:
    loc = tuple(error["loc"])
    found = error.get("input")
    kind = error["type"]
    if kind == "missing":
        out.add(doc, base + loc[:-1], f"missing required key '{loc[-1]}'")
    elif kind == "extra_forbidden":
        allowed = fields_at(model, loc[:-1])
        out.add(doc, base + loc, f"unknown key '{loc[-1]}'"
                + _did_you_mean(str(loc[-1]), allowed, "allowed keys"), key=True)
    elif kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        hint = _did_you_mean(str(found), options, "expected one of")
        out.add(doc, base + loc, f"unknown value {describe(found)}{hint}")
    elif kind == "string_too_short":
        out.add(doc, base + loc, "must not be empty")
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
    else:
        expected = EXPECTED.get(kind, error["msg"].lower())
        out.add(doc, base + loc, f"expected {expected}, found {describe(found)}")


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


def _did_you_mean(word: str, options, label: str) -> str:
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
