"""Kinds found by scanning a package: each public module in it is one kind, named as its module,
so adding a kind is adding a file (charts/kinds/, slides/kinds/) and no list names them."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType


def scan(package: str, path: Iterable[str], required: tuple[str, ...]) -> dict[str, ModuleType]:
    """Every module of the package but _private ones, by name, in alphabetical order; a module
    that lacks a required name is an error at import, not at the first slide that uses it."""
    kinds = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        missing = [name for name in required if not hasattr(module, name)]
        if missing:
            raise TypeError(f"kind module {module.__name__} lacks {', '.join(missing)}")
        kinds[info.name] = module
    return kinds
