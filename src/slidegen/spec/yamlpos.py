"""Safe YAML loading that remembers where every key and value stood, for file:line:col errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

KeyPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """A YAML document as plain Python data, with the position of each value and mapping key."""

    file: Path
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

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


class YamlProblem(Exception):
    """Raised with the problem already located; the caller collects it."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(file: Path) -> LoadedYaml:
    """Read file with yaml.SafeLoader (no object tags), refusing duplicate keys."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlProblem(Problem(file, 1, 1, "", "file not found")) from None
    except UnicodeDecodeError as exc:
        raise YamlProblem(Problem(file, 1, 1, "", f"not UTF-8 text ({exc.reason})")) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        result = LoadedYaml(file, None)
        if node is not None:
            result.values[()] = _pos(node)
            result.data = _convert(loader, node, (), result)
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            what = f"{what} (slidegen reads plain YAML only: no !tags)"
        raise YamlProblem(Problem(file, line, col, "", f"YAML syntax error: {what}")) from None
    finally:
        loader.dispose()


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, out: LoadedYaml) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<) the way SafeLoader would
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                line, col = _pos(key_node)
                first = out.keys[path + (key,)]
                message = f"duplicate key '{key}' (first given on line {first[0]})"
                raise YamlProblem(Problem(out.file, line, col, dotted(path + (key,)), message))
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
    return loader.construct_object(node, deep=True)


def dotted(path: KeyPath) -> str:
    """slides[3].items[0] from ('slides', 3, 'items', 0)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
