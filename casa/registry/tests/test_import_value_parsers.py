"""Property tests of the import's value parsers (pure functions, no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.it import codicefiscale

from casa.registry.importing import parse

amounts = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(amounts)
def test_an_amount_reads_back_the_same_with_a_dot_or_a_comma(value):
    text = f"{value:f}"
    assert parse.parse_amount(text) == value
    assert parse.parse_amount(text.replace(".", ",")) == value


@given(st.decimals(min_value=Decimal("-1000"), max_value=Decimal("-0.01"), places=2))
def test_a_negative_amount_is_rejected(value):
    with pytest.raises(parse.Invalid):
        parse.parse_amount(f"{value:f}")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_reads_back_the_same_in_both_notations(day):
    assert parse.parse_date(day.isoformat()) == day
    assert parse.parse_date(day.strftime("%d/%m/%Y")) == day


@given(st.text(max_size=20))
def test_the_parsers_either_return_or_say_why(text):
    for parser in (parse.parse_amount, parse.parse_date, parse.parse_fiscal_code,
                   parse.parse_dsu_protocol, parse.parse_season, parse.parse_gas_pdr):
        try:
            parser(text)
        except parse.Invalid as error:
            assert error.message


fiscal_bodies = st.builds(
    lambda names, year, month, day, place, digits: (
        f"{names}{year}{month}{day}{place}{digits}"),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=6, max_size=6),
    st.text("0123456789LMNPQRSTUV", min_size=2, max_size=2),
    st.sampled_from("ABCDEHLMPRST"),
    st.text("0123456789LMNPQRSTUV", min_size=2, max_size=2),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    st.text("0123456789LMNPQRSTUV", min_size=3, max_size=3),
)


@given(fiscal_bodies, st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_a_fiscal_code_is_accepted_exactly_when_stdnum_accepts_it(body, check):
    for code in (body + check, body + codicefiscale.calc_check_digit(body)):
        try:
            parse.parse_fiscal_code(code.lower())
            accepted = True
        except parse.Invalid:
            accepted = False
        assert accepted == codicefiscale.is_valid(code)


def test_a_company_number_is_not_a_persons_fiscal_code(english):
    assert codicefiscale.is_valid("00743110157")
    with pytest.raises(parse.Invalid, match="16 characters"):
        parse.parse_fiscal_code("00743110157")


@given(st.integers(min_value=1000, max_value=9998))
def test_a_season_is_two_consecutive_years(year):
    assert parse.parse_season(f"{year}-{(year + 1) % 100:02d}") == f"{year}-{(year + 1) % 100:02d}"
    with pytest.raises(parse.Invalid):
        parse.parse_season(f"{year}-{(year + 2) % 100:02d}")


def test_the_dsu_protocol_of_the_example_is_accepted_and_uppercased():
    assert (parse.parse_dsu_protocol("inps-isee-2025-00597381w-00")
            == "INPS-ISEE-2025-00597381W-00")


def test_the_delimiter_is_sniffed_from_the_header():
    assert parse.sniff_delimiter("a;b;c\n") == ";"
    assert parse.sniff_delimiter("a,b,c\n") == ","
