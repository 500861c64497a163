"""Whether a text of the spec is a template: the one test every layer uses."""

from __future__ import annotations


def has_template_syntax(text: str) -> bool:
    """Whether text holds Jinja variables or blocks ({{ … }}, {% … %}) to render."""
    return "{{" in text or "{%" in text
