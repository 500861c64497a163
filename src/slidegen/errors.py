"""The one exception hierarchy of slidegen; cli.py turns it into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SlidegenError(Exception):
    """Root of every error slidegen raises on purpose (bad input, not bugs)."""

    exit_code = 1

    def messages(self) -> list[str]:
        """The lines to show the user, one per problem."""
        return str(self).splitlines()


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a spec file: where, which key, and what was expected and found."""

    file: Path
    line: int
    column: int
    path: str  # key path such as 'slide 4, items[0]'; empty for the whole document
    message: str

    def __str__(self) -> str:
        where = f"{display_path(self.file)}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class SpecError(SlidegenError):
    """A deck spec (YAML) is malformed or invalid; carries every problem found, not only one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line, p.column, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


class TemplateError(SlidegenError):
    """A template .pptx or its layout mapping cannot serve the deck."""


class DataError(SlidegenError):
    """A dataset in data/ is malformed, or a selection asks for data that is not there."""


class SelectionError(DataError):
    """A slide asks for data that cannot be given; the build adds the deck's file:line."""

    def __init__(self, field: str, detail: str):
        self.field = field  # key path inside the slide, e.g. data.measures
        self.detail = detail
        super().__init__(f"{field}: {detail}")


class BuildError(SlidegenError):
    """The deck could not be assembled or written."""


class HandEditError(BuildError):
    """The output was changed since slidegen wrote it, so the build keeps it and stops; the
    lines say which file, what changed per slide, and what to do next."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))

    def messages(self) -> list[str]:
        return list(self.lines)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
