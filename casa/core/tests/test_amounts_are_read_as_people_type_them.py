"""Amounts typed by people, in Italian and in English: read the way they meant, or refused with
a message that says how to write them; never silently 100 or 1000 times too large (issue 7:
"12000.50" typed as an ISEE became 1.200.050,00 €)."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from casa.core.money import (
    AmountError,
    ambiguity_message,
    format_amount,
    format_euro,
    parse_amount,
)

D = Decimal


@pytest.mark.parametrize("text", ["12000,50", "12000.50", "12.000,50", "12 000,50",
                                  "€ 12.000,50", "12.000,50 €", "12000,50 EUR", "12,000.50",
                                  "12\u00a0000,50", " 12000,5 "])
def test_italian_readers_get_twelve_thousand_and_fifty_cents(text):
    reading = parse_amount(text, language="it")

    assert reading.value == D("12000.50")
    assert not reading.ambiguous


@pytest.mark.parametrize("text", ["12000.50", "12000,50", "12,000.50", "12 000.50",
                                  "€12,000.50", "12.000,50"])
def test_english_readers_get_twelve_thousand_and_fifty_cents(text):
    assert parse_amount(text, language="en").value == D("12000.50")


@pytest.mark.parametrize(("text", "language", "value"), [
    ("12.000", "it", "12000.00"),  # a dot and three digits: thousands, in Italian
    ("12,000", "en", "12000.00"),
    ("1.000.000", "it", "1000000.00"),
    ("1,000,000", "en", "1000000.00"),
    ("12 000", "it", "12000.00"),
    ("12.5", "it", "12.50"),  # a dot and one or two digits: the cents, even in Italian
    ("12,5", "en", "12.50"),
    ("0,500", "it", "0.50"),  # 0.500 cannot be thousands
    (",50", "it", "0.50"),
    ("١٢٣٤٥", "it", "12345.00"),  # Arabic-Indic digits, from a phone keyboard
])
def test_separators_are_read_by_their_position(text, language, value):
    assert parse_amount(text, language=language).value == D(value)


def test_the_reading_says_which_separator_was_read_as_what():
    reading = parse_amount("12.000,50", language="it")

    assert (reading.decimal_separator, reading.grouping_separator) == (",", ".")
    assert reading.shown == "12.000,50\u00a0€"


@pytest.mark.parametrize(("text", "language", "readings"), [
    ("1,500", "it", ("1.50", "1500.00")),
    ("1.500", "en", ("1.50", "1500.00")),
    ("12.000", "en", ("12.00", "12000.00")),
])
def test_a_value_that_reads_two_ways_is_marked_ambiguous_with_both_readings(text, language,
                                                                            readings):
    reading = parse_amount(text, language=language)

    assert reading.ambiguous
    assert reading.readings == tuple(D(value) for value in readings)


def test_the_ambiguity_message_shows_both_readings_and_how_to_write_each():
    message = ambiguity_message(parse_amount("1,500", language="it"))

    assert "1,50\u00a0€" in message and "1.500,00\u00a0€" in message
    assert "scrivi 1,50" in message and "scrivi 1500" in message


@pytest.mark.parametrize(("text", "code"), [
    ("-5", "negative"), ("− 5,00", "negative"), ("12,345", "three_decimals"),
    ("12.3456", "decimals"), ("1.50.000", "grouping"), ("12 000.000", "grouping"),
    ("abc", "unreadable"), ("12€50", "unreadable"), ("", "empty"), ("€", "empty"),
    ("9" * 20, "too_large"), ("1" * 50, "unreadable"),
])
def test_what_is_not_an_amount_is_refused_with_a_reason(text, code):
    with pytest.raises(AmountError) as refused:
        parse_amount(text, language="it")

    assert refused.value.code == code
    assert refused.value.message


def test_three_decimals_in_italian_suggest_the_thousands_reading():
    with pytest.raises(AmountError) as refused:
        parse_amount("1,234", language="it")

    assert "1.234,00\u00a0€" in refused.value.message
    assert "scrivi 1234" in refused.value.message


def test_messages_are_in_the_language_the_amount_was_read_in():
    with pytest.raises(AmountError) as italian:
        parse_amount("abc", language="it")
    with pytest.raises(AmountError) as english:
        parse_amount("abc", language="en")

    assert "12000,50" in italian.value.message and "Non" in italian.value.message
    assert "12000.50" in english.value.message and "We cannot" in english.value.message


# --- Properties -------------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0"), max_value=D("999999999.99"), places=2)
languages = st.sampled_from(["it", "en"])


@given(value=amounts, language=languages)
def test_an_amount_shown_by_casa_reads_back_as_the_same_amount(value, language):
    for shown in (format_euro(value, language), format_amount(value, language),
                  format_amount(value, language, grouping=False)):
        reading = parse_amount(shown, language=language)

        assert reading.value == value, shown
        assert not reading.ambiguous


@given(text=st.one_of(st.text(max_size=30),
                      st.text(alphabet="0123456789.,  €-eur", max_size=20)),
       language=languages)
@example(text="1,500", language="it")
@example(text="0.0", language="en")
def test_any_text_is_an_amount_with_two_decimals_or_a_clear_refusal(text, language):
    try:
        reading = parse_amount(text, language=language)
    except AmountError as error:
        assert error.message.strip()
        return
    for value in reading.readings or (reading.value,):
        assert value >= 0
        assert value.as_tuple().exponent == -2


def written_by_people(value):
    """The ways people write `value`, in the Italian and English conventions."""
    whole = value == value.to_integral_value()
    texts = {format_amount(value, "it"), format_amount(value, "it", grouping=False),
             format_amount(value, "en"), format_amount(value, "en", grouping=False),
             format_amount(value, "it").replace(".", " ")}
    if whole:
        texts |= {format_amount(value, language)[:-3] for language in ("it", "en")}
        texts.add(str(int(value)))
    cents = f"{value:.2f}"
    if cents.endswith("0") and not whole:  # 12.5, 12,5
        texts |= {cents[:-1], cents[:-1].replace(".", ",")}
    return texts


@given(value=amounts, language=languages)
@example(value=D("1500"), language="it")
@example(value=D("1500"), language="en")
@example(value=D("12000.50"), language="it")
def test_no_way_of_writing_an_amount_is_read_silently_as_another_amount(value, language):
    for text in written_by_people(value):
        try:
            reading = parse_amount(text, language=language)
        except AmountError:
            continue  # refused, with a message: not silent
        if reading.ambiguous:
            assert value in reading.readings, text
        else:
            assert reading.value == value, (text, reading.value)
