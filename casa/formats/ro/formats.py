"""Romanian formats: 25.11.2026, 14:30, 1.234,56 (the Italian numbers, dates with points)."""

from casa.formats.it.formats import *  # noqa: F403

DATE_FORMAT = SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]
