"""The sandbox text templates run in: Jinja's, with limits on what one text may cost (README,
"Limits"). Jinja's own sandbox keeps a template from reaching Python's internals, not from
running forever or filling memory: nested range() loops never end, and 'x' * 300000000 is one
multiplication."""

from __future__ import annotations

import sys
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from .spec.model import MAX_TEXT

MAX_RANGE = 10_000  # numbers in one range(): a text counts kommuner or years, not millions
MAX_STEPS = 100_000  # lines of template code one text may run: loops inside loops stop here
MAX_DIGITS = 1_000  # digits of a number made by ** (10 ** 10 ** 9 would take hours)


class LimitError(Exception):
    """A text template asked for more than its limits; the message says which."""


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitError(f"range() of {_spaced(len(numbers))} numbers; a text template may "
                         f"count at most {_spaced(MAX_RANGE)}")
    return numbers


def _too_long(what: str, length: int) -> LimitError:
    return LimitError(f"{what} would make {_spaced(length)} characters or items; a text may "
                      f"have at most {_spaced(MAX_TEXT)}")


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with range() capped and *, ** and + checked before they run."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.globals["range"] = _range

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        sized = (str, list, tuple)
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, sized) and isinstance(times, int)
                        and len(seq) * max(times, 0) > MAX_TEXT):
                    raise _too_long("'*'", len(seq) * times)
        elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
            if len(left) + len(right) > MAX_TEXT:
                raise _too_long("'+'", len(left) + len(right))
        elif (operator == "**" and isinstance(left, int) and isinstance(right, int)
              and abs(left) > 1 and right > 0
              and left.bit_length() * right > MAX_DIGITS * 3.33):  # bits per digit
            raise LimitError(f"'**' would make a number of more than {_spaced(MAX_DIGITS)} "
                             f"digits")
        return super().call_binop(context, operator, left, right)


def render(template, counting: bool) -> str:
    """The template's text; LimitError beyond MAX_TEXT characters made (written out, or joined
    with ~) and, if counting, beyond MAX_STEPS lines of template code run. Counting costs a
    trace call per line: the caller counts the texts that can loop (with {% … %})."""
    template.root_render_func.__globals__["str_join"] = _joined  # this template's own module
    previous = sys.gettrace()
    if counting:
        sys.settrace(_counter())
    try:
        out, length = [], 0
        for chunk in template.generate():
            length += len(chunk)
            if length > MAX_TEXT:
                raise LimitError(f"the text template makes more than {_spaced(MAX_TEXT)} "
                                 f"characters; a text may have at most {_spaced(MAX_TEXT)}")
            out.append(chunk)
        return "".join(out)
    finally:
        if counting:
            sys.settrace(previous)


def _joined(seq) -> str:
    text = "".join(map(str, seq))
    if len(text) > MAX_TEXT:
        raise _too_long("'~'", len(text))
    return text


def _counter():
    steps = 0

    def line(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
            if steps > MAX_STEPS:
                raise LimitError(f"the text template ran more than {_spaced(MAX_STEPS)} steps: "
                                 f"a loop too long, or one that never ends")
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename == "<template>" else None

    return call
