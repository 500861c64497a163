"""Modules imported on first use: importing pandas is a large share of a short run's time, and
a rebuild that takes every slide from the cache, or finds the deck unchanged, never computes a
figure."""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule(ModuleType):
    """Stands for a module and imports it when an attribute is first read."""

    def __init__(self, name: str):
        super().__init__(name)
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str):
        if self._module is None:
            self._module = importlib.import_module(self.__name__)
        return getattr(self._module, attr)


pandas = LazyModule("pandas")
