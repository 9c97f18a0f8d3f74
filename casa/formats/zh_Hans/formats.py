"""Chinese (simplified) formats: 2026/11/25, 14:30, 1,234.56."""

from casa.formats.it.formats import *  # noqa: F403

DATE_FORMAT = SHORT_DATE_FORMAT = "Y/m/d"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "Y/m/d H:i"
DATE_INPUT_FORMATS = ["%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
