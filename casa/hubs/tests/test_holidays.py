"""Every hub is closed on Italy's public holidays, Easter Monday and (from 2026) St Francis
included, without anyone entering them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casa.hubs.holidays import easter_sunday, holiday_name, holidays_between
from casa.hubs.opening import day_at

from .helpers import weekdays


@pytest.mark.parametrize(("year", "easter"), [
    (2024, dt.date(2024, 3, 31)), (2025, dt.date(2025, 4, 20)), (2026, dt.date(2026, 4, 5)),
    (2027, dt.date(2027, 3, 28)), (2038, dt.date(2038, 4, 25)), (2285, dt.date(2285, 3, 22)),
])
def test_easter_falls_on_the_known_sundays(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(min_value=1900, max_value=2400))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert dt.date(year, 3, 22) <= easter <= dt.date(year, 4, 25)


def test_easter_monday_and_the_fixed_holidays_are_holidays(english):
    assert str(holiday_name(dt.date(2027, 3, 29))) == "Easter Monday"
    assert str(holiday_name(dt.date(2026, 12, 8))) == "Immaculate Conception"
    assert str(holiday_name(dt.date(2027, 8, 15))) == "Assumption of Mary (Ferragosto)"
    assert holiday_name(dt.date(2026, 12, 9)) is None


def test_st_francis_is_a_holiday_from_2026_only():
    assert holiday_name(dt.date(2025, 10, 4)) is None
    assert holiday_name(dt.date(2026, 10, 4)) is not None


def test_a_hub_that_opens_on_weekdays_is_closed_on_a_weekday_holiday():
    weekly = weekdays(("9:00", "13:00"))
    christmas = day_at(dt.date(2026, 12, 25), weekly)  # a Friday
    assert not christmas.is_open and christmas.holiday
    assert day_at(dt.date(2026, 12, 23), weekly).is_open


def test_the_holidays_of_december_2026():
    assert [day for day, _name in holidays_between(dt.date(2026, 12, 1),
                                                   dt.date(2026, 12, 31))] == [
        dt.date(2026, 12, 8), dt.date(2026, 12, 25), dt.date(2026, 12, 26)]
