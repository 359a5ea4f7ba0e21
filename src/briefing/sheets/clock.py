"""Today's date for the checks that depend on it (an as-of date more than a year old), fixed by
BRIEFING_TODAY in tests and reproducible runs. Light on purpose: a build with nothing to do
asks for the date without loading the checks."""

from __future__ import annotations

import datetime
import os

from briefing.errors import BriefingError
from briefing.messages import msg

TODAY_VARIABLE = "BRIEFING_TODAY"


def today() -> datetime.date:
    """Today, or the date in BRIEFING_TODAY (a bad value is the user's to fix)."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BriefingError(msg("{variable}={value!r} is not a date: expected YYYY-MM-DD; "
                                "fix or unset the environment variable", variable=TODAY_VARIABLE,
                                value=value)) from None
