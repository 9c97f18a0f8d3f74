"""French formats: the Italian ones (25/11/2026, 14:30), but 1 234,56 (a no-break space
between thousands)."""

from casa.formats.it.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "\xa0"
