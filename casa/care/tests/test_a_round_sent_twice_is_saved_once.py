"""A round is sent as one form with the key made when the form was opened: sent twice (a double
tap, the phone resending it when the network returns), it is saved once."""

import uuid

import pytest
from django.urls import reverse

from casa.care import services
from casa.care.models import Round, RoundCheck

pytestmark = pytest.mark.django_db


def round_form(key, **extra):
    data = {"submission_key": str(key), "lighting-status": "problem",
            "lighting-note": "Luce delle scale spenta al terzo piano.",
            "lifts-status": "ok", "note": ""}
    data.update(extra)
    return data


def test_the_same_round_posted_twice_is_one_round(client, register, carer):
    client.force_login(carer)
    url = reverse("care:round_new", args=["B001"])
    key = uuid.uuid4()

    first = client.post(url, round_form(key))
    second = client.post(url, round_form(key))

    saved = Round.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("care:round_detail",
                                                             args=[saved.pk])
    assert RoundCheck.objects.filter(round=saved).count() == 7
    assert dict(saved.checks.values_list("item", "status"))["lighting"] == "problem"
    assert dict(saved.checks.values_list("item", "status"))["cleaning"] == "unchecked"


def test_a_resend_that_races_the_first_gives_back_the_first_round(register, carer,
                                                                  monkeypatch):
    """The unique key is the last guard: when the check before saving misses a round being
    saved at the same moment, the database refuses the second and the first is given back."""
    key = uuid.uuid4()
    building = register["households"]["H001"].unit.building
    first = services.round_submit(building=building, checks={}, acting_user=carer,
                                  submission_key=key)
    real = services.selectors.already_sent
    calls = []

    def misses_once(submission_key, user):
        calls.append(submission_key)
        return None if len(calls) == 1 else real(submission_key, user)

    monkeypatch.setattr(services.selectors, "already_sent", misses_once)
    again = services.round_submit(building=building, checks={}, acting_user=carer,
                                  submission_key=key)
    assert again == first
    assert Round.objects.count() == 1


def test_a_problem_without_a_note_or_photo_is_refused_in_italian(client, register, carer):
    client.force_login(carer)
    response = client.post(reverse("care:round_new", args=["B001"]),
                           round_form(uuid.uuid4(), **{"lighting-note": ""}))
    assert response.status_code == 200
    assert "Scrivi che cosa non va, o aggiungi una foto." in response.content.decode()
    assert Round.objects.count() == 0
