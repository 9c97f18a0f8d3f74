"""Case notes are read only by the Community Managers and the social coordinators of the
household's hub: another hub's Community Manager gets not found, care staff and the other
roles are refused; a tenant sees the actions marked for them and the referrals, never a
note."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.casework import selectors, services

NOTE = "Situazione familiare delicata, nota riservata."


@pytest.fixture
def worked_case(case, people):
    manager = people["manager"]
    services.contact_log(case=case, kind="meeting", at=timezone.now(), notes=NOTE,
                         public_summary="Incontro allo Spazio CASA.", acting_user=manager)
    services.action_add(case=case, text="Portare il modulo ISEE", due_on=dt.date(2030, 1, 10),
                        owner_kind="household", for_tenant=True, acting_user=manager)
    services.action_add(case=case, text="Telefonare al consultorio (interno)",
                        due_on=dt.date(2030, 1, 5), owner_kind="staff", for_tenant=False,
                        acting_user=manager)
    services.referral_send(case=case, to="social_services", sent_on=timezone.localdate(),
                           note="Nota riservata sul rinvio.", acting_user=manager)
    return case


def test_the_community_manager_and_the_coordinator_of_the_hub_read_it(client, worked_case,
                                                                       people):
    for who in ("manager", "colleague", "coordinator"):
        client.force_login(people[who])
        response = client.get(reverse("casework_staff:detail", args=[worked_case.pk]))
        assert response.status_code == 200, who
        assert NOTE in response.content.decode()


def test_another_hubs_community_manager_gets_not_found(client, worked_case, people):
    client.force_login(people["other_hub"])
    assert client.get(reverse("casework_staff:detail", args=[worked_case.pk])).status_code == 404
    assert client.get(reverse("api:case_detail", args=[worked_case.pk])).status_code == 404
    assert selectors.visible_cases(people["other_hub"]).count() == 0


@pytest.mark.parametrize("role", ["care_staff", "programme_manager", "auditor", "admin",
                                  "benefit_officer", "approver"])
def test_other_staff_never_read_case_notes(client, worked_case, make_user, register, role):
    user = make_user(role, hubs=[register["hubs"]["san-siro"]] if role == "care_staff" else [])
    client.force_login(user)
    assert client.get(reverse("casework_staff:detail", args=[worked_case.pk])).status_code == 403
    assert client.get(reverse("api:case_detail", args=[worked_case.pk])).status_code == 403
    household = client.get(reverse("registry:household_detail", args=["H001"]))
    assert NOTE not in household.content.decode()
    if role not in ("auditor", "admin"):  # who reads the audit trail sees the reference
        assert worked_case.reference not in household.content.decode()
    assert selectors.visible_cases(user).count() == 0


def test_the_tenant_sees_their_actions_and_referrals_but_never_a_note(client, worked_case,
                                                                     people):
    client.force_login(people["tenant"])
    page = client.get(reverse("casework:my_support")).content.decode()
    assert "Portare il modulo ISEE" in page
    assert "servizi sociali del Comune" in page
    assert NOTE not in page
    assert "Nota riservata sul rinvio." not in page
    assert "Telefonare al consultorio" not in page
    assert client.get(reverse("casework_staff:detail", args=[worked_case.pk])).status_code == 403
    assert client.get(reverse("api:case_detail", args=[worked_case.pk])).status_code == 403


def test_a_case_for_one_person_is_not_shown_to_the_rest_of_the_household(
        client, register, people, make_user):
    from casa.registry.models import Member

    household = register["households"]["H001"]
    daughter = Member.objects.create(household=household, fiscal_code="BNCLRA85M41F205X",
                                     first_name="Lara", last_name="Rossi",
                                     birth_date=dt.date(2001, 8, 1), sex="F", relation="child",
                                     citizenship="IT")
    case = services.case_open(household=household, member=daughter, reason="health",
                              acting_user=people["manager"])
    services.action_add(case=case, text="Visita al consultorio", due_on=dt.date(2030, 2, 1),
                        owner_kind="household", for_tenant=True, acting_user=people["manager"])
    client.force_login(people["tenant"])  # the head of household, not the daughter
    page = client.get(reverse("casework:my_support")).content.decode()
    assert "Visita al consultorio" not in page
    client.force_login(make_user("tenant", fiscal_code=daughter.fiscal_code))
    assert "Visita al consultorio" in client.get(reverse("casework:my_support")).content.decode()


def test_the_api_caseload_is_the_managers_own(client, case, people):
    client.force_login(people["manager"])
    assert [line["reference"] for line in
            client.get(reverse("api:case_list")).json()["results"]] == [case.reference]
    client.force_login(people["other_hub"])
    assert client.get(reverse("api:case_list")).json() == {
        "count": 0, "page": 1, "pages": 1, "results": []}
    client.force_login(people["coordinator"])  # supervises the hub: every open case of it
    assert [line["id"] for line in
            client.get(reverse("api:case_list")).json()["results"]] == [case.pk]
    client.force_login(people["care"])
    assert client.get(reverse("api:case_list")).status_code == 403
