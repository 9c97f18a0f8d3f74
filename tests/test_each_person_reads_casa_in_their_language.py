"""Which language a person reads CASA in (issue 12, casa/core/languages.py): a tenant in their
household's register language until they pick another, which is saved on their account and
followed by their pages and messages; staff in Italian or English only; a household whose
language CASA does not speak in Italian, with help offered in English."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from casa.core import languages
from casa.core.templatetags.casa import euro, icon, ltr
from casa.notifications.models import Message
from casa.notifications.services import notify, notify_many
from casa.registry.languages import household_language, household_languages
from casa.registry.models import Member
from conftest import FISCAL_CODES

HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="(rtl|ltr)">')


def page_language(response):
    return HTML_LANG.search(response.content.decode()).groups()


@pytest.fixture
def tenant(register, make_user):
    def make(language, code="H001", index=0):
        household = register["households"][code]
        household.language = language
        household.save()
        return make_user("tenant", fiscal_code=FISCAL_CODES[index])
    return make


def test_a_tenant_reads_their_households_register_language_right_to_left(client, tenant):
    client.force_login(tenant("ar"))

    response = client.get(reverse("portal:my_home"))

    assert page_language(response) == ("ar", "rtl")
    page = response.content.decode()
    assert "bootstrap-italia.casa.rtl.min.css" in page
    with translation.override("ar"):
        my_home = translation.gettext("My home")
    assert my_home not in ("My home", "La mia casa")  # the Arabic catalogue has it
    assert f"<h1 class=\"h2 mb-3\">{my_home}</h1>" in page
    assert 'id="language-help"' not in page


def test_a_tenant_in_spanish_gets_the_left_to_right_styles(client, tenant):
    client.force_login(tenant("es"))

    response = client.get(reverse("portal:my_home"))

    assert page_language(response) == ("es", "ltr")
    assert "bootstrap-italia.casa.min.css" in response.content.decode()


def test_the_language_picked_is_saved_on_the_account_and_wins_over_the_register(client, tenant):
    user = tenant("ar")
    client.force_login(user)

    client.post(reverse("core:switch_language"), {"language": "fr", "next": "/"})

    user.refresh_from_db()
    assert user.language == "fr"
    assert page_language(client.get(reverse("portal:my_home"))) == ("fr", "ltr")
    # A new session (another phone) reads the account, not the register.
    client.logout()
    client.force_login(user)
    assert page_language(client.get(reverse("portal:my_home"))) == ("fr", "ltr")


def test_messages_follow_the_language_saved_on_the_account(client, tenant, register):
    user = tenant("ar")
    household = register["households"]["H001"]
    assert household_language(household) == ("ar", "")
    client.force_login(user)
    client.post(reverse("core:switch_language"), {"language": "es", "next": "/"})

    notify(kind="notices.urgent", household=household, actor=user,
           context={"title": "Corte d'acqua", "hub_name": "San Siro"})

    message = Message.objects.get(channel="app")
    assert message.language == "es"
    assert household_languages([household]) == {household.pk: ("es", "")}


def test_the_head_of_households_choice_comes_before_another_members(register, make_user):
    household = register["households"]["H001"]
    Member.objects.create(household=household, fiscal_code=FISCAL_CODES[3], first_name="Ana",
                          last_name="Rossi", birth_date="2001-01-01", sex="F",
                          relation="child", citizenship="IT")
    child = make_user("tenant", fiscal_code=FISCAL_CODES[3])
    child.language = "ro"
    child.save()
    assert household_language(household) == ("ro", "")

    head = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    head.language = "zh-hans"
    head.save()
    assert household_language(household) == ("zh-hans", "")


def test_a_language_casa_does_not_speak_gets_italian_and_help_in_english(client, tenant,
                                                                         register):
    user = tenant("uk")
    client.force_login(user)

    page = client.get(reverse("portal:my_home"))

    assert page_language(page) == ("it", "ltr")
    assert 'id="language-help"' in page.content.decode()
    assert languages.HELP_IN_ENGLISH in page.content.decode()
    notify(kind="notices.urgent", household=register["households"]["H001"], actor=user,
           context={"title": "Corte d'acqua", "hub_name": "San Siro"})
    message = Message.objects.get(channel="app")
    assert message.language == "it"
    assert message.body.endswith(languages.HELP_IN_ENGLISH)

    # Once they pick a language, the offer goes away.
    client.post(reverse("core:switch_language"), {"language": "en", "next": "/"})
    assert 'id="language-help"' not in client.get(reverse("portal:my_home")).content.decode()


def test_notify_many_reads_every_households_language_at_once(register, tenant,
                                                             django_assert_max_num_queries):
    user = tenant("ar")
    register["households"]["H002"].language = "ro"
    register["households"]["H002"].save()
    events = [{"kind": "notices.urgent", "household": household,
               "context": {"title": "Corte d'acqua", "hub_name": "San Siro"}}
              for household in register["households"].values()]

    with django_assert_max_num_queries(8):
        notify_many(events, actor=user)

    assert dict(Message.objects.filter(channel="app").values_list(
        "household__code", "language")) == {"H001": "ar", "H002": "ro", "H003": "it"}


@pytest.mark.parametrize("asked", ["ar", "zh-hans", "es"])
def test_staff_read_italian_or_english_only(client, make_user, register, asked):
    officer = make_user("benefit_officer")
    officer.language = "en"
    officer.save()
    client.force_login(officer)
    client.cookies["django_language"] = asked

    client.post(reverse("core:switch_language"), {"language": asked, "next": "/"})

    officer.refresh_from_db()
    assert officer.language == "en"  # not changed to a language staff pages do not have
    response = client.get(reverse("core:privacy"))
    assert page_language(response) == ("en", "ltr")
    offered = re.findall(r'<button type="submit" lang="([^"]+)"', response.content.decode())
    assert offered == ["it", "en"]


def test_anyone_may_read_the_public_pages_in_the_seven_languages(client, db):
    page = client.get(reverse("core:privacy"))
    offered = re.findall(r'<button type="submit" lang="([^"]+)"', page.content.decode())
    assert offered == ["it", "en", "ar", "es", "fr", "zh-hans", "ro"]

    client.post(reverse("core:switch_language"), {"language": "zh-hans", "next": "/privacy/"})

    assert page_language(client.get(reverse("core:privacy"))) == ("zh-hans", "ltr")


@pytest.mark.parametrize("code, expected", [
    ("zh-Hans", "zh-hans"), ("zh_Hans", "zh-hans"), ("zh", "zh-hans"), ("AR", "ar"),
    ("es-PE", "es"), ("uk", None), ("", None), ("zh-hant", None),
])
def test_register_codes_are_read_as_casas_languages(code, expected):
    assert languages.supported(code) == expected


def test_amounts_and_codes_stay_left_to_right_inside_arabic():
    with translation.override("ar"):
        assert euro("1234.5") == "\u20661.234,50\N{NO-BREAK SPACE}€\u2069"
        assert ltr("IT60X0542811101000000123456") == "\u2066IT60X0542811101000000123456\u2069"
        assert "casa-directional" in icon("it-arrow-right")
        assert "casa-directional" not in icon("it-user")
    with translation.override("it"):
        assert euro("1234.5") == "1.234,50\N{NO-BREAK SPACE}€"
        assert ltr("IT60X") == "IT60X"


@override_settings(LANGUAGE_CODE="it")
def test_a_switch_to_a_language_that_is_not_casas_changes_nothing(client, tenant):
    user = tenant("es")
    client.force_login(user)

    client.post(reverse("core:switch_language"), {"language": "de", "next": "/"})

    user.refresh_from_db()
    assert user.language == ""
    assert page_language(client.get(reverse("portal:my_home"))) == ("es", "ltr")


def test_the_logged_in_message_is_already_in_the_households_language(client, tenant):
    """allauth writes "you are logged in" during the login request, before the redirect: the
    request switches to the tenant's language at login, not one page later."""
    user = tenant("es")

    response = client.post(reverse("account_login"),
                           {"login": user.email, "password": "test-pass-123"}, follow=True)

    assert page_language(response) == ("es", "ltr")
    allauths = "Successfully signed in as %(name)s."  # allauth's message, in its catalogue
    with translation.override("es"):
        logged_in = translation.gettext(allauths) % {"name": str(user)}
    assert logged_in in response.content.decode()


def test_the_order_account_then_this_browser_then_the_register(client, tenant):
    """casa/core/languages.py's order: the account's saved choice, then the language picked in
    this browser (the cookie only the menu sets), then the household's register language."""
    user = tenant("ar")
    client.force_login(user)
    assert page_language(client.get(reverse("portal:my_home")))[0] == "ar"  # the register

    client.cookies["django_language"] = "ro"  # picked in this browser, before logging in
    assert page_language(client.get(reverse("portal:my_home")))[0] == "ro"

    user.language = "fr"  # saved on the account (on another device)
    user.save()
    assert page_language(client.get(reverse("portal:my_home")))[0] == "fr"


def test_a_language_picked_on_the_login_page_is_saved_at_login(client, tenant):
    user = tenant("ar")
    client.post(reverse("core:switch_language"), {"language": "es", "next": "/"})

    client.post(reverse("account_login"), {"login": user.email, "password": "test-pass-123"})

    user.refresh_from_db()
    assert user.language == "es"


@pytest.mark.parametrize("language, day, amount", [
    ("it", "25/11/2026", "1.234,56\N{NO-BREAK SPACE}€"),
    ("en", "25/11/2026", "1,234.56\N{NO-BREAK SPACE}€"),
    ("es", "25/11/2026", "1.234,56\N{NO-BREAK SPACE}€"),
    ("ar", "25/11/2026", "\u20661.234,56\N{NO-BREAK SPACE}€\u2069"),
    ("fr", "25/11/2026", "1\N{NO-BREAK SPACE}234,56\N{NO-BREAK SPACE}€"),
    ("ro", "25.11.2026", "1.234,56\N{NO-BREAK SPACE}€"),
    ("zh-hans", "2026/11/25", "1,234.56\N{NO-BREAK SPACE}€"),
])
def test_each_language_writes_dates_and_money_its_own_way(language, day, amount):
    """casa/formats/<locale>: the table of docs/translations.md."""
    import datetime as dt

    from django.utils.formats import date_format

    with translation.override(language):
        assert date_format(dt.date(2026, 11, 25), "SHORT_DATE_FORMAT") == day
        assert euro("1234.56") == amount


def test_a_staff_member_whose_browser_picked_arabic_reads_italian(client, make_user):
    """The middleware narrows every source (the browser's pick here), not only the switch."""
    manager = make_user("community_manager")
    client.force_login(manager)
    client.cookies["django_language"] = "ar"

    assert page_language(client.get(reverse("core:privacy"))) == ("it", "ltr")
