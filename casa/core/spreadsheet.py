"""Every CSV file CASA writes goes through `csv_writer`, so that no cell runs as a formula
when the file is opened in a spreadsheet (OWASP's CSV injection).

A spreadsheet runs a cell starting with =, +, -, @ (and, in some, a leading tab or carriage
return) as a formula; values that someone typed (a name in the register, the login of a
failed login, a rejected import cell) can start that way. Such a cell is written with a
leading apostrophe, which spreadsheets read as "this is text" and do not show. A plain number
("-12.50", a bill credit deducting an overpayment) is not a formula and stays as it is, so
that the files other systems read keep their numbers.

The one writer that does not use it is the demo register generator (casa/registry/demo.py):
it writes the input of the register import, not a file for a spreadsheet, and its values
(phone numbers such as +39 02 ...) must come back unchanged.
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def spreadsheet_safe(value):
    """`value` as a CSV cell that a spreadsheet shows as text: None is empty, a value that
    would start a formula gets a leading apostrophe, a plain number stays a number."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options):
    """csv.writer(out, **options) whose rows are made safe for spreadsheets cell by cell."""
    return _SafeWriter(csv.writer(out, **options))
