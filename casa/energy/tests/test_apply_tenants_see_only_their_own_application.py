"""A tenant sees only their own household's application and receipt: the pages have no
household in their address, and another household's application is never shown."""

from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from conftest import FISCAL_CODES

from .backoffice import give, login


def test_another_tenant_sees_neither_the_application_nor_the_receipt(client, register,
                                                                      make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    application = application_submit(
        call=call, household=register["households"]["H001"], channel="online",
        declarations=DECLARATION_CODES,
        acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[1]))  # household H002

    status = client.get(reverse("energy:my_application", args=[DEMO_CALL_CODE]))
    receipt = client.get(reverse("energy:my_receipt", args=[DEMO_CALL_CODE]))
    call_page = client.get(reverse("energy:tenant_call", args=[DEMO_CALL_CODE]))

    assert status.status_code == 302  # no application of theirs: back to the call page
    assert receipt.status_code == 404
    assert application.protocol not in call_page.content.decode()
    assert "Apply now" in call_page.content.decode()


def test_the_tenant_sees_their_own_application(client, register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    application = application_submit(call=call, household=register["households"]["H001"],
                                     channel="online", declarations=DECLARATION_CODES,
                                     acting_user=tenant)
    login(client, tenant)

    html = client.get(reverse("energy:my_application", args=[DEMO_CALL_CODE])).content.decode()

    assert application.protocol in html
    assert "We received your application." in html
