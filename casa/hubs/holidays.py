"""Italy's public holidays, on which every Spazio CASA is closed without anyone entering a
closure. Pure functions over dates.

A holiday is a dated rule: 4 October (St Francis of Assisi) is a national holiday again from
2026 (Law 151/2025). A town's patron saint (Milan's St Ambrose on 7 December) is not national:
hubs enter it as a closure (the demo does, for the hubs in Milan).
"""

import datetime as dt
from functools import cache

from django.utils.translation import gettext_lazy as _

# (month, day) -> (name, first year it applies)
FIXED = {
    (1, 1): (_("New Year's Day"), 1949),
    (1, 6): (_("Epiphany"), 1949),
    (4, 25): (_("Liberation Day"), 1949),
    (5, 1): (_("Labour Day"), 1949),
    (6, 2): (_("Republic Day"), 2001),
    (8, 15): (_("Assumption of Mary (Ferragosto)"), 1949),
    (10, 4): (_("St Francis of Assisi"), 2026),
    (11, 1): (_("All Saints' Day"), 1949),
    (12, 8): (_("Immaculate Conception"), 1949),
    (12, 25): (_("Christmas Day"), 1949),
    (12, 26): (_("St Stephen's Day"), 1949),
}


@cache
def easter_sunday(year):
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_name(day):
    """The name of the public holiday falling on `day`, or None."""
    fixed = FIXED.get((day.month, day.day))
    if fixed is not None and day.year >= fixed[1]:
        return fixed[0]
    easter = easter_sunday(day.year)
    if day == easter:
        return _("Easter Sunday")
    if day == easter + dt.timedelta(days=1):
        return _("Easter Monday")
    return None


def holidays_between(first, last):
    """[(date, name)] of the public holidays from `first` to `last`, both included."""
    found = []
    day = first
    while day <= last:
        name = holiday_name(day)
        if name is not None:
            found.append((day, name))
        day += dt.timedelta(days=1)
    return found
