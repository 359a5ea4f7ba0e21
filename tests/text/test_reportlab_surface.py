"""Only ``text/hooks.py`` reaches into ReportLab's private surface.

Every module of the package is parsed; a use outside hooks.py of a name that is private to
ReportLab fails the test, with its file and line. ReportLab's private names are read from the
installed ReportLab's own source: every name with one leading underscore that it defines or
uses as an attribute (``_doc``, ``_content``, ``_textOut``, ``_handleBulletWidth``, ...),
plus the undocumented internals without an underscore that hooks.py lists (``INTERNALS``).

Flagged outside hooks.py:
- importing an underscore name, a private module or one of ``INTERNALS`` from reportlab;
- ``x._name`` (and ``getattr(x, "_name")``, ``hasattr``, ``setattr``, ``delattr``) for a
  ReportLab private name, and any use of a name in ``INTERNALS``;
- defining a method with a ReportLab private name in a class derived from a ReportLab class
  (an override of ReportLab's internals).

Not flagged, because they are ours:
- ``self._name`` in a class of ours that does not derive from ReportLab: its private names
  are its own even where ReportLab happens to use the same name (``_key``, ``_text``).
  (In a class derived from ReportLab the same name would clash with ReportLab's state, so
  there it is flagged: rename the attribute.)
- ``other._name`` where ``_name`` is defined by such a class of ours, and ``module._name`` for
  a module of this package or of another library (``localedata._cache`` is Babel's).
Other libraries' private names (``os._exit``) are not ReportLab's and pass, unless ReportLab
happens to use the same name: then the use is flagged and needs a look.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import inspect
import re
import textwrap
import types
from pathlib import Path

import reportlab

import briefing
from briefing.text import hooks

PACKAGE = Path(briefing.__file__).resolve().parent
HOOKS = PACKAGE / "text" / "hooks.py"
PRIVATE = re.compile(r"_[A-Za-z0-9]\w*")  # one leading underscore, not a dunder
ATTRIBUTE_FUNCTIONS = {"getattr", "hasattr", "setattr", "delattr"}


def _is_private(name: str) -> bool:
    return bool(PRIVATE.fullmatch(name)) and not name.endswith("__")


def _attribute_string(node: ast.AST):
    """The attribute name of ``getattr(x, "name", ...)`` and its kin, else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ATTRIBUTE_FUNCTIONS
            and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
        return node.args[1].value
    return None


@functools.cache
def reportlab_private_names() -> frozenset[str]:
    """Every private name the installed ReportLab defines or uses on an object: function,
    method and class names, attribute names, module- and class-level variables, and the
    names it passes to getattr and its kin."""
    names = set()
    for path in Path(reportlab.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_bytes())
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
                body_targets = node.body if isinstance(node, ast.ClassDef) else []
            elif isinstance(node, ast.Module):
                body_targets = node.body
            else:
                body_targets = []
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            if _attribute_string(node):
                names.add(_attribute_string(node))
            for statement in body_targets:
                if isinstance(statement, (ast.Assign, ast.AnnAssign)):
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                    names.update(t.id for target in targets for t in ast.walk(target) if isinstance(t, ast.Name))
    return frozenset(name for name in names if _is_private(name))


def _from_reportlab(cls: type) -> bool:
    return any(base.__module__.split(".")[0] == "reportlab" for base in inspect.getmro(cls))


class _Scope:
    """A class being walked: its name, whether it derives from ReportLab."""

    def __init__(self, name: str, reportlab_derived: bool):
        self.name, self.reportlab_derived = name, reportlab_derived


def _classes(tree: ast.Module, namespace: dict) -> dict[ast.ClassDef, bool]:
    """Each class statement and whether its class derives from ReportLab; a class the module
    does not hold at its top level (made inside a function) is taken to, to be safe."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            cls = namespace.get(node.name) if node in tree.body else None
            found[node] = _from_reportlab(cls) if isinstance(cls, type) else True
    return found


def _own_names(tree: ast.Module, derived: dict[ast.ClassDef, bool]) -> set[str]:
    """Private names that classes of ours not derived from ReportLab define for themselves."""
    names = set()
    for node, reportlab_derived in derived.items():
        if reportlab_derived:
            continue
        for inner in ast.walk(node):
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_private(inner.name):
                names.add(inner.name)
            elif (isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Store)
                  and isinstance(inner.value, ast.Name) and inner.value.id in ("self", "cls")):
                names.add(inner.attr)
    return {name for name in names if _is_private(name)}


def _package_modules(tree: ast.Module) -> set[str]:
    """Names bound to modules of this package by imports (``from briefing.text import hooks``)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "briefing":
            bound.update(alias.asname or alias.name for alias in node.names
                         if _is_module(f"{node.module}.{alias.name}"))
        elif isinstance(node, ast.Import):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("briefing"))
    return bound


def _is_module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except ModuleNotFoundError:
        return False


def private_uses(source: str, namespace: dict, own: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, what) for each use of ReportLab's private surface in ``source``, a module whose
    top-level names are in ``namespace``; ``own`` adds private names that the package's own
    classes define (see ``_own_names``)."""
    private = reportlab_private_names()
    internals = hooks.INTERNALS
    tree = ast.parse(source)
    derived = _classes(tree, namespace)
    own = own | _own_names(tree, derived)
    modules = _package_modules(tree) | _other_libraries(namespace)  # whose private names are not ReportLab's
    found = []

    def visit(node, scope):
        if isinstance(node, ast.ClassDef):
            scope = _Scope(node.name, derived[node])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlab":
            if any(_is_private(part) for part in node.module.split(".")):
                found.append((node.lineno, f"imports from the private module {node.module}"))
            for alias in node.names:
                if _is_private(alias.name) or alias.name in internals:
                    found.append((node.lineno, f"imports {alias.name} from {node.module}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "reportlab" and any(_is_private(p) for p in alias.name.split(".")):
                    found.append((node.lineno, f"imports the private module {alias.name}"))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope and scope.reportlab_derived:
            if node.name in private or node.name in internals:
                found.append((node.lineno, f"{scope.name} overrides ReportLab's {node.name}"))
        elif isinstance(node, ast.Name) and node.id in internals:
            found.append((node.lineno, f"uses ReportLab's {node.id}"))
        elif isinstance(node, ast.Attribute):
            problem = _attribute_problem(node.value, node.attr, scope, private, internals, own, modules)
            if problem:
                found.append((node.lineno, problem))
        name = _attribute_string(node)
        if name:
            problem = _attribute_problem(node.args[0], name, scope, private, internals, own, modules)
            if problem:
                found.append((node.lineno, problem))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, None)
    return sorted(set(found))


def _other_libraries(namespace: dict) -> set[str]:
    """The names in ``namespace`` bound to a module of a library other than ReportLab: their
    private names are that library's."""
    return {name for name, value in namespace.items() if isinstance(value, types.ModuleType)
            and value.__name__.split(".")[0] not in ("reportlab", "briefing")}


def _attribute_problem(receiver, name, scope, private, internals, own, modules):
    """Why ``receiver.name`` uses ReportLab's private surface, or None."""
    if name in internals:
        return f"uses ReportLab's {name}"
    if name not in private:
        return None
    on_self = isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")
    if on_self and scope is not None:
        if not scope.reportlab_derived:
            return None  # our own class's own attribute
        return f"{scope.name} (a ReportLab subclass) uses {name}, a name private to ReportLab"
    if isinstance(receiver, ast.Name) and receiver.id in modules:
        return None  # a module of ours
    if name in own:
        return None  # an attribute of one of our classes
    return f"uses {name}, a name private to ReportLab"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def package_modules() -> dict[Path, tuple[str, dict]]:
    """Each module of the package: its source and its namespace (imported, to tell which
    classes derive from ReportLab; ``__main__`` is read, not run)."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        namespace = {} if path.name == "__main__.py" else vars(importlib.import_module(_module_name(path)))
        modules[path] = (source, namespace)
    return modules


@functools.cache
def own_names() -> frozenset[str]:
    """Private names the package's classes not derived from ReportLab define, package-wide."""
    names = set()
    for source, namespace in package_modules().values():
        tree = ast.parse(source)
        names |= _own_names(tree, _classes(tree, namespace))
    return frozenset(names)


def test_no_module_but_hooks_uses_reportlab_private_names():
    problems = []
    for path, (source, namespace) in package_modules().items():
        if path == HOOKS:
            continue
        for line, what in private_uses(source, namespace, own_names()):
            problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {what}")
    assert not problems, "ReportLab's private surface belongs in text/hooks.py:\n" + "\n".join(problems)


def test_the_private_names_come_from_reportlab_itself():
    expected = {"_textOut", "_formatText", "_curSubset", "_dynamicFont", "_doc", "_escape", "_timeStamp",
                "_startPage", "_rowHeights", "_content", "_handleBulletWidth", "_get_split_blParaFunc",
                "_splitpara"}
    assert expected <= reportlab_private_names()
    assert not {"__init__", "__dict__", "_", "wrap", "split", "canv"} & reportlab_private_names()


def test_hooks_itself_is_caught_by_the_check():
    """The check finds the private surface where it is: run on hooks.py, it names each hook's
    ReportLab internals."""
    source, namespace = package_modules()[HOOKS]
    found = " ".join(what for _, what in private_uses(source, namespace))
    for name in ("_handleBulletWidth", "_setup", "ParaLines", "FragLine", "breakLinesCJK", "_get_split_blParaFunc",
                 "blPara", "_textOut", "_formatText", "_curSubset", "_dynamicFont", "_timeStamp", "_startPage",
                 "_content", "_rowHeights", "TimeStamp"):
        assert name in found, name


def _planted(source: str) -> list[str]:
    """The problems found in a module made of ``source``."""
    source = textwrap.dedent(source)
    module = types.ModuleType("planted")
    exec(compile(source, "planted", "exec"), vars(module))
    return [what for _, what in private_uses(source, vars(module))]


def test_planted_uses_are_caught():
    assert _planted("from reportlab.platypus.paragraph import _handleBulletWidth") == [
        "imports _handleBulletWidth from reportlab.platypus.paragraph"]
    assert _planted("from reportlab.platypus.paragraph import FragLine") == [
        "imports FragLine from reportlab.platypus.paragraph"]
    assert _planted("from reportlab.platypus import paragraph\nline = paragraph.FragLine") == [
        "uses ReportLab's FragLine"]
    assert _planted("from reportlab.pdfbase import _fontdata") == ["imports _fontdata from reportlab.pdfbase"]
    assert _planted("import reportlab.pdfbase._fontdata") == ["imports the private module reportlab.pdfbase._fontdata"]
    assert _planted("def stamp(canvas, t):\n    canvas._doc._timeStamp = t") == [
        "uses _doc, a name private to ReportLab", "uses _timeStamp, a name private to ReportLab"]
    assert _planted("def inside(box):\n    return getattr(box, '_content', None)") == [
        "uses _content, a name private to ReportLab"]
    assert _planted("def lines(para):\n    return para.blPara.lines") == ["uses ReportLab's blPara"]
    assert _planted("""
        from reportlab.platypus import Table
        class Rows(Table):
            def wrap(self, width, height):
                super().wrap(width, height)
                return max(self._rowHeights)
        """) == ["Rows (a ReportLab subclass) uses _rowHeights, a name private to ReportLab"]
    assert _planted("""
        from reportlab.platypus import Paragraph
        class Lines(Paragraph):
            def breakLinesCJK(self, widths):
                pass
            def _get_split_blParaFunc(self):
                pass
        """) == ["Lines overrides ReportLab's breakLinesCJK", "Lines overrides ReportLab's _get_split_blParaFunc"]


def test_a_subclass_of_a_subclass_is_still_reportlab_s():
    assert _planted("""
        from reportlab.pdfgen.textobject import PDFTextObject
        class Ours(PDFTextObject):
            pass
        class Deeper(Ours):
            def _textOut(self, text, TStar=0):
                pass
        """) == ["Deeper overrides ReportLab's _textOut"]


def test_our_own_private_names_pass():
    # _doc and _content are ReportLab's names too, but here they belong to a class of ours.
    assert _planted("""
        import os
        class Mine:
            def __init__(self):
                self._doc, self._content = 1, []
            def _escape(self):
                return self._doc
        def use(mine):
            return mine._content, os._exit
        """) == []
    assert _planted("from briefing.text import hooks\ndef f():\n    return hooks._plain_frags") == []


def test_another_librarys_module_has_its_own_private_names():
    # _cache is a ReportLab name too, but here it is Babel's module's.
    assert _planted("from babel import localedata\ndef f():\n    return localedata._cache") == []
    assert _planted("from reportlab.pdfbase import pdfmetrics\ndef f():\n    return pdfmetrics._fonts") == [
        "uses _fonts, a name private to ReportLab"]
