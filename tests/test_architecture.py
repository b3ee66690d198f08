"""The shape of the code: every page admitted by a rule of its app's table, and no private names borrowed.

(The layers themselves are import-linter's contract in pyproject.toml, run by `make test-only`.)
"""

import ast
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from hoinghi.core.permissions import TABLES

ROOT = Path(__file__).resolve().parent.parent / "hoinghi"


def url_patterns(resolver=None, prefix=""):
    """(route, pattern) of every URL the product serves, the admin site's own excepted."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin site admits by its own rules (staff accounts with model permissions)
            yield from url_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def test_every_url_names_a_rule_of_its_apps_permission_table():
    missing, unknown = [], []
    patterns = list(url_patterns())
    for route, pattern in patterns:
        rule = getattr(pattern.callback, "rule", None)
        if rule is None:
            missing.append(route)
        elif rule[0] not in TABLES or rule[1] not in TABLES[rule[0]]:
            unknown.append((route, rule))
    assert not missing, f"URLs without a permission rule: {missing}"
    assert not unknown, f"URLs whose rule is in no table: {unknown}"
    assert len(patterns) > 60


def test_a_table_rule_decides_by_the_user_and_the_objects():
    for app, table in TABLES.items():
        assert table.app == app and len(table) > 0
        for name, rule in table.items():
            assert callable(rule), (app, name)


MODULES = [path for path in sorted(ROOT.rglob("*.py")) if "migrations" not in path.parts]


def app_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else ""


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_borrows_a_private_name(path):
    """No private module of Python, Django or a library, and no private name of another of the product's apps."""
    tree = ast.parse(path.read_text(), str(path))
    own = f"hoinghi.{app_of(path)}" if app_of(path) else "hoinghi"
    borrowed = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            borrowed += [alias.name for alias in node.names if any(map(is_private, alias.name.split(".")))]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if any(map(is_private, node.module.split("."))):
                borrowed.append(node.module)
            elif not node.module.startswith(own):
                borrowed += [f"{node.module}.{alias.name}" for alias in node.names if is_private(alias.name)]
    assert not borrowed, f"{path}: {borrowed}"
