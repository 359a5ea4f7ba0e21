"""Problems found in the input, collected and reported together.

Every problem names where it is (``path:line: field``), what is wrong and what to do, so an
operator can fix a fact sheet without reading code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional

import click

from briefing.messages import msg, shown, user_language


@dataclass(frozen=True)
class Where:
    """A place in a fact sheet."""

    path: str
    line: Optional[int] = None
    field: str = ""

    def at(self, name: str | int, line: Optional[int] = None) -> Where:
        """The place of a child field (a key name, or a list index)."""
        if isinstance(name, int):
            child = f"{self.field}[{name}]"
        else:
            child = f"{self.field}.{name}" if self.field else name
        return Where(self.path, line if line is not None else self.line, child)

    def __str__(self) -> str:
        text = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{text}: {self.field}" if self.field else text


class Severity(enum.Enum):
    """How much a problem matters: an error stops the build; a warning is shown and stops it
    only with ``--strict``; a note is worth knowing but never counted and never fatal."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def fatal(self, strict: bool = False) -> bool:
        return self is Severity.ERROR or (strict and self is Severity.WARNING)


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return self.shown("en")

    def shown(self, lang: str) -> str:
        """``path:line: field: message`` with the message in ``lang`` (the place stays as it is:
        editors and terminals jump to it)."""
        kind = "" if self.severity is Severity.ERROR else shown(KINDS[self.severity], lang)
        return f"{self.where}: {kind}{shown(self.message, lang)}"


#: How an error that stops a command is marked (click's own "Error: ", translated).
ERROR = msg("Error: ")
#: How a warning or a note is marked before its message.
KINDS = {Severity.WARNING: msg("warning: "), Severity.NOTE: msg("note: ")}


@dataclass
class Problems:
    """Every problem found so far; checks add to it and never stop at the first."""

    items: list[Problem] = field(default_factory=list)

    def error(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message))

    def warn(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message, Severity.WARNING))

    def notice(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message, Severity.NOTE))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def supersede(self, other: Problems) -> None:
        """Add ``other``'s problems, each in place of the warnings already found at its field
        (a print shop's build refuses the photo ``check`` warned of: the reader is told once,
        by the error)."""
        fields = {(p.where.path, p.where.field) for p in other.items}
        self.items = [p for p in self.items
                      if p.severity is not Severity.WARNING or (p.where.path, p.where.field) not in fields]
        self.extend(other)

    def of(self, severity: Severity) -> list[Problem]:
        return [p for p in self.items if p.severity is severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return self.of(Severity.WARNING)

    @property
    def notes(self) -> list[Problem]:
        return self.of(Severity.NOTE)

    @property
    def shown(self) -> list[Problem]:
        """What a successful build shows: the warnings, then the notes."""
        return self.warnings + self.notes

    def fatal(self, strict: bool = False) -> bool:
        return any(p.severity.fatal(strict) for p in self.items)


class BriefingError(click.ClickException):
    """An error meant for the user: printed without a traceback, exit code 1, in the user's
    language (``messages.py``) when the message is a ``msg()``."""

    def format_message(self) -> str:
        return self.shown(user_language())

    def show(self, file=None) -> None:
        """``Error: message`` as click prints it, the prefix in the user's language too."""
        click.echo(shown(ERROR, user_language()) + self.format_message(), err=True, file=file)

    def shown(self, lang: str) -> str:
        return shown(self.message, lang)


class InvalidData(BriefingError):
    """The fact sheets cannot be built; the message lists every problem, warnings included."""

    def __init__(self, problems: Problems, strict: bool = False):
        self.problems, self.strict = problems, strict
        super().__init__(self.shown("en"))

    def shown(self, lang: str) -> str:
        lines = [p.shown(lang) for p in self.problems.items]
        count = sum(p.severity.fatal(self.strict) for p in self.problems.items)
        lines.append(shown(msg("{problems} found; nothing was written.", problems=plural(count, "problem")), lang))
        return "\n".join(lines)

    def show(self, file=None) -> None:
        # One problem per line with no "Error:" prefix, so each line starts with its path.
        click.echo(self.format_message(), err=True, file=file)


def plural(count: int, noun: str) -> str:
    """The count with its noun: 1 problem, 2 problems (a message: 1 个问题 in Chinese)."""
    if noun in COUNTED:
        return msg(COUNTED[noun][count != 1].msgid, count=count)
    return f"{count} {noun}{'' if count == 1 else 's'}"


#: The nouns counted in messages, singular and plural (each a msgid of its own: Chinese has
#: one form, English two).
COUNTED = {
    "problem": (msg("{count} problem"), msg("{count} problems")),
    "warning": (msg("{count} warning"), msg("{count} warnings")),
    "note": (msg("{count} note"), msg("{count} notes")),
    "error": (msg("{count} error"), msg("{count} errors")),
    "park": (msg("{count} park"), msg("{count} parks")),
    "page": (msg("{count} page"), msg("{count} pages")),
    "PDF": (msg("{count} PDF"), msg("{count} PDFs")),
}
