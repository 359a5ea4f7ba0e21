"""Imported once by the front desk's fork server, before any worker is forked from it, so that
every worker starts with the pipeline loaded and every face read."""

from briefing.desk import work  # noqa: F401 (imported to be inherited)
from briefing.pipeline import build, render  # noqa: F401
from briefing.text import fonts

fonts.preload()
