"""Safe YAML loading that remembers where every key and value stood, for file:line:col errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import NotUtf8Error, Problem, excerpt
from .explain import duplicate_key, explain

KeyPath = tuple[str | int, ...]

# Limits on what a YAML file may ask of the reader (README, "Limits"). A real deck is a few
# hundred kilobytes and uses a few aliases; an "alias bomb" (a list of nine aliases of a list
# of nine aliases …) is a few lines that expand to billions of values.
MAX_YAML_BYTES = 10_000_000
MAX_ALIASES = 10_000  # uses of an &anchor by *alias or <<: merge
MAX_VALUES = 1_000_000  # keys, values and list items once every alias is expanded


@dataclass
class LoadedYaml:
    """A YAML document as plain Python data, with the position of each value and mapping key."""

    file: Path
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    _inside: dict[int, dict[KeyPath, dict[KeyPath, tuple[int, int]]]] = field(
        default_factory=dict, repr=False, compare=False)

    def position(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its key; the nearest parent's if
        the path does not exist (a missing field is reported where its mapping starts)."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
            table = self.values
        return self.values.get((), (1, 1))

    def inside(self, path: KeyPath) -> dict[KeyPath, tuple[int, int]]:
        """The position of every value below path, keyed by its path relative to path."""
        # Indexed once per depth: asking this for each of n slides scans the document once,
        # not n times (a scan per slide made 10 000 slides take minutes).
        depth = len(path)
        index = self._inside.get(depth)
        if index is None:
            index = self._inside[depth] = {}
            for key, pos in self.values.items():
                if len(key) > depth:
                    index.setdefault(key[:depth], {})[key[depth:]] = pos
        return index.get(path, {})


class YamlProblem(Exception):
    """Raised with the problem already located; the caller collects it."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class SpecLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like plain scalars, so text stays text: 0301 (a kommune number)
    and 12:30 are not octal or base-60 numbers, and no/yes/on/off are not booleans."""


class FastSpecLoader(getattr(yaml, "CSafeLoader", SpecLoader)):
    """The same, parsed by libyaml: C, not Python, for the files that have no problem, which
    are nearly all; a file with a problem is read again by SpecLoader, so every message and
    position is the pure-Python parser's."""


SpecLoader.yaml_implicit_resolvers = {}
FastSpecLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
     list("-+0123456789.")),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", list("0123456789")),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
]:
    SpecLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
    FastSpecLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def load_yaml(file: Path) -> LoadedYaml:
    """Read file safely (no object tags), refusing duplicate keys."""
    if file.is_dir():
        raise YamlProblem(Problem(file, 1, 1, "", "is a folder, not a YAML file"))
    try:
        size = file.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlProblem(Problem(file, 1, 1, "", f"the file is {size:,} bytes; a YAML file "
                                                      f"may be at most {MAX_YAML_BYTES:,} bytes"
                                      .replace(",", " ")))
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlProblem(Problem(file, 1, 1, "", "file not found")) from None
    except UnicodeDecodeError:  # a Latin-1 or cp1252 file: the line of its first bad byte
        bad = NotUtf8Error.of(file)
        raise YamlProblem(Problem(file, bad.line, bad.column, "", bad.detail)) from None
    if "\t" not in text and "\r" not in text:  # libyaml and PyYAML agree on plain text
        try:
            return _load(FastSpecLoader, file, text)
        except (yaml.YAMLError, YamlProblem, ValueError, RecursionError):
            pass  # read again below, for PyYAML's own message and position
    return _load_reporting(file, text)


def _load(loader_class, file: Path, text: str) -> LoadedYaml:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if _measure(file, node) > 50:  # PyYAML's composer gives up on deep nesting: let it
            raise RecursionError        # say so
        result = LoadedYaml(file, None)
        if node is not None:
            result.values[()] = _pos(node)
            result.data = _convert(loader, node, (), result)
        return result
    finally:
        loader.dispose()


def _load_reporting(file: Path, text: str) -> LoadedYaml:
    loader = None
    try:
        loader = SpecLoader(text)
        node = loader.get_single_node()
        _measure(file, node)
        result = LoadedYaml(file, None)
        if node is not None:
            result.values[()] = _pos(node)
            result.data = _convert(loader, node, (), result)
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if isinstance(exc, yaml.constructor.ConstructorError):
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = f"{exc.problem or exc.context} (slidegen reads plain YAML only: no !tags)"
            raise YamlProblem(Problem(file, line, col, "", f"YAML syntax error: {what}")
                              ) from None
        line, col, message = explain(text, exc)
        raise YamlProblem(Problem(file, line, col, "", message)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlProblem(Problem(file, line, col, "", f"YAML syntax error: a character YAML "
                                                       f"does not allow: U+{exc.character:04X}")
                          ) from None
    except RecursionError:
        raise YamlProblem(Problem(file, 1, 1, "", "nested too deeply to read")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _measure(file: Path, root: yaml.Node | None) -> int:
    """The document's depth; a YamlProblem if it uses too many aliases or expands to too many
    values. Each node is measured once, an aliased one too, so a bomb costs its size in the
    file, not its size expanded."""
    aliases = 0
    begun: set[yaml.Node] = set()  # not finished: an alias to one is inside what it names
    measured: dict[yaml.Node, tuple[int, int]] = {}  # depth, and values with aliases expanded
    todo: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []

    def refuse(node: yaml.Node, what: str):
        line, col = _pos(node)
        raise YamlProblem(Problem(file, line, col, "", what.replace(",", " ")))

    while todo:
        node, done = todo.pop()
        if isinstance(node, yaml.ScalarNode):
            if node in measured:  # an aliased scalar
                aliases += 1
            measured[node] = (1, 1)
        elif done:  # every child measured: this node's depth and size are theirs and one
            begun.discard(node)
            children = ([n for pair in node.value for n in pair]
                        if isinstance(node, yaml.MappingNode) else node.value)
            size = 1 + sum(measured[c][1] for c in children)
            measured[node] = (1 + max((measured[c][0] for c in children), default=0), size)
            if size > MAX_VALUES:
                refuse(node, f"this expands to more than {MAX_VALUES:,} values through its "
                             f"aliases (*name); a YAML file may hold at most {MAX_VALUES:,}")
            continue
        elif node in measured or node in begun:  # met before: an alias (*name, <<: *name)
            if node in begun:
                refuse(node, "an alias inside the value it names (&name … *name); write the "
                             "values out")
            aliases += 1
        else:
            begun.add(node)
            todo.append((node, True))
            children = ([n for pair in node.value for n in pair]
                        if isinstance(node, yaml.MappingNode) else node.value)
            todo += [(child, False) for child in reversed(children)]  # in the order written
        if aliases > MAX_ALIASES:
            refuse(node, f"more than {MAX_ALIASES:,} uses of aliases (*name) in one file; "
                         f"write the values out")
    return measured[root][0] if root is not None else 0


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# The only tags a mapping or list may carry: the implicit ones. Scalars' tags are refused by
# the loader's constructor; a collection's are not looked at by _convert, so without this
# `!!python/object/apply:os.system [..]` would quietly become a plain list.
PLAIN_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, out: LoadedYaml) -> Any:
    if not isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_COLLECTIONS:
        line, col = _pos(node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(Problem(out.file, line, col, readable(path),
                                  f"YAML syntax error: unknown tag '{excerpt(tag)}' (slidegen "
                                  f"reads plain YAML only: no !tags)"))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, tuple[int, int]] = {}
        for key_node, _ in node.value:  # duplicates among the keys written here, not merged
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = str(_scalar(loader, key_node, out))
            if key in seen:
                line, col = _pos(key_node)
                message = duplicate_key(path, key, seen[key][0])
                raise YamlProblem(Problem(out.file, line, col, readable(path + (key,)), message))
            seen[key] = _pos(key_node)
        # Merge keys (<<) put the merged pairs first, so the keys written here override them.
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(loader, key_node, out))
            out.keys[path + (key,)] = _pos(key_node)
            out.values[path + (key,)] = _pos(value_node)
            mapping[key] = _convert(loader, value_node, path + (key,), out)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            out.values[path + (i,)] = _pos(item)
            items.append(_convert(loader, item, path + (i,), out))
        return items
    value = _scalar(loader, node, out)
    bad = xml_unsafe(value) if isinstance(value, str) else None
    if bad:  # written as an escape ("\x01", "\uFFFF"): lxml would fail on it when saving
        line, col = _pos(node)
        raise YamlProblem(Problem(out.file, line, col, readable(path), bad))
    return value


# What XML 1.0, and so a .pptx, can hold: tab, newline, carriage return and the printable
# planes; not other control characters, lone surrogates, U+FFFE or U+FFFF.
XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_unsafe(text: str) -> str | None:
    """What is wrong with a text a .pptx cannot hold (its first such character, and where in
    the text), or None when it can hold it."""
    match = XML_UNSAFE.search(text)
    if match is None:
        return None
    return (f"character U+{ord(match.group()):04X} (at position {match.start() + 1} of the text) "
            f"cannot be stored in a .pptx: remove it")


def _scalar(loader: yaml.SafeLoader, node: yaml.Node, out: LoadedYaml) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. 2024-02-30: looks like a date, is not one
        line, col = _pos(node)
        raise YamlProblem(Problem(out.file, line, col, "", f"'{node.value}' is not a valid "
                                                           f"date ({exc})")) from None


def readable(path: KeyPath) -> str:
    """'slide 4, data.measures' from ('slides', 3, 'data', 'measures'): the path shown in
    messages. Slides are counted from 1, as an adviser counts the entries under 'slides:' in
    the file the message names; a for_each block's own slides are 'for_each slide 2'."""
    parts, label = [], "slide"
    while len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
        parts.append(f"{label} {path[1] + 1}")
        path, label = path[2:], "for_each slide"
    return ", ".join(parts + ([dotted(path)] if path else []))


def dotted(path: KeyPath) -> str:
    """slides[3].items[0] from ('slides', 3, 'items', 0)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
