"""The review pages: the queue with its filters and scope, an application with its checks in
plain words and the budget, the actions as forms, and the audit of every view."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.models import ApplicationStatus

from .backoffice import login
from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def setup(register, make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="1000.00", four_eyes_above="300.00")
    san_siro = household(building=register["households"]["H001"].unit.building)
    lorenteggio = household(building=register["households"]["H002"].unit.building,
                            charge="1000.00")
    small = application(call, san_siro, submitter=officer)
    large = application(call, lorenteggio, submitter=officer, minutes=1)
    return {"officer": officer, "call": call, "small": small, "large": large,
            "register": register}


def test_the_queue_lists_applications_with_their_filters(client, setup):
    login(client, setup["officer"])
    url = reverse("energy:review_queue")
    page = client.get(url).content.decode()
    assert setup["small"].protocol in page and setup["large"].protocol in page
    assert "12,000.00\N{NO-BREAK SPACE}€" in page  # the ISEE column, in English (login's)

    page = client.get(url, {"hub": "lorenteggio"}).content.decode()
    assert setup["small"].protocol not in page and setup["large"].protocol in page
    page = client.get(url, {"status": "approved"}).content.decode()
    assert setup["large"].protocol not in page
    event = AuditEvent.objects.filter(target_id="review-queue").last()
    assert event.actor == setup["officer"]


def test_a_community_manager_sees_only_the_applications_of_their_hubs(client, setup,
                                                                      make_user):
    manager = make_user("community_manager", hubs=[setup["register"]["hubs"]["san-siro"]])
    login(client, manager)
    page = client.get(reverse("energy:review_queue")).content.decode()
    assert setup["small"].protocol in page and setup["large"].protocol not in page
    assert client.get(reverse("energy:review_application",
                              args=[setup["large"].protocol])).status_code == 404


def test_the_application_page_explains_the_checks_and_records_the_view(client, setup):
    login(client, setup["officer"])
    app = setup["small"]
    page = client.get(reverse("energy:review_application", args=[app.protocol]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Budget of the call" in text and "Start the review" in text
    assert AuditEvent.objects.filter(action="view", target_id=app.protocol,
                                     actor=setup["officer"]).exists()


def test_an_officer_approves_and_a_different_approver_confirms_from_the_page(client, setup,
                                                                              make_user):
    officer, app = setup["officer"], setup["large"]  # 500 €: above the 300 € threshold
    login(client, officer)
    action = reverse("energy:review_action", args=[app.protocol])
    client.post(action, {"action": "start"})
    response = client.post(action, {"action": "approve", "note": ""}, follow=True)
    assert "an approver must confirm" in response.content.decode()
    app.refresh_from_db()
    assert app.status == S.AWAITING_CONFIRMATION

    approver = make_user("approver")
    login(client, approver)
    page = client.get(reverse("energy:review_application", args=[app.protocol]))
    assert "Confirm the approval of" in page.content.decode()
    assert "awaiting confirmation" in page.content.decode()
    client.post(action, {"action": "confirm"})
    app.refresh_from_db()
    setup["call"].refresh_from_db()
    assert app.status == S.APPROVED
    assert setup["call"].committed_eur == Decimal("500.00")


def test_a_rejection_without_reasons_shows_a_message_and_changes_nothing(client, setup):
    login(client, setup["officer"])
    app = setup["small"]
    response = client.post(reverse("energy:review_action", args=[app.protocol]),
                           {"action": "reject", "note": ""}, follow=True)
    assert "write the reasons for rejecting" in response.content.decode()
    app.refresh_from_db()
    assert app.status == S.SUBMITTED


def test_an_auditor_reads_but_cannot_act(client, setup, make_user):
    login(client, make_user("auditor"))
    app = setup["small"]
    page = client.get(reverse("energy:review_application", args=[app.protocol]))
    assert page.status_code == 200 and "Start the review" not in page.content.decode()
    response = client.post(reverse("energy:review_action", args=[app.protocol]),
                           {"action": "approve"})
    assert response.status_code == 403


def test_the_decision_history_shows_a_recomputation_by_the_system(client, setup):
    from casa.energy.decisions import application_decide
    from casa.energy.recompute import recompute_household
    from casa.registry.models import HeatingCharge

    officer, app = setup["officer"], setup["small"]
    application_decide(application=app, approve=True, note="", acting_user=officer)
    HeatingCharge.objects.create(household=app.household, season="2025-26", basis="actual",
                                 amount_eur=Decimal("260.00"))
    recompute_household(household=app.household, acting_user="import_registry")

    login(client, officer)
    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    assert "recomputation on actual costs" in text.lower()
    assert "the system" in text
    assert ("Recomputation on actual costs: approved, 130.00\N{NO-BREAK SPACE}€ "
            "(was 100.00\N{NO-BREAK SPACE}€)") in text


def test_the_application_page_links_the_household_its_contacts_and_every_letter(client,
                                                                                 setup):
    from casa.energy.decisions import application_decide
    from casa.energy.recompute import recompute_household
    from casa.registry.models import HeatingCharge, Household

    officer, app = setup["officer"], setup["small"]
    Household.objects.filter(pk=app.household_id).update(phone="+39 02 1234567")
    first = application_decide(application=app, approve=True, note="", acting_user=officer)
    HeatingCharge.objects.create(household=app.household, season="2025-26", basis="actual",
                                 amount_eur=Decimal("260.00"))
    recompute_household(household=app.household, acting_user="import_registry")
    second = app.decisions.exclude(pk=first.pk).get()

    login(client, officer)
    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    household_url = reverse("registry:household_detail", args=[app.household.code])
    assert f'href="{household_url}" id="household-link"' in text
    assert f'href="mailto:{app.household.email}"' in text
    assert "+39 02 1234567" in text
    head = app.household.members.get(relation="head")
    assert f"{head.first_name} {head.last_name} (head of household)" in text
    for decision in (first, second):
        assert reverse("energy:decision_letter", args=[decision.pk]) in text


def test_the_application_page_shows_the_account_holder_of_a_transfer(client, setup):
    login(client, setup["officer"])
    app = setup["large"]  # Lorenteggio: autonomous heating, paid by transfer
    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    holder = app.household.members.get(relation="head")
    assert f"{holder.first_name} {holder.last_name} ({holder.fiscal_code})" in text
    assert f"{app.iban[:4]}…{app.iban[-4:]}" in text and app.iban not in text


def test_the_approver_confirming_a_transfer_sees_its_account_holder(client, setup, make_user):
    from casa.energy.decisions import application_decide

    app = setup["large"]  # 500 € by transfer: above the 300 € threshold
    application_decide(application=app, approve=True, note="", acting_user=setup["officer"])
    app.refresh_from_db()
    assert app.status == S.AWAITING_CONFIRMATION
    login(client, make_user("approver"))

    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()

    assert "Confirm the approval of" in text
    holder = app.household.members.get(relation="head")
    assert (app.iban_holder_name, app.iban_holder_fiscal_code) == (
        f"{holder.first_name} {holder.last_name}", holder.fiscal_code)
    assert (f'id="iban-holder">{holder.first_name} {holder.last_name} '
            f"({holder.fiscal_code})</dd>") in text
    assert f"{app.iban[:4]}…{app.iban[-4:]}" in text and app.iban not in text
