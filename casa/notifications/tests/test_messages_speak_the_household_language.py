"""Messages are rendered when they are written, in the household's language, else Italian."""

import datetime as dt

from django.utils import translation

from casa.core import languages
from casa.notifications.models import Channel
from casa.notifications.services import recipient_language


def test_an_english_speaking_household_gets_its_message_in_english(household, invite):
    household.language = "en"
    [app, email] = invite(household)

    assert app.language == email.language == "en"
    assert "1,234.50\N{NO-BREAK SPACE}€" in email.body
    assert "23/12/2025" in email.body
    with translation.override("en"):
        assert email.subject == translation.gettext(
            "Energy contribution: you may be entitled to help with heating costs")


def test_an_italian_household_gets_italian_amounts(household, invite):
    household.language = "it"
    [app, email] = invite(household)

    assert email.language == "it"
    assert "1.234,50\N{NO-BREAK SPACE}€" in email.body
    with translation.override("it"):
        assert email.subject == translation.gettext(
            "Energy contribution: you may be entitled to help with heating costs")


def test_the_language_of_the_page_that_caused_the_message_does_not_matter(household, invite):
    household.language = "it"
    with translation.override("en"):
        [app, email] = invite(household)

    assert email.language == "it"
    assert "1.234,50\N{NO-BREAK SPACE}€" in email.body


def test_a_language_casa_does_not_speak_falls_back_to_italian(household, invite):
    household.language = "uk"
    [app, email] = invite(household)

    assert email.language == "it"
    assert "1.234,50\N{NO-BREAK SPACE}€" in email.body
    assert email.body.endswith(languages.HELP_IN_ENGLISH)  # in English, the offer of help


def test_an_arabic_household_gets_its_message_in_arabic(household, invite):
    household.language = "ar"
    [app, email] = invite(household)

    assert email.language == "ar"
    with translation.override("ar"):
        assert email.subject == translation.gettext(
            "Energy contribution: you may be entitled to help with heating costs")
    assert languages.HELP_IN_ENGLISH not in email.body


def test_a_regional_variant_uses_its_language(household):
    household.language = "en-GB"

    assert recipient_language(household=household) == "en"


def test_the_e_mail_says_which_language_it_is_in(household, invite, immediate_tasks,
                                                 mailoutbox,
                                                 django_capture_on_commit_callbacks):
    household.language = "en"
    with django_capture_on_commit_callbacks(execute=True):
        invite(household, channels=[Channel.EMAIL])

    assert mailoutbox[0].extra_headers["Content-Language"] == "en"
    assert "Apply here: http://127.0.0.1:8000/energy/calls/energia-2025-26/" in (
        mailoutbox[0].body)
    assert "&" not in mailoutbox[0].body and "&#" not in mailoutbox[0].subject


def test_a_closing_time_is_given_in_rome_time(household, invite):
    household.language = "en"
    closes_at = dt.datetime(2025, 12, 23, 11, 0, tzinfo=dt.UTC)
    [app, _] = invite(household, context={"call_title": "Energia 2025-26",
                                          "closes_at": closes_at})

    assert "until 23/12/2025 at 12:00" in app.body
    assert "\n\n\n" not in app.body
