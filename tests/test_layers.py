"""Lower layers never import higher ones, not even inside a function to dodge an import loop."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "slidegen"


def imported(file: Path) -> set[str]:
    """The slidegen modules a file imports, anywhere in it (TYPE_CHECKING blocks excepted)."""
    tree = ast.parse(file.read_text("utf-8"))
    typing_only = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
    package = list(file.relative_to(SRC.parent).with_suffix("").parts)[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            found |= {f"{name}.{alias.name}" for alias in node.names} if not node.module \
                else {name}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("slidegen")}


def imports_of(folder_or_file: str) -> dict[str, set[str]]:
    path = SRC / folder_or_file
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return {str(f.relative_to(SRC)): imported(f) for f in files}


def test_yaml_with_positions_stands_on_errors_alone():
    for file, names in imports_of("yamlfile").items():
        assert names <= {"slidegen.errors", "slidegen.yamlfile.positions",
                         "slidegen.yamlfile.validate", "slidegen.yamlfile.schema_walk",
                         "slidegen.yamlfile.explain"}, file


def test_data_and_template_read_yaml_without_the_deck_spec():
    for part in ("data", "template.py", "yamlfile"):
        for file, names in imports_of(part).items():
            assert not {n for n in names if n.startswith("slidegen.spec")}, file
