"""A Community Manager opens a case from the household's page and works it on its page: plan,
contact, referral and its outcome, arrears; the forms posted wrong say why in Italian and save
nothing."""

import datetime as dt

from django.urls import reverse

from casa.casework.models import CaseFile, Contact, Referral


def test_open_a_case_from_the_household_page_and_work_it(client, register, people):
    client.force_login(people["manager"])
    household_page = client.get(reverse("registry:household_detail", args=["H001"]))
    assert reverse("casework_staff:new", args=["H001"]) in household_page.content.decode()

    response = client.post(reverse("casework_staff:new", args=["H001"]),
                           {"reason": "arrears", "member": "", "owner": ""})
    case = CaseFile.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework_staff:detail", args=[case.pk])
    assert case.owner == people["manager"] and case.member is None

    act = lambda name, data: client.post(  # noqa: E731
        reverse("casework_staff:act", args=[case.pk, name]),
        {f"{name}-{key}": value for key, value in data.items()})
    assert act("action", {"text": "Portare l'ISEE", "owner_kind": "household",
                          "due_on": "2030-01-15", "for_tenant": "on"}).status_code == 302
    assert act("contact", {"kind": "meeting", "day": "2026-01-10", "time": "10:30",
                           "notes": "Primo colloquio."}).status_code == 302
    assert act("referral", {"to": "employment", "sent_on": "2026-01-11"}).status_code == 302
    referral = Referral.objects.get()
    assert act("outcome", {"referral": referral.pk, "outcome": "Colloquio fissato",
                           "outcome_on": "2026-01-20"}).status_code == 302
    assert act("arrears", {"debt_eur": "1.234,50", "step": "Incontro con l'ufficio",
                           "step_on": "2026-01-12",
                           "plan_signed_on": "2026-01-25"}).status_code == 302
    assert act("assess", {"need_income": "high", "summary": "Debito da affitto."}
               ).status_code == 302

    case.refresh_from_db()
    referral.refresh_from_db()
    assert referral.outcome == "Colloquio fissato"
    assert str(case.debt_eur) == "1234.50" and case.plan_signed_on == dt.date(2026, 1, 25)
    assert case.actions.get().for_tenant is True
    assert [need.level for need in case.needs.all()] == ["high"]
    page = client.get(reverse("casework_staff:detail", args=[case.pk])).content.decode()
    assert "Primo colloquio." in page
    assert reverse("energy:household_energy", args=["H001"]) in page


def test_wrong_forms_say_why_in_italian_and_save_nothing(client, case, people):
    client.force_login(people["manager"])
    url = reverse("casework_staff:act", args=[case.pk, "contact"])
    response = client.post(url, {"contact-kind": "phone", "contact-day": "2099-01-01",
                                 "contact-time": "10:00", "contact-notes": "Futuro"})
    assert response.status_code == 200
    assert "Un contatto non può essere nel futuro." in response.content.decode()
    response = client.post(url, {"contact-kind": "phone"})
    assert "Questo campo è obbligatorio." in response.content.decode()
    assert not Contact.objects.exists()

    response = client.post(reverse("casework_staff:act", args=[case.pk, "referral"]),
                           {"referral-to": "", "referral-sent_on": "ieri"})
    content = response.content.decode()
    assert "Inserisci una data valida." in content
    assert not Referral.objects.exists()


def test_the_coordinator_reads_but_does_not_write_the_plan(client, case, people):
    client.force_login(people["coordinator"])
    url = reverse("casework_staff:act", args=[case.pk, "action"])
    assert client.post(url, {"action-text": "x"}).status_code == 403
    page = client.get(reverse("casework_staff:detail", args=[case.pk])).content.decode()
    assert 'id="handover-form"' in page and 'id="action-form"' not in page
