"""The staff household page shows the energy contribution's panel (contributed by this app,
the register does not import it): the household's applications with their status and a link to
every decision letter, so that a Community Manager can print a letter for a tenant without an
account. Only for those who may read applications, within their scope."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from casa.core.panels import panel_functions
from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_decide
from casa.energy.demo import create_demo_call
from casa.energy.panels import household_panel
from casa.registry.panels import HOUSEHOLD_PAGE

from .backoffice import give


@pytest.fixture
def rejected(register, make_user):
    """H001 (San Siro) applied at the desk for a tenant without an account, and was rejected."""
    household = register["households"]["H001"]
    today = timezone.localdate()
    give(household, isee="18000.00", charge="900.00", on=today)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    application = application_submit(call=create_demo_call(today=today), household=household,
                                     channel="assisted", declarations=DECLARATION_CODES,
                                     identity={"document": "passport", "number": "YA1234567",
                                               "read_and_signed": True},
                                     acting_user=manager)
    decision = application_decide(application=application, approve=False,
                                  acting_user=make_user("benefit_officer"))
    return application, decision, manager


def household_page(client, user, code="H001"):
    client.force_login(user)
    return client.get(reverse("registry:household_detail", args=[code])).content.decode()


def test_a_community_manager_sees_the_applications_and_prints_the_decision_letter(client,
                                                                                 rejected):
    application, decision, manager = rejected

    page = household_page(client, manager)

    assert 'id="energy-panel"' in page
    assert application.protocol in page
    assert "respinta" in page  # the status, in Italian
    letter_url = reverse("energy:decision_letter", args=[decision.pk])
    assert letter_url in page
    assert reverse("energy:household_energy", args=["H001"]) in page
    letter = client.get(letter_url)
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"


def test_an_approver_sees_the_panel_without_the_desk_link(client, rejected, make_user):
    application, decision, _manager = rejected

    page = household_page(client, make_user("approver"))

    assert application.protocol in page
    assert reverse("energy:decision_letter", args=[decision.pk]) in page
    assert reverse("energy:household_energy", args=["H001"]) not in page


def test_care_staff_do_not_see_the_panel(client, register, rejected, make_user):
    application, decision, _manager = rejected
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])

    page = household_page(client, care)

    assert 'id="energy-panel"' not in page
    assert application.protocol not in page
    assert reverse("energy:decision_letter", args=[decision.pk]) not in page


def test_the_panel_is_refused_for_a_household_outside_the_users_hubs(register, rejected,
                                                                    make_user):
    other_hub = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    request = RequestFactory().get("/")
    request.user = other_hub

    assert household_panel(request, register["households"]["H001"]) is None
    request.user = rejected[2]
    assert household_panel(request, register["households"]["H001"]) is not None


def test_a_household_that_never_applied_says_so(client, register, make_user):
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])

    page = household_page(client, manager)

    assert 'id="energy-panel"' in page
    assert "non ha fatto domanda" in page


def test_the_panel_is_registered_for_the_household_page_when_the_app_loads():
    assert household_panel in panel_functions(HOUSEHOLD_PAGE)
