"""Reading and checking the register's CSV files: value parsers and row validators, no ORM.

Every parser takes the stripped, non-empty text of one cell and returns a Python value, or
raises `Invalid` with a message for the agency's IT staff. `validate_row` applies a file's
column table to one row. See docs/registry-import.md for the format.
"""

import csv
import datetime as dt
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from stdnum.it import codicefiscale

from casa.core.text import (
    PHONE_RE,
    control_character,
    control_character_message,
    without_bidi_controls,
)


class Invalid(ValueError):
    """A cell (or a row) that does not pass; `message` is already translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Value parsers ---------------------------------------------------------------------------

_DECIMAL_RE = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def parse_decimal(text, *, places=2, max_digits=12, negative=False):
    """A decimal with `.` or `,` as the separator ("1234.5", "1234,50"), at most `places`
    decimals; no thousands separators. Returned quantized to `places`."""
    if not _DECIMAL_RE.match(text):
        raise Invalid(_("not a number (write e.g. 1234.56 or 1234,56, without thousands "
                        "separators)"))
    value = Decimal(text.replace(",", "."))
    if value.as_tuple().exponent < -places:
        raise Invalid(_("at most %(places)s decimal places") % {"places": places})
    if value < 0 and not negative:
        raise Invalid(_("must not be negative"))
    value = value.quantize(Decimal(1).scaleb(-places))
    if len(value.as_tuple().digits) > max_digits:
        raise Invalid(_("too large"))
    return value


def parse_amount(text):
    """Euros: non-negative, at most 2 decimals."""
    return parse_decimal(text, places=2, max_digits=12)


def parse_area(text):
    return parse_decimal(text, places=2, max_digits=7)


_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IT_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text):
    """YYYY-MM-DD or DD/MM/YYYY."""
    try:
        if _ISO_DATE_RE.match(text):
            return dt.date.fromisoformat(text)
        match = _IT_DATE_RE.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise Invalid(_("not a real date")) from None
    raise Invalid(_("not a date (write YYYY-MM-DD or DD/MM/YYYY)"))


def parse_past_date(text):
    value = parse_date(text)
    if value > dt.date.today():
        raise Invalid(_("is in the future"))
    return value


def parse_int(text, *, minimum=0, maximum=32767):
    if not text.isdigit():
        raise Invalid(_("not a whole number"))
    value = int(text)
    if not minimum <= value <= maximum:
        raise Invalid(_("must be between %(min)s and %(max)s") % {"min": minimum,
                                                                  "max": maximum})
    return value


def enum(*allowed, upper=False):
    """A parser accepting one of `allowed` (case-insensitive), returned in canonical case."""
    lookup = {value.lower(): value for value in allowed}

    def parse(text):
        try:
            return lookup[text.lower()]
        except KeyError:
            raise Invalid(_("must be one of: %(allowed)s") % {"allowed": ", ".join(allowed)}
                          ) from None

    return parse


def parse_yes_no(text):
    value = text.lower()
    if value == "yes":
        return True
    if value == "no":
        return False
    raise Invalid(_("must be yes or no"))


def text(max_length):
    def parse(value):
        if len(value) > max_length:
            raise Invalid(_("too long (at most %(max)s characters)") % {"max": max_length})
        return value

    return parse


_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def parse_code(value):
    """An agency code (building, unit, household): letters, digits and . _ / -."""
    if len(value) > 32:
        raise Invalid(_("too long (at most %(max)s characters)") % {"max": 32})
    if not _CODE_RE.match(value):
        raise Invalid(_("a code may contain only letters, digits and . _ / -"))
    return value


# The format of a person's fiscal code, as stdnum.it.codicefiscale checks it: letters for the
# names, then year, month letter, day, place and check letter; digits may be replaced by the
# letters LMNPQRSTUV when two people would otherwise share a code (omocodia).
_FISCAL_CODE_RE = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
                             r"[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")
_OMOCODIA = str.maketrans("LMNPQRSTUV", "0123456789")


def parse_fiscal_code(value):
    """A person's codice fiscale: exactly 16 characters (stdnum also accepts a company's 11
    digits), the right format, a real birth date and a correct check character. Returned
    uppercase. The check character is stdnum's; the rest is inlined because stdnum's
    `validate` spends most of its time cleaning separators a CSV cell does not have."""
    value = value.upper()
    if len(value) != 16:
        raise Invalid(_("a fiscal code has 16 characters"))
    if not _FISCAL_CODE_RE.match(value):
        raise Invalid(_("not a valid fiscal code"))
    if codicefiscale.calc_check_digit(value[:15]) != value[15]:
        raise Invalid(_("the check character of the fiscal code is wrong"))
    digits = value[6:8] + value[9:11]
    day = int(digits[2:].translate(_OMOCODIA)) % 40
    month = "ABCDEHLMPRST".index(value[8]) + 1
    try:
        dt.date(2000 + int(digits[:2].translate(_OMOCODIA)), month, day)  # any leap year
    except ValueError:
        raise Invalid(_("not a valid fiscal code (the birth date in it does not exist)")
                      ) from None
    return value


_DSU_RE = re.compile(r"^INPS-ISEE-\d{4}-[A-Z0-9]{9}-\d{2}$")


def parse_dsu_protocol(value):
    """INPS-ISEE-YYYY-XXXXXXXXX-NN, e.g. INPS-ISEE-2025-00597381W-00."""
    value = value.upper()
    if not _DSU_RE.match(value):
        raise Invalid(_("not a DSU protocol number (INPS-ISEE-YYYY-XXXXXXXXX-NN, e.g. "
                        "INPS-ISEE-2025-00597381W-00)"))
    return value


_SEASON_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_season(value):
    """A heating season, YYYY-YY with consecutive years: 2024-25."""
    match = _SEASON_RE.match(value)
    if not match:
        raise Invalid(_("not a season (write e.g. 2024-25)"))
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise Invalid(_("the two years of a season must follow each other (e.g. 2024-25)"))
    return value


_PDR_RE = re.compile(r"^\d{14}$")


def parse_gas_pdr(value):
    if not _PDR_RE.match(value):
        raise Invalid(_("a gas PDR has exactly 14 digits"))
    return value


_email_validator = EmailValidator()


def parse_email(value):
    if len(value) > 254:
        raise Invalid(_("not a valid e-mail address"))
    try:
        _email_validator(value)
    except ValidationError:
        raise Invalid(_("not a valid e-mail address")) from None
    return value


def parse_phone(value):
    if not PHONE_RE.match(value):
        raise Invalid(_("not a phone number (digits, spaces, + . / ( ) -)"))
    return value


_TWO_LETTERS_RE = re.compile(r"^[A-Za-z]{2}$")


def parse_language(value):
    """ISO 639-1: two letters, returned lowercase."""
    if not _TWO_LETTERS_RE.match(value):
        raise Invalid(_("a language is a two-letter ISO 639-1 code, e.g. it"))
    return value.lower()


def parse_country(value):
    """ISO 3166-1 alpha-2: two letters, returned uppercase."""
    if not _TWO_LETTERS_RE.match(value):
        raise Invalid(_("a citizenship is a two-letter ISO 3166 country code, e.g. IT"))
    return value.upper()


# --- Files and rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = True
    empty: Any = None  # the value of an empty optional cell
    multiline: bool = False  # may hold tab and line breaks (in a quoted value)


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a row
    # Checks across the columns of one parsed row: values -> [(column, message)].
    check: Callable[[dict], list[tuple[str, str]]] | None = None
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def key_of(self, values):
        return tuple(values[name] for name in self.key)


def _isee_dates(values):
    if values["valid_until"] < values["issued_on"]:
        return [("valid_until", _("valid_until is before issued_on"))]
    return []


BUILDINGS = FileSpec("buildings.csv", (
    Column("building_code", parse_code),
    Column("address", text(200), multiline=True),
    Column("municipality", text(80)),
    Column("neighbourhood", text(80), required=False, empty=""),
    Column("hub_code", text(32), required=False),
    Column("heating", enum("central", "autonomous")),
    Column("gas_pdr", parse_gas_pdr, required=False, empty=""),
    Column("managed_by", enum("aler", "administrator")),
), key=("building_code",))

UNITS = FileSpec("units.csv", (
    Column("unit_code", parse_code),
    Column("building_code", parse_code),
    Column("entrance", text(16), required=False, empty=""),
    Column("floor", text(8), required=False, empty=""),
    Column("door", text(16), required=False, empty=""),
    Column("rooms", parse_int, required=False),
    Column("area_sqm", parse_area, required=False),
), key=("unit_code",))

HOUSEHOLDS = FileSpec("households.csv", (
    Column("household_code", parse_code),
    Column("unit_code", parse_code),
    Column("tenancy_start", parse_date),
    Column("rent_band", enum("protezione", "accesso", "permanenza", "decadenza")),
    Column("isee_erp_eur", parse_amount, required=False),
    Column("arrears_eur", parse_amount),
    Column("repayment_plan", parse_yes_no),
    Column("email", parse_email, required=False, empty=""),
    Column("phone", parse_phone, required=False, empty=""),
    Column("language", parse_language, required=False, empty="it"),
), key=("household_code",))

MEMBERS = FileSpec("members.csv", (
    Column("household_code", parse_code),
    Column("fiscal_code", parse_fiscal_code),
    Column("first_name", text(80)),
    Column("last_name", text(80)),
    Column("birth_date", parse_past_date),
    Column("sex", enum("F", "M")),
    Column("relation", enum("head", "spouse", "child", "other")),
    Column("citizenship", parse_country),
), key=("fiscal_code",))

ISEE = FileSpec("isee.csv", (
    Column("household_code", parse_code),
    Column("kind", enum("ordinario", "corrente")),
    Column("value_eur", parse_amount),
    Column("dsu_protocol", parse_dsu_protocol),
    Column("issued_on", parse_date),
    Column("valid_until", parse_date),
), key=("dsu_protocol",), check=_isee_dates)

HEATING_CHARGES = FileSpec("heating_charges.csv", (
    Column("household_code", parse_code),
    Column("season", parse_season),
    Column("basis", enum("estimate", "actual")),
    Column("amount_eur", parse_amount),
    Column("other_aid_eur", parse_amount, required=False),
), key=("household_code", "season", "basis"))

# In import order: each file refers only to files above it.
FILES = (BUILDINGS, UNITS, HOUSEHOLDS, MEMBERS, ISEE, HEATING_CHARGES)


def validate_row(spec, cells):
    """Parse one row: `cells` holds the stripped text of the spec's columns, in their order
    (a dict by column name works too). Returns (values, errors): values maps each column that
    parsed to its value, errors is [(column, message)].

    A cell with a control character (NUL, ...) is refused (casa/core/text.py); bidirectional
    controls are removed from every cell, so that no name or address displays as another."""
    if isinstance(cells, dict):
        cells = [cells[name] for name in spec.column_names]
    values = {}
    errors = []
    for column, cell in zip(spec.columns, cells, strict=True):
        refused = control_character(cell, multiline=column.multiline)
        if refused:
            errors.append((column.name, control_character_message(refused)))
            continue
        cell = without_bidi_controls(cell).strip()
        if not cell:
            if column.required:
                errors.append((column.name, _("required, but empty")))
            else:
                values[column.name] = column.empty
            continue
        try:
            values[column.name] = column.parse(cell)
        except Invalid as error:
            errors.append((column.name, error.message))
    if not errors and spec.check:
        errors.extend(spec.check(values))
    return values, errors


# --- Reading CSV -----------------------------------------------------------------------------


class CsvFileError(Exception):
    """The file as a whole cannot be read: (line, column, message)."""

    def __init__(self, line, column, message):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def sniff_delimiter(header_line):
    """`;` or `,`, whichever the header line has more of."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


@dataclass
class RawRow:
    line: int  # where the row starts, as a text editor numbers lines (header = 1)
    cells: list[str] | None  # the spec's columns, stripped, in order; None if malformed
    error: str = ""


def read_csv(path: Path, spec: FileSpec) -> Iterator[RawRow]:
    """The rows of `path`, UTF-8 with or without BOM, `,` or `;` delimited, columns matched
    by header name (extra columns ignored). Raises CsvFileError for a file that cannot be
    read at all (missing columns, not UTF-8)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        try:
            header_line = handle.readline()
            handle.seek(0)  # the utf-8-sig decoder skips the BOM again
            reader = csv.reader(handle, delimiter=sniff_delimiter(header_line))
            header = next(reader, None)
            if not header:
                raise CsvFileError(1, "", _("the file is empty (it needs a header row)"))
            names = [name.strip().lstrip("\ufeff").lower() for name in header]
            missing = [name for name in spec.column_names if name not in names]
            if missing:
                raise CsvFileError(1, ", ".join(missing),
                                   _("missing column(s) in the header: %(columns)s")
                                   % {"columns": ", ".join(missing)})
            pick = operator.itemgetter(*[names.index(name) for name in spec.column_names])
            width = len(names)
            previous = reader.line_num
            for cells in reader:
                line = previous + 1
                previous = reader.line_num
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line
                if len(cells) != width:
                    yield RawRow(line, None, _(
                        "the row has %(found)s fields but the header has %(expected)s (a value "
                        "containing the delimiter must be in double quotes)")
                        % {"found": len(cells), "expected": width})
                    continue
                yield RawRow(line, [cell.strip() for cell in pick(cells)])
        except UnicodeDecodeError:
            line = reader.line_num + 1 if "reader" in locals() else 1
            raise CsvFileError(line, "", _("the file is not UTF-8 text (near line %(line)s); "
                                           "export it as UTF-8") % {"line": line}) from None
        except csv.Error as error:
            raise CsvFileError(reader.line_num, "",
                               _("the file is not valid CSV: %(error)s") % {"error": error}
                               ) from None
