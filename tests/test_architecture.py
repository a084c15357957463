"""The shape of the code that docs/ARCHITECTURE.md promises, checked: layers that run one
way (import-linter, in `make lint`), and what import-linter cannot see."""

import ast
import re
import tomllib
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
LAYERS = PYPROJECT["tool"]["importlinter"]["contracts"][0]["layers"]
PACKAGES = set(PYPROJECT["tool"]["importlinter"]["root_packages"])


def modules():
    for package in sorted(PACKAGES):
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def first_party(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in PACKAGES
    return any(alias.name.split(".")[0] in PACKAGES for alias in node.names)


def imports_inside_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        # An AppConfig's ready() is where Django lets an app import its own models.
        if path.name == "apps.py" and function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and first_party(node):
                found.append(f"{path.relative_to(BASE_DIR)}:{node.lineno}")
    return found


def test_no_module_of_the_portal_imports_one_of_its_own_inside_a_function():
    """An import inside a function hides a cycle instead of removing it (STYLE.md)."""
    found = [place for path in modules() for place in imports_inside_functions(path)]

    assert found == []


@pytest.mark.parametrize(
    "path", [path for path in modules() if path.name == "querysets.py"], ids=str
)
def test_querysets_import_no_model_and_filter_on_no_status_literal(path):
    """Models import their querysets: a queryset reaches other models through relations
    (base.models.related_model), and names statuses by their enums."""
    source = path.read_text()

    assert not re.search(r"^from \.models import|^from \.+\w*\.models import", source, re.M)
    assert not re.search(r"status(__in)?=\[?\s*[\"']", source)


def test_the_architecture_page_names_the_layers_of_the_contract():
    text = (BASE_DIR / "docs" / "ARCHITECTURE.md").read_text()

    assert " → ".join(f"`{layer}`" for layer in LAYERS) in text
    for layer in LAYERS:
        assert f"### `{layer}`" in text
