"""An appeal against a recomputation is decided by someone who took part in no decision on the
application: not the officer who approved it first, not whoever confirmed the recomputation's
increase, not whoever recomputed it when a person did (the import and the energy_recompute
command act as the system). They hold the permission, and the page and the action both refuse
them, saying why; a third officer decides."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casa.energy import appeals, decisions
from casa.energy.models import AppealStatus, DecisionKind
from casa.energy.recompute import recompute_household
from casa.registry.models import ChargeBasis, HeatingCharge

from .backoffice import login
from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
REFUSED = "a different officer must decide the appeal"


@pytest.fixture(params=["system", "officer"])
def appealed(request):
    """A 200 € approval by one officer; actual costs then raise it to 400 €, recomputed by the
    system (as after an import) or by an officer, and confirmed by an administrator (above the
    300 € threshold); the tenant appeals the recomputation. Returns the appeal and everyone
    who took part."""
    call = demo_call(four_eyes_above="300.00")
    home = household(charge="400.00")
    tenant = user("tenant", fiscal_code=home.members.get().fiscal_code)
    decider = user("benefit_officer")
    app = approve_final(submit(call, home, by=tenant), officer=decider)
    HeatingCharge.objects.create(household=home, season=call.season, basis=ChargeBasis.ACTUAL,
                                 amount_eur=Decimal("800.00"))
    took_part = [decider]
    if request.param == "system":
        recompute_household(household=home, acting_user="import_registry")
    else:
        recomputer = user("benefit_officer")
        recompute_household(household=home, acting_user=recomputer)
        took_part.append(recomputer)
    confirmer = user("admin")  # holds energy.review as well as energy.confirm
    decisions.application_confirm(application=app, acting_user=confirmer)
    took_part.append(confirmer)
    app.refresh_from_db()
    recomputation = app.decisions.latest("decided_at", "id")
    assert (recomputation.kind, recomputation.amount_eur, recomputation.confirmed_by) == (
        DecisionKind.RECOMPUTATION, Decimal("400.00"), confirmer)
    appeal = appeals.appeal_file(application=app, reason="The actual costs are wrong.",
                                 acting_user=tenant)
    assert appeal.decision == recomputation
    return appeal, took_part


def test_no_one_who_took_part_decides_the_appeal_a_third_officer_does(client, appealed):
    appeal, took_part = appealed
    app = appeal.application
    page_url = reverse("energy:review_application", args=[app.protocol])
    decide_url = reverse("energy:appeal_decide", args=[app.protocol])

    for person in took_part:
        login(client, person)
        page = client.get(page_url).content.decode()
        assert REFUSED in page and "Uphold the appeal" not in page, person.role
        response = client.post(decide_url, {"outcome": "dismiss", "note": "It is right."},
                               follow=True)
        assert "You took part in a decision on this application" in response.content.decode()
        appeal.refresh_from_db()
        assert appeal.status == AppealStatus.OPEN, person.role

    third = user("benefit_officer")
    login(client, third)
    assert "Uphold the appeal" in client.get(page_url).content.decode()
    response = client.post(decide_url, {"outcome": "dismiss",
                                        "note": "The actual costs are those billed."},
                           follow=True)

    assert "Appeal dismissed" in response.content.decode()
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decided_by, appeal.upheld) == (AppealStatus.DECIDED, third,
                                                                 False)
