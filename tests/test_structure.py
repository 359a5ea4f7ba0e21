"""The package's shape: no module imports another that imports it back (directly or through
others), counting imports inside functions too, so that every stage can be read, tested and
loaded on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).resolve().parent


def imports() -> dict[str, set[str]]:
    """Every module of the package and the modules of the package it imports, anywhere in it."""
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefing"):
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    graph[name].add(child if child in modules else node.module)
            elif isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names if alias.name in modules}
    return {name: {m for m in found if m in modules and m != name} for name, found in graph.items()}


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("briefing", *parts))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each from its smallest module round to it again."""
    found = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for following in graph[node]:
                if following == start:
                    found.add(tuple(path))
                elif following not in path and following > start:
                    stack.append((following, [*path, following]))
    return sorted([*cycle, cycle[0]] for cycle in found)


def test_no_import_cycle():
    assert cycles(imports()) == []


def test_a_cycle_would_be_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
