"""The code keeps its shape: apps import only the apps below them (the contracts in
pyproject.toml, drawn in docs/development.md), no two modules import each other, no module
uses another's private (``_name``) helpers, and no module name carries another domain."""

import ast
import logging
import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

PACKAGE = Path(__file__).resolve().parent.parent / "nestwell"
DOMAIN_APPS = ("children", "journal", "care", "pregnancy", "milestones", "growth", "health",
               "milk")


def _modules():
    graph = grimp.build_graph("nestwell", cache_dir=None)
    return graph, sorted(m for m in graph.modules if ".migrations" not in m)


def _cycles(edges):
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for node in edges:
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_apps_import_only_what_is_below_them():
    # import-linter configures logging with dictConfig, which disables every logger that
    # exists already: they are put back, or a later test in this process logs nothing.
    loggers = [one for one in logging.root.manager.loggerDict.values()
               if isinstance(one, logging.Logger)]
    was = {one: one.disabled for one in loggers}
    try:
        assert lint_imports(no_cache=True, no_logo=True) == 0, "see the broken contract above"
    finally:
        for one, disabled in was.items():
            one.disabled = disabled
    assert not logging.getLogger("nestwell").disabled


def test_no_two_modules_import_each_other():
    graph, modules = _modules()
    wanted = set(modules)
    edges = {m: {o for o in graph.find_modules_directly_imported_by(m) if o in wanted and o != m}
             for m in modules}
    assert _cycles(edges) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _private_uses(path, module, known):
    """``from x import _name`` and ``x._name`` where x is another Nestwell module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases, found = {}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nestwell"):
            for name in node.names:
                if name.name.startswith("_") and node.module != module:
                    found.append(f"{module}: from {node.module} import {name.name}")
                if f"{node.module}.{name.name}" in known:
                    aliases[name.asname or name.name] = f"{node.module}.{name.name}"
        elif isinstance(node, ast.Import):
            for name in node.names:
                if name.name.startswith("nestwell") and name.asname:
                    aliases[name.asname] = name.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__") and aliases[node.value.id] != module):
            found.append(f"{module}: {aliases[node.value.id]}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_helpers():
    _graph, modules = _modules()
    known = set(modules)
    found = []
    for module in modules:
        base = PACKAGE.parent.joinpath(*module.split("."))
        path = base.with_suffix(".py")
        if not path.is_file():
            path = base / "__init__.py"
        found += _private_uses(path, module, known)
    assert found == []


def test_the_private_check_finds_a_private_use(tmp_path):
    path = tmp_path / "example.py"
    path.write_text("from nestwell.journal import services\n"
                    "from nestwell.journal.views import _pop_undo\n"
                    "services._kind('feeding')\n")
    known = {"nestwell.journal.services", "nestwell.journal.views"}
    assert _private_uses(path, "nestwell.care.example", known) == [
        "nestwell.care.example: from nestwell.journal.views import _pop_undo",
        "nestwell.care.example: nestwell.journal.services._kind"]


def test_no_module_name_carries_another_domain():
    prefixes = {"children": ("child",), "journal": ("journal", "moment"),
                "care": ("care", "cue", "routine"), "pregnancy": ("pregnancy", "birth"),
                "milestones": ("milestone",), "growth": ("growth",),
                "health": ("health", "nappy", "temperature"),
                "milk": ("milk", "pumping")}
    found = []
    for app in DOMAIN_APPS:
        others = [p for other, names in prefixes.items() if other != app for p in names]
        for path in (PACKAGE / app).glob("*.py"):
            if any(path.stem.startswith(p + "_") for p in others):
                found.append(f"{app}/{path.name}")
    assert found == []


def test_each_domain_app_has_its_rooms():
    for app in DOMAIN_APPS:
        folder = PACKAGE / app
        for name in ("__init__.py", "apps.py", "models.py", "views.py", "forms.py", "urls.py"):
            assert (folder / name).is_file(), f"{app}/{name}"
        assert (folder / "templates" / app).is_dir(), f"{app}/templates/{app}/"
        assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text())), app
        assert (PACKAGE.parent / "tests" / app).is_dir(), f"tests/{app}/"
