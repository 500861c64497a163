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


class NotUtf8Error(DataError):
    """A text file that is not UTF-8, as Excel on Windows saves CSV (Latin-1 or cp1252): the
    line and column of its first bad byte, and how to save it instead."""

    def __init__(self, file: Path, line: int, column: int, byte: int):
        self.file, self.line, self.column = file, line, column
        seen = bytes([byte]).decode("cp1252", errors="replace")
        self.detail = (f"expected UTF-8 text, found byte 0x{byte:02x} («{seen}» in Latin-1 or "
                       f"Windows text): {resave_hint(file)}")
        super().__init__(f"{display_path(file)}:{line}:{column}: {self.detail}")

    @classmethod
    def of(cls, file: Path) -> NotUtf8Error:
        """The error for a file that failed to decode as UTF-8, at its first bad byte: read
        again only when that happened, so reading a good file costs nothing more."""
        raw = Path(file).read_bytes()
        try:
            raw.decode("utf-8")  # a BOM is valid UTF-8: positions count from the file's start
            start = len(raw)  # decodes now: changed since; say where it ends
        except UnicodeDecodeError as exc:
            start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        byte = raw[start] if start < len(raw) else 0
        return cls(Path(file), raw.count(b"\n", 0, start) + 1, column, byte)


def resave_hint(file: Path) -> str:
    """What to do with a file that is not UTF-8: Excel's own words for a CSV."""
    return ("save it as UTF-8 (in Excel: CSV UTF-8)" if file.suffix.lower() == ".csv"
            else "save it as UTF-8")


class SelectionError(DataError):
    """A slide asks for data that cannot be given; the build adds the deck's file:line."""

    def __init__(self, field: str, detail: str):
        self.field = field  # key path inside the slide, e.g. data.measures
        self.detail = detail
        super().__init__(f"{field}: {detail}")


class BuildError(SlidegenError):
    """The deck could not be assembled or written."""


class UsageError(BuildError):
    """A command-line option names what is not there (an unknown --kommune or --group):
    wrong usage, so exit 2 as click's own usage errors, not 1 as bad input."""

    exit_code = 2


class HandEditError(BuildError):
    """The output was changed since slidegen wrote it, so the build keeps it and stops; the
    lines say which file, what changed per slide, and what to do next."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))

    def messages(self) -> list[str]:
        return list(self.lines)


def display_path(path: Path | str | bytes) -> str:
    """A path as the user would type it: relative to the working directory when inside it.
    Also a str or bytes, as an OSError's filename is."""
    if isinstance(path, bytes):
        path = path.decode(errors="replace")
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):  # outside it, or the working directory is gone
        return str(path)


def excerpt(text: object, limit: int = 80) -> str:
    """At most limit characters of an input quoted in a message, cut with «…»: a message
    shows where and what, never a whole file or a million-character word."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
