"""The YAML mistakes advisers make most, explained in plain words at the line where the
mistake is, which is often not where the parser noticed it (an unclosed quote is noticed at the
end of the file). The parser's own words are kept last, for anyone who searches for them."""

from __future__ import annotations

import re

import yaml

Located = tuple[int, int, str]  # line and column (0-based here), and the explanation

# What starts a line: indentation, '- ' list dashes, and a plain 'key: ' before the value.
_START = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-(?: +|$))*)"
                    r"(?:(?P<key>[^\s#\"'\[{&*!|>%@`][^#]*?):(?: +|$))?")
_SPECIAL = {"[": "is read as a list", "{": "is read as a mapping (key: value)",
            "*": "is read as a YAML reference", "&": "is read as a YAML anchor",
            "@": "is not allowed by YAML", "`": "is not allowed by YAML",
            "%": "is not allowed by YAML", "- ": "is read as a list item"}


def explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column (1-based) and message for a YAML syntax error in text."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    raw = exc.problem or exc.context or "invalid YAML"
    for rule in (_tab, _unclosed_quote, _text_after_quote, _special_start, _colon_in_text,
                 _no_space_after_colon, _missing_colon, _stray_text, _in_brackets,
                 _indentation):
        found = rule(lines, exc, min(line, len(lines) - 1), col)
        if found:
            at_line, at_col, message = found
            return at_line + 1, at_col + 1, f"{message} (YAML: {raw})"
    return line + 1, col + 1, f"YAML syntax error: {raw}"


def duplicate_key(path: tuple, key: str, first_line: int) -> str:
    """A key given twice; a second 'kind' in a slide is a slide missing its '-'."""
    if key == "kind" and len(path) >= 2 and path[-2] == "slides" and isinstance(path[-1], int):
        return (f"a second 'kind' in the same slide (the first is on line {first_line}): "
                f"a new slide starts with '- ', so write '- kind: …' here")
    return (f"duplicate key '{key}' (first given on line {first_line}): give each key once; "
            f"remove or rename one of them")


def _tab(lines: list[str], exc, line: int, col: int) -> Located | None:
    for i, text in enumerate(lines[:line + 1]):
        if "\t" in text[:len(text) - len(text.lstrip(" -\t"))]:
            return i, text.index("\t"), ("a tab character in the indentation: YAML indents "
                                          "with spaces only; replace the tab with spaces")
    if "'\\t'" in (exc.problem or ""):
        return line, col, "a tab character here: YAML allows only spaces; replace it with a space"
    return None


def _unclosed_quote(lines: list[str], exc, line: int, col: int) -> Located | None:
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        start = exc.context_mark
        return start.line, start.column, _never_closed(lines[start.line], start.column)
    for i, text in enumerate(lines[:line + 1]):
        value = _START.match(text).end()
        if text[value:value + 1] in ("'", '"') and _close(text, value) is None:
            return i, value, _never_closed(text, value)
    return None


def _never_closed(text: str, start: int) -> str:
    quote, before = text[start], text[:start].lstrip()
    return (f"the text that starts with {quote} here is never closed: end it with {quote} "
            f"on the same line, e.g. {before}{quote}{_short(text[start + 1:].rstrip())}{quote}")


def _text_after_quote(lines: list[str], exc, line: int, col: int) -> Located | None:
    text = lines[line]
    match = _START.match(text)
    value = match.end()
    end = _close(text, value) if text[value:value + 1] in ("'", '"') else None
    if end is None or col <= end or not text[end + 1:].strip():
        return None
    rest = text[value:].strip()
    if text[value] == "'":  # most likely an apostrophe: Tinn's
        inner = rest[1:-1] if rest.endswith("'") and len(rest) > 1 else rest[1:]
        fixed = f'"{_short(inner)}"'
    else:  # quotes meant to be shown: the whole text goes inside '…'
        fixed = "'" + _short(rest.replace("'", "''")) + "'"
    key = f"{match.group('key')}: " if match.group("key") else ""
    return line, end + 1, (f"text after the closing quote: put the whole text inside the quotes, "
                           f"e.g. {match.group('dashes')}{key}{fixed}")


def _special_start(lines: list[str], exc, line: int, col: int) -> Located | None:
    text = lines[line]
    match = _START.match(text)
    value = text[match.end():]
    for start, what in _SPECIAL.items():
        if start in "[{" and not (exc.problem or "").startswith("expected <block end>"):
            continue  # meant as brackets, broken inside: _in_brackets says so
        if value.startswith(start) and col >= match.end():
            shown = "'- '" if start == "- " else start
            return line, match.end(), (f"a text that starts with {shown} {what}: put the whole "
                                       f"text in quotes, {_quoted(match, value)}")
    return None


def _colon_in_text(lines: list[str], exc, line: int, col: int) -> Located | None:
    if exc.problem != "mapping values are not allowed here":
        return None
    text = lines[line]
    match = _START.match(text)
    if not match.group("key") or col < match.end():
        return None
    value = text[match.end():]
    if match.group("dashes") and not re.fullmatch(r"[a-z][a-z0-9_]*", match.group("key")):
        # '- Tema: dette: x' is a list item of text, not a key 'Tema': quote all of it
        value = text[match.start("key"):]
        match = _START.match(match.group("indent") + match.group("dashes"))
    return line, col, (f"a colon followed by a space inside a text: put the whole text in "
                       f"quotes, {_quoted(match, value)}")


def _no_space_after_colon(lines: list[str], exc, line: int, col: int) -> Located | None:
    """'- kind:section' is one text to YAML, so the keys below it no longer fit."""
    for i in range(line, max(line - 2, -1), -1):
        match = _START.match(lines[i])
        glued = re.match(r"([a-z][a-z0-9_]*):(\S.*)", lines[i][match.end():])
        if glued and not match.group("key"):
            return i, match.end(), (f"a key needs a space after its colon: write "
                                    f"'{glued.group(1)}: {_short(glued.group(2).strip())}'")
    return None


def _missing_colon(lines: list[str], exc, line: int, col: int) -> Located | None:
    """'title Befolkning': YAML reads on into the next line looking for the colon."""
    if exc.context == "while scanning a simple key" and exc.context_mark:
        i = exc.context_mark.line
    elif exc.problem == "mapping values are not allowed here" and line > 0:
        i = _previous(lines, line)
        here, above = _START.match(lines[line]), _START.match(lines[max(i, 0)])
        here_column = len(here.group("indent")) + len(here.group("dashes"))
        if (i < 0 or above.group("key") or above.end() != here_column
                or lines[i][above.end():][:1] in "\"'[{"):
            return None
    else:
        return None
    start = _START.match(lines[i]).end()
    word, _, rest = lines[i][start:].strip().partition(" ")
    if re.fullmatch(r"[a-z][a-z0-9_]*", word) and rest:
        return i, start, (f"is the colon missing after '{word}'? write "
                          f"'{word}: {_short(rest.strip())}'")
    return i, start, ("this line is neither 'key: value' nor a list item ('- …'): add the "
                      "missing colon after the key, or, if it goes on with the text above, "
                      "indent it further than that text's key")


def _stray_text(lines: list[str], exc, line: int, col: int) -> Located | None:
    """A line of plain text above the first key (often a comment that lost its '#'): YAML
    takes the whole file for one text and stops at the first key."""
    if not (exc.problem or "").startswith("expected '<document start>'"):
        return None
    for i, text in enumerate(lines[:line]):
        match = _START.match(text)
        if text.strip() and not text.lstrip().startswith(("#", "---")) and not match.group("key"):
            return i, match.end(), ("this line is neither 'key: value' nor a comment: put '#' "
                                    "in front of a comment, or add the missing colon after the "
                                    "key")
    return None


def _in_brackets(lines: list[str], exc, line: int, col: int) -> Located | None:
    """{measures: x, periods: 2014: 2023} and the like, inside one-line brackets."""
    problem = exc.problem or ""
    if not problem.startswith(("expected ',' or '}'", "expected ',' or ']'")):
        return None
    close = "}" if "}" in problem else "]"
    return line, col, (f"inside {'{ … }' if close == '}' else '[ … ]'} the items are separated "
                       f"by ', ' and end with '{close}': a text with ':', ',', '[' or '{{' in it "
                       f"goes in quotes there")


def _previous(lines: list[str], line: int) -> int:
    """The nearest line above with something on it other than a comment; -1 if none."""
    for i in range(line - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return -1


def _indentation(lines: list[str], exc, line: int, col: int) -> Located | None:
    if not (exc.problem or "").startswith(("expected <block end>", "mapping values are not",
                                           "did not find expected")):
        return None
    here = _START.match(lines[line])
    indent = len(here.group("indent"))
    for i in range(line - 1, -1, -1):
        above = _START.match(lines[i])
        if not lines[i].strip() or lines[i].lstrip().startswith("#"):
            continue
        if here.group("dashes") and above.group("dashes"):
            column, what = len(above.group("indent")), "the '-' on line"
        else:
            column = len(above.group("indent")) + len(above.group("dashes"))
            what = f"'{_short(above.group('key'))}' on line" if above.group("key") else "line"
        if column == indent:
            return None
        return line, indent, (f"this line {_starts(indent)}, but {what} {i + 1} "
                              f"{_starts(column)}: lines that belong together must start in "
                              f"the same column (count the spaces)")
    return None


def _starts(n: int) -> str:
    if n == 0:
        return "starts at the beginning of the line"
    return "starts after 1 space" if n == 1 else f"starts after {n} spaces"


def _close(text: str, start: int) -> int | None:
    """Index of the quote that closes the one at start, on the same line; None if none."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":  # '' is an apostrophe
                i += 2
                continue
            return i
        i += 1
    return None


def _quoted(match: re.Match, value: str) -> str:
    """'e.g. title: "Tema: dette"': the line as it should be written."""
    value = _short(value.strip())
    quoted = f"'{value.replace(chr(39), chr(39) * 2)}'" if '"' in value else f'"{value}"'
    key = f"{match.group('key')}: " if match.group("key") else ""
    return f"e.g. {match.group('dashes')}{key}{quoted}"


def _short(text: str, most: int = 60) -> str:
    """A text cut to fit a message: an example shows the quotes, not a whole paragraph."""
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"
