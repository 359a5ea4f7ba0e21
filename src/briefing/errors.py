"""Problems found in the input, collected and reported together.

Every problem names where it is (``path:line: field``), what is wrong and what to do, so an
operator can fix a fact sheet without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import click


@dataclass(frozen=True)
class Where:
    """A place in a fact sheet."""

    path: str
    line: Optional[int] = None
    field: str = ""

    def at(self, name: str | int, line: Optional[int] = None) -> "Where":
        """The place of a child field (a key name, or a list index)."""
        if isinstance(name, int):
            child = f"{self.field}[{name}]"
        else:
            child = f"{self.field}.{name}" if self.field else name
        return Where(self.path, line if line is not None else self.line, child)

    def __str__(self) -> str:
        text = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{text}: {self.field}" if self.field else text


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str
    warning: bool = False
    #: Worth knowing but not a fault: shown, never counted, never fatal (not even with --strict).
    note: bool = False

    def __str__(self) -> str:
        kind = "note: " if self.note else "warning: " if self.warning else ""
        return f"{self.where}: {kind}{self.message}"


@dataclass
class Problems:
    """Every problem found so far; checks add to it and never stop at the first."""

    items: list[Problem] = field(default_factory=list)

    def error(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message))

    def warn(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message, warning=True))

    def notice(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message, warning=True, note=True))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning and not p.note]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.items if p.note]

    def fatal(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


class BriefingError(click.ClickException):
    """An error meant for the user: printed without a traceback, exit code 1."""


class InvalidData(BriefingError):
    """The fact sheets cannot be built; the message lists every problem, warnings included."""

    def __init__(self, problems: Problems, strict: bool = False):
        self.problems = problems
        lines = [str(p) for p in problems.items]
        count = len(problems.errors) + (len(problems.warnings) if strict else 0)
        lines.append(f"{plural(count, 'problem')} found; nothing was written.")
        super().__init__("\n".join(lines))

    def show(self, file=None) -> None:
        # One problem per line with no "Error:" prefix, so each line starts with its path.
        click.echo(self.format_message(), err=True, file=file)


def plural(count: int, noun: str) -> str:
    """The count with its noun: 1 problem, 2 problems."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
