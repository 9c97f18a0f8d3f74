"""At the Spazio CASA desk a Community Manager applies on behalf of a household of their hub,
recorded as assisted and as submitted by them; another hub's household is not found."""

from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.applying import DECLARATION_CODES
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application, Channel
from conftest import FISCAL_CODES

from .backoffice import give, login

# How the desk checked the applicant's identity, as the form posts it.
IDENTITY = {"identity_document": "identity_card", "identity_document_number": "ca 12345 ab",
            "declarations_read_and_signed": "on"}


def test_a_community_manager_applies_for_a_household_of_their_hub(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    login(client, manager)

    detail = client.get(reverse("registry:household_detail", args=["H001"])).content.decode()
    assert reverse("energy:household_energy", args=["H001"]) in detail
    overview = client.get(reverse("energy:household_energy", args=["H001"])).content.decode()
    apply_url = reverse("energy:assisted_apply", args=[DEMO_CALL_CODE, "H001"])
    assert apply_url in overview
    form = client.get(apply_url).content.decode()
    assert "You are applying on behalf of household H001" in form

    refused = client.post(apply_url, {"action": "submit", "declarations": DECLARATION_CODES})
    assert "Choose the document you checked." in refused.content.decode()
    assert not Application.objects.exists()
    response = client.post(apply_url, {"action": "submit", "declarations": DECLARATION_CODES,
                                       **IDENTITY}, follow=True)

    application = Application.objects.get()
    assert application.channel == Channel.ASSISTED
    assert application.submitted_by == manager
    assert (application.identity_document, application.identity_document_number) == (
        "identity_card", "CA12345AB")
    assert application.declarations_read_and_signed
    first = application.status_changes.get()
    assert (first.to_status, first.actor, first.on_behalf_of) == (
        "submitted", manager, application.household)
    assert application.household.code == "H001"
    html = response.content.decode()
    assert application.protocol in html
    assert "Receipt (PDF)" in html
    receipt = client.get(reverse("energy:assisted_receipt", args=[DEMO_CALL_CODE, "H001"]))
    assert receipt.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=manager, target_type="energy.application",
                                     action="create").exists()

    # The tenant sees who helped them.
    client.logout()
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    status = client.get(reverse("energy:my_application", args=[DEMO_CALL_CODE]))
    assert "submitted by Test Community Manager" in status.content.decode()


def test_a_community_manager_gets_not_found_for_another_hubs_household(client, register,
                                                                       make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H002"], isee="10000.00", charge="800.00", on=today)
    login(client, make_user("community_manager", hubs=[register["hubs"]["san-siro"]]))
    apply_url = reverse("energy:assisted_apply", args=[DEMO_CALL_CODE, "H002"])

    assert client.get(apply_url).status_code == 404
    posted = client.post(apply_url, {"action": "submit", "declarations": DECLARATION_CODES,
                                     "iban": "IT60X0542811101000000123456",
                                     "iban_holder": FISCAL_CODES[1]})
    assert posted.status_code == 404
    assert client.get(reverse("energy:household_energy", args=["H002"])).status_code == 404
    assert not Application.objects.exists()


def test_a_benefit_officer_applies_for_any_household(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H002"], isee="10000.00", charge="800.00", on=today)
    officer = make_user("benefit_officer")
    login(client, officer)

    client.post(reverse("energy:assisted_apply", args=[DEMO_CALL_CODE, "H002"]),
                {"action": "submit", "declarations": DECLARATION_CODES, **IDENTITY,
                 "iban": "IT60X0542811101000000123456", "iban_holder": FISCAL_CODES[1]})

    application = Application.objects.get()
    assert (application.channel, application.submitted_by) == (Channel.ASSISTED, officer)
    assert application.expected_amount_eur == 400
