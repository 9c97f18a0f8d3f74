"""Spanish formats: written as the Italian ones are (25/11/2026, 14:30, 1.234,56)."""

from casa.formats.it.formats import *  # noqa: F403
