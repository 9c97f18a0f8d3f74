"""Arabic formats, as Arabic speakers in Italy read the numbers on their bills: the Italian
ones, with Western digits (25/11/2026, 14:30, 1.234,56). The pages isolate them left to right
inside Arabic text (casa.core.languages.isolate); no direction marks inside the formats, so
that a date copied stays a date."""

from casa.formats.it.formats import *  # noqa: F403
