"""Fragile residents are looked in on with their recorded consent: withdrawing it stops the
visits and hides the record; a visit that finds a problem flags the household for its hub's
Community Managers, each told through the outbox; the visits due come first."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casa.care import selectors, services
from casa.care.models import Flag
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .conftest import resident_of

pytestmark = pytest.mark.django_db


def test_withdrawn_consent_hides_the_resident_and_stops_the_visits(client, register, carer):
    resident = resident_of(carer)
    client.force_login(carer)
    assert "Rossi" in client.get(reverse("care:residents")).content.decode()

    response = client.post(reverse("care:resident_withdraw", args=[resident.pk]))

    assert response.status_code == 302
    assert "Rossi" not in client.get(reverse("care:residents")).content.decode()
    assert client.get(reverse("care:resident_detail", args=[resident.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.visit_record(resident=resident, notes="", problem_found=False,
                              acting_user=carer)


def test_a_visit_with_a_problem_alerts_the_hubs_community_managers(client, register, carer,
                                                                  manager, make_user):
    other_manager = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    resident = resident_of(carer)
    client.force_login(carer)

    response = client.post(reverse("care:visit_new", args=[resident.pk]), {
        "notes": "Non mangia da due giorni, frigorifero vuoto.", "problem_found": "on"})

    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.household.code, flag.hub.code, flag.visit.resident) == (
        "H001", "san-siro", resident)
    told = Message.objects.filter(kind="care.flag")
    assert {message.user for message in told} == {manager}
    assert "H001" in told.first().subject
    assert list(selectors.open_flags_for(manager)) == [flag]
    assert list(selectors.open_flags_for(other_manager)) == []


def test_a_visit_that_found_nothing_alerts_nobody(register, carer, manager):
    services.visit_record(resident=resident_of(carer), notes="Tutto bene.",
                          problem_found=False, acting_user=carer)
    assert Flag.objects.count() == 0
    assert not Message.objects.filter(kind="care.flag").exists()


def test_the_visits_due_come_first(register, carer, neighbour_member):
    today = dt.date.today()
    weekly = resident_of(carer, every=7, consent_on=today - dt.timedelta(days=3))
    overdue = resident_of(carer, FISCAL_CODES[3], every=2, consent_on=today - dt.timedelta(5))
    rows = selectors.residents_by_due(carer, today)
    assert [(row[0], row[2]) for row in rows] == [(overdue, True), (weekly, False)]


def test_consent_in_the_future_and_strangers_are_refused_in_italian(client, register, carer):
    client.force_login(carer)
    response = client.post(reverse("care:resident_new"), {
        "fiscal_code": FISCAL_CODES[1], "reason": "disability",
        "consent_on": (dt.date.today() + dt.timedelta(days=1)).isoformat(),
        "consent_how": "", "visit_every_days": "0"})
    page = response.content.decode()
    for message in ("Nessun residente attuale dei tuoi Spazi CASA ha questo codice fiscale.",
                    "Il consenso non può essere dato nel futuro.",
                    "Indica come il residente ha dato il consenso.",
                    "Indica ogni quanti giorni fare visita: da 1 a 365."):
        assert message in page
