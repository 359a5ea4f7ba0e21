"""briefing: printable investment-promotion PDFs from YAML fact sheets."""

from briefing import startup as _startup

__version__ = "0.1.0"

_startup.keep_dataclass_code()  # before any module of ours makes its dataclasses
