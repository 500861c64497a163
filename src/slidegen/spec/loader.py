"""Load a deck: read YAML with positions, expand includes, validate, and collect every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SpecError, display_path
from ..i18n import tag
from ..yamlfile import (
    Collector,
    KeyPath,
    LoadedYaml,
    YamlProblem,
    describe,
    did_you_mean,
    dotted,
    load_yaml,
    readable,
    validate,
)
from .boundary import Boundary
from .deck import SLIDE_MODELS, Deck, DeckHead, ForEach, too_many_slides
from .languages import deck_language, pick
from .model import Origin, SlideBase


def load_deck(file: str | Path, *, boundary: Boundary | None = None,
              language: str | None = None) -> Deck:
    """Read and validate a deck spec; raise SpecError listing every problem found. Every file
    it names must be inside boundary (default: the deck's project, see spec/boundary.py).
    language (nb, nn, en or a tag) overrides the deck's own: it picks the per-language texts."""
    file = Path(file)
    boundary = boundary or Boundary.for_deck(file)
    out = Collector([], {"boundary": boundary})
    try:
        doc = load_yaml(file)
    except YamlProblem as exc:
        raise SpecError([exc.problem]) from None
    if not isinstance(doc.data, dict):
        out.add(doc, (), f"expected a mapping with title and slides, found {describe(doc.data)}")
        raise SpecError(out.problems)

    chosen = deck_language(doc, language)
    if language is not None:
        doc.data["language"] = tag(chosen)
    pick(doc, chosen, out)
    head = validate(DeckHead, doc.data, doc, (), out)
    sources = [file.resolve()]
    raw_slides = doc.data.get("slides")
    slides: list[SlideBase | ForEach] = []
    if isinstance(raw_slides, list):
        slides = _slides(_expand(doc, ("slides",), raw_slides, out, sources, [file], chosen),
                         out)
        too_many = too_many_slides(sum(len(s.slides) if isinstance(s, ForEach) else 1
                                       for s in slides))
        if too_many:
            out.add(doc, ("slides",), too_many)
    if out.problems or head is None:
        raise SpecError(out.problems)
    return Deck(file=file.resolve(), title=head.title, author=head.author,
                language=tag(head.language),
                template=head.template, date=head.date, data=head.data, kommune=head.kommune,
                parameter=head.parameter, slides=tuple(slides), sources=tuple(sources),
                positions={str(k[0]): v for k, v in doc.values.items() if len(k) == 1})


def _slides(expanded, out: Collector) -> list[SlideBase | ForEach]:
    slides: list[SlideBase | ForEach] = []
    for doc_i, path, item in expanded:
        if isinstance(item, _Repeat):
            inner = [s for s in _slides(item.slides, out) if not isinstance(s, ForEach)]
            line, _ = doc_i.position(path)
            slides.append(ForEach(group=item.group, slides=tuple(inner),
                                  origin=Origin(file=doc_i.file, line=line, path=readable(path))))
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


def _expand(doc: LoadedYaml, base: KeyPath, items: list[Any], out: Collector,
            sources: list[Path], chain: list[Path], language: str):
    """Yield (document, path, slide mapping) for each slide, following include: entries."""
    for i, item in enumerate(items):
        path = base + (i,)
        if isinstance(item, dict) and "for_each" in item:
            repeat = _for_each(doc, path, item, out, sources, chain, language)
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
        try:  # before it is read: an outside file's lines are never shown as "keys"
            included = out.context["boundary"].check(doc.file.parent / target, target)
        except ValueError as exc:
            out.add(doc, path + ("include",), str(exc))
            continue
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
        pick(sub, language, out)
        if not (isinstance(sub.data, dict) and set(sub.data) == {"slides"}
                and isinstance(sub.data["slides"], list)):
            keys = sorted(map(str, sub.data)) if isinstance(sub.data, dict) else []
            found = (f"keys {', '.join(keys[:5])}{', …' if len(keys) > 5 else ''}"
                     if isinstance(sub.data, dict) else describe(sub.data))
            out.add(sub, (), f"an included file holds one key, 'slides:' with a list of slides; "
                             f"found {found}")
            continue
        yield from _expand(sub, ("slides",), sub.data["slides"], out, sources, chain + [included],
                           language)


def _for_each(doc, path, item, out, sources, chain, language) -> _Repeat | None:
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
                                               chain, language)))


def _validate_slide(item: Any, doc: LoadedYaml, path: KeyPath, out: Collector
                    ) -> SlideBase | None:
    if not isinstance(item, dict):
        hint = (": write a space after the colon, 'kind: …'"
                if isinstance(item, str) and item.startswith("kind:") else "")
        out.add(doc, path, f"expected a slide (a mapping with 'kind'), found {describe(item)}"
                + hint)
        return None
    kind = item.get("kind")
    if kind is None:
        out.add(doc, path, f"missing required key 'kind' (one of: {', '.join(SLIDE_MODELS)})")
        return None
    model = SLIDE_MODELS.get(str(kind))
    if model is None:
        out.add(doc, path + ("kind",), f"unknown slide kind '{kind}'"
                + did_you_mean(str(kind), SLIDE_MODELS, "expected one of"))
        return None
    slide = validate(model, item, doc, path, out)
    if slide is None:
        return None
    line, _ = doc.position(path)
    inside = {dotted(key): pos for key, pos in doc.inside(path).items()}
    origin = Origin(file=doc.file, line=line, path=readable(path), positions=inside)
    return slide.model_copy(update={"origin": origin})
