"""Find which keys a model allows at a key path: the options for 'did you mean' hints."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by following loc (field names and list indexes)."""
    target: Any = model
    for part in loc:
        target = _step(target, part)
        if target is None:
            return []
    models = [t for t in _flatten(target) if _is_model(t)]
    return [name for name, f in models[0].model_fields.items() if not f.exclude] if models else []


def _step(target: Any, part: Any) -> Any:
    for candidate in _flatten(target):
        if isinstance(part, int):
            if typing.get_origin(candidate) in (list, tuple):
                return typing.get_args(candidate)[0]
        elif _is_model(candidate) and part in candidate.model_fields:
            return candidate.model_fields[part].annotation
    return None


def _flatten(annotation: Any) -> list[Any]:
    """Unwrap Optional, unions and Annotated into the plain types they allow."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _flatten(arg)]
    return [annotation]


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
