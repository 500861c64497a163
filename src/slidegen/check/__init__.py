"""`slidegen check`: read a finished .pptx and report, per slide, what would trouble a reader
or a screen reader, and what is not ready to present. Errors make the command fail; warnings are
advice, except that strict makes the not-ready ones errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from pptx import Presentation

from ..errors import BuildError, display_path
from ..template import unreadable_pptx
from .colours import ThemeColours
from .ready import RULES as READY_RULES
from .ready import check_ready
from .rules import (
    Finding,
    check_alt_text,
    check_language,
    check_links,
    check_tables_and_sources,
    check_text,
    check_titles,
)


@dataclass
class Report:
    """Every finding for one file, in slide order."""

    file: Path
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    def lines(self) -> list[str]:
        summary = (f"{display_path(self.file)}: {len(self.errors)} error(s), "
                   f"{len(self.warnings)} warning(s)")
        return [str(f) for f in self.findings] + [summary]

    def to_json(self) -> str:
        return json.dumps({"file": str(self.file), "errors": len(self.errors),
                           "warnings": len(self.warnings),
                           "findings": [asdict(f) for f in self.findings]},
                          ensure_ascii=False, indent=2)


def check_pptx(file: str | Path, language: str | None = None, strict: bool = False,
               cancelled: Callable[[], bool] | None = None) -> Report | None:
    """Apply every rule to a .pptx; language defaults to the file's own, else nb-NO. strict:
    what is not ready to present (placeholders, missing figures, hidden slides, TODO notes) is
    an error, not a warning. cancelled, asked before each slide, stops the check (None is
    returned): serve drops a check of a deck it has rebuilt since, and it would only slow the
    rebuild down."""
    file = Path(file)
    try:
        prs = Presentation(str(file))
    except Exception as exc:  # python-pptx raises several kinds for a broken package
        raise BuildError(unreadable_pptx(file, exc)) from None
    slides = list(prs.slides)
    expected = language or prs.core_properties.language or "nb-NO"
    findings = check_titles(slides) + check_language(prs, slides, expected)
    for number, slide in enumerate(slides, start=1):
        if cancelled is not None and cancelled():
            return None
        colours = ThemeColours(slide)
        findings += check_alt_text(number, slide)
        findings += check_text(number, slide, colours)
        findings += check_tables_and_sources(number, slide)
        findings += check_links(number, slide)
        findings += check_ready(number, slide)
    if strict:
        findings = [replace(f, level="error") if f.rule in READY_RULES else f for f in findings]
    findings.sort(key=lambda f: (f.slide, f.level != "error", f.rule, f.shape))
    return Report(file, findings)


__all__ = ["Finding", "Report", "check_pptx"]
