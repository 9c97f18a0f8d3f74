"""Pure rules of the desk, without the database: the phone number a Community Manager calls
back."""

import re

# What people type between digits: spaces, dots, dashes, slashes, brackets.
_SEPARATORS = re.compile(r"[\s./()\-]")


def phone_number(value):
    """The phone number `value` written plainly (digits, with a leading + when international),
    or None when it is not an Italian or an international number.

    Italian: a landline (0 and 5 to 10 more digits) or a mobile (3 and 8 or 9 more digits),
    with or without +39 / 0039. International: + (or 00) and 8 to 15 digits (E.164)."""
    text = _SEPARATORS.sub("", value or "")
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        digits = text[1:]
        if not digits.isdigit() or not 8 <= len(digits) <= 15 or digits[0] == "0":
            return None
        if digits.startswith("39"):
            return "+39" + digits[2:] if _italian(digits[2:]) else None
        return text
    return text if _italian(text) else None


def _italian(digits):
    if not digits.isdigit():
        return False
    if digits.startswith("0"):
        return 6 <= len(digits) <= 11
    if digits.startswith("3"):
        return 9 <= len(digits) <= 10
    return False
