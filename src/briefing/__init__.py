"""briefing: printable investment-promotion PDFs from YAML fact sheets."""

__version__ = "0.1.0"
