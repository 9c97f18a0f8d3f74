"""The pages of an appeal: the tenant sees the rejection with the deadline to ask for a review,
files it and follows it; another tenant cannot reach it; the officer who decided sees the
appeal without the form, another officer upholds it; the queue lists open appeals."""

import pytest
from django.urls import reverse

from casa.energy.appeals import appeal_deadline
from casa.energy.decisions import application_decide
from casa.energy.models import Appeal, AppealStatus, ApplicationStatus
from conftest import FISCAL_CODES

from .backoffice import give, login
from .review_helpers import application, review_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected(register, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    officer = make_user("benefit_officer")
    home = register["households"]["H001"]
    give(home, isee="12000.00", charge="200.00")
    app = application(review_call(), home, submitter=tenant)
    decision = application_decide(application=app, approve=False,
                                  note="The bill was not attached.", acting_user=officer)
    return app, decision, tenant, officer


def test_the_tenant_sees_the_deadline_files_an_appeal_and_follows_it(client, rejected):
    app, decision, tenant, _officer = rejected
    login(client, tenant)
    status_url = reverse("energy:my_application", args=[app.call.code])

    page = client.get(status_url).content.decode()
    assert "Ask for a review" in page and "The bill was not attached." in page
    assert appeal_deadline(decision).strftime("%d/%m/%Y") in page

    response = client.post(reverse("energy:appeal_new", args=[app.call.code]),
                           {"reason": "I attached it at the desk."}, follow=True)

    page = response.content.decode()
    assert "We received your request for a review" in page
    assert "I attached it at the desk." in page and "is looking at it" in page
    assert "Ask for a review</button>" not in page
    assert Appeal.objects.get().filed_by == tenant


def test_an_empty_reason_is_refused(client, rejected):
    app, _decision, tenant, _officer = rejected
    login(client, tenant)

    response = client.post(reverse("energy:appeal_new", args=[app.call.code]),
                           {"reason": " "}, follow=True)

    assert "was not sent" in response.content.decode()
    assert not Appeal.objects.exists()


def test_another_tenant_cannot_appeal_this_application(client, rejected, make_user):
    app, _decision, _tenant, _officer = rejected
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[1]))  # household H002

    client.post(reverse("energy:appeal_new", args=[app.call.code]), {"reason": "Mine?"})

    assert not Appeal.objects.exists()


def test_only_another_officer_gets_the_form_and_upholds_the_appeal(client, rejected,
                                                                   make_user):
    app, _decision, tenant, officer = rejected
    login(client, tenant)
    client.post(reverse("energy:appeal_new", args=[app.call.code]), {"reason": "Look again."})
    page_url = reverse("energy:review_application", args=[app.protocol])

    login(client, officer)
    page = client.get(page_url).content.decode()
    assert "Look again." in page and "a different officer must decide" in page
    assert "Uphold the appeal" not in page
    client.post(reverse("energy:appeal_decide", args=[app.protocol]),
                {"outcome": "uphold", "note": ""})
    assert Appeal.objects.get().status == AppealStatus.OPEN

    other = make_user("benefit_officer")
    login(client, other)
    queue = client.get(reverse("energy:review_queue"), {"appeal": "on"}).content.decode()
    assert app.protocol in queue
    assert "Uphold the appeal" in client.get(page_url).content.decode()
    response = client.post(reverse("energy:appeal_decide", args=[app.protocol]),
                           {"outcome": "uphold", "note": "The bill is on file."}, follow=True)

    assert "Appeal upheld" in response.content.decode()
    app.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED
    assert app.protocol not in client.get(reverse("energy:review_queue"),
                                          {"appeal": "on"}).content.decode()
    login(client, tenant)
    page = client.get(reverse("energy:my_application", args=[app.call.code])).content.decode()
    assert "We accepted your appeal" in page and "The bill is on file." in page
