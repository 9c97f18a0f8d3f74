"""The activities' rules as pure functions over plain values (no ORM)."""

from decimal import Decimal, InvalidOperation

MAX_HOURS = Decimal("24")

# What check_hours answers: None (fine) or the reason.
NOT_A_NUMBER, NOT_POSITIVE, TOO_MANY, TOO_PRECISE = ("not_a_number", "not_positive",
                                                     "too_many", "too_precise")


def check_hours(hours) -> str | None:
    """Hours given at one session: a Decimal over 0, at most 24, with at most two decimals."""
    try:
        hours = Decimal(hours)
    except (InvalidOperation, TypeError, ValueError):
        return NOT_A_NUMBER
    if not hours.is_finite():
        return NOT_A_NUMBER
    if hours <= 0:
        return NOT_POSITIVE
    if hours > MAX_HOURS:
        return TOO_MANY
    if hours != hours.quantize(Decimal("0.01")):
        return TOO_PRECISE
    return None


def may_record_attendance(session_day, today) -> bool:
    """Attendance is recorded from the session's day on, never before."""
    return session_day <= today
