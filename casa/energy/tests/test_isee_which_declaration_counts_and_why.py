"""Which ISEE declaration counts is stated once (docs/architecture.md; rules.isee_choice): a
valid corrente replaces the ordinario, otherwise the one issued last, whatever its source.
The rule stores which one it used and why; a request for information says which declaration
would change the outcome; every page says which one is used and why."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from casa.energy import decisions, rules
from casa.energy.explain import isee_used, isee_wanted_sentence
from casa.energy.models import IseeChoice
from casa.notifications.models import Message
from casa.registry.models import IseeDeclaration

from .backoffice import ON, login
from .fixtures import demo_call, household, user

pytestmark = pytest.mark.django_db


def isee(kind, value, issued, until=dt.date(2025, 12, 31), protocol=None):
    return rules.Isee(kind, Decimal(value), protocol or f"P-{kind}-{issued}", issued, until)


def test_a_valid_corrente_replaces_the_ordinario():
    ordinario = isee("ordinario", "16000", dt.date(2025, 2, 1))
    corrente = isee("corrente", "11000", dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    choice = rules.isee_choice([ordinario, corrente], ON)
    assert (choice.chosen, choice.why) == (corrente, rules.CORRENTE_REPLACES)
    assert choice.set_aside == ((ordinario, rules.REPLACED_BY_CORRENTE),)


def test_otherwise_the_one_issued_last_counts_whatever_its_source():
    older = isee("ordinario", "12000", dt.date(2025, 1, 10))
    newer = isee("ordinario", "16000", dt.date(2025, 2, 1))
    for order in ([older, newer], [newer, older]):
        choice = rules.isee_choice(order, ON)
        assert (choice.chosen, choice.why) == (newer, rules.ISSUED_LAST)
        assert choice.set_aside == ((older, rules.OLDER),)


def test_expired_future_and_unaccepted_declarations_are_set_aside_with_their_reason():
    expired = isee("ordinario", "12000", dt.date(2024, 2, 1), dt.date(2024, 12, 31))
    future = isee("ordinario", "12000", dt.date(2025, 12, 1))
    valid = isee("ordinario", "12000", dt.date(2025, 3, 1))
    corrente = isee("corrente", "9000", dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    choice = rules.isee_choice([expired, future, valid, corrente], ON, kinds=("ordinario",))
    assert (choice.chosen, choice.why) == (valid, rules.ONLY_VALID)
    assert dict(choice.set_aside) == {expired: rules.EXPIRED, future: rules.NOT_YET_ISSUED,
                                      corrente: rules.KIND_NOT_ACCEPTED}


def test_what_would_change_the_outcome_is_a_corrente_or_a_later_ordinario():
    newer = isee("ordinario", "16000", dt.date(2025, 2, 1))
    params = demo_call().params_at(ON)
    wanted = rules.isee_wanted([newer], params, ON)
    assert wanted.kinds == ("corrente", "ordinario")
    assert wanted.ordinario_issued_after == dt.date(2025, 2, 1)
    assert wanted.corrente_issued_after is None
    assert (wanted.low, wanted.high) == (Decimal("9360.01"), Decimal("15000.00"))


@pytest.fixture
def declared_older(english):
    """The register holds an ordinario of 16,000 € issued a month ago; the tenant declares
    with the application an ordinario of 12,000 € issued two months ago. Dates are around
    today: an answer to a request is worked out on the day of the answer."""
    from django.utils import timezone

    from casa.energy.applying import DECLARATION_CODES, application_submit
    from casa.energy.demo import create_demo_call

    today = timezone.localdate()
    newer, older = today - dt.timedelta(days=30), today - dt.timedelta(days=60)
    home = household(isee=None, charge="600.00")
    IseeDeclaration.objects.create(household=home, kind="ordinario", value_eur="16000.00",
                                   dsu_protocol="INPS-ISEE-2025-00000001A-00",
                                   issued_on=newer, valid_until=today + dt.timedelta(days=150))
    tenant = user("tenant", fiscal_code=home.members.get().fiscal_code)
    app = application_submit(
        call=create_demo_call(today=today), household=home, acting_user=tenant,
        channel="online", declarations=DECLARATION_CODES,
        isee={"kind": "ordinario", "value": "12000.00",
              "dsu_protocol": "INPS-ISEE-2025-00000002B-00",
              "issued_on": older, "valid_until": today + dt.timedelta(days=150)})
    return app, tenant, newer.strftime("%d/%m/%Y")


def test_the_application_stores_the_isee_the_rule_used_and_why(declared_older):
    app, _tenant, _newer = declared_older
    assert (app.isee_used_eur, app.isee_used_protocol, app.isee_used_why) == (
        Decimal("16000.00"), "INPS-ISEE-2025-00000001A-00", IseeChoice.ISSUED_LAST)
    assert app.isee_eur == Decimal("12000.00")  # declared, but not the one that counts
    assert app.reasons == [rules.ISEE_OUT_OF_RANGE]
    text = isee_used(app)
    assert "16,000.00" in text and "issued last" in text


def test_a_request_for_information_says_which_declaration_would_change_the_outcome(
        declared_older, client):
    app, tenant, newer = declared_older
    officer = user("benefit_officer")
    decisions.application_request_information(application=app, message="Send your ISEE.",
                                              acting_user=officer)

    change = app.status_changes.get(to_status="needs_information")
    sentence = isee_wanted_sentence(change.details["isee_wanted"])
    assert "an ISEE corrente (it replaces the ordinario)" in sentence
    assert f"an ISEE ordinario issued after {newer}" in sentence
    message = Message.objects.get(household=app.household, kind="energy.information_request",
                                  channel="app")
    assert newer in message.body  # in the household's language (Italian)
    login(client, tenant)
    page = client.get(reverse("energy:my_application", args=[app.call.code])).content.decode()
    assert f"an ISEE ordinario issued after {newer}" in page
    assert "16,000.00" in page and "issued last" in page
    client.logout()
    login(client, officer)
    page = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    assert f"an ISEE ordinario issued after {newer}" in page
    assert "used because among declarations of the same kind, the one issued last" in page


def test_the_decision_and_its_letter_show_the_same_isee_as_the_rule(declared_older):
    from casa.energy.letters import letter_html

    app, _tenant, _newer = declared_older
    decision = decisions.application_decide(application=app, approve=False,
                                            acting_user=user("benefit_officer"))
    assert (decision.isee_used_eur, decision.isee_used_why) == (Decimal("16000.00"),
                                                               IseeChoice.ISSUED_LAST)
    html = letter_html(decision)
    assert "16.000,00" in html and "INPS-ISEE-2025-00000001A-00" in html
