"""The tenant's call page: the call in plain words and the expected outcome for their own
household, with the reasons."""

from django.urls import reverse
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.registry.models import Household, IseeDeclaration
from conftest import FISCAL_CODES

from .backoffice import give, login


def page(client):
    return client.get(reverse("energy:tenant_call", args=[DEMO_CALL_CODE]))


def test_an_eligible_tenant_sees_the_amount_and_how_it_was_worked_out(client, register,
                                                                       make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    households = register["households"]
    give(households["H001"], isee="12000.50", charge="900.00", on=today)
    give(households["H002"], isee="9999.99", charge="800.00", on=today)
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = page(client)

    html = response.content.decode()
    assert response.status_code == 200
    assert "With the data we hold today, you can get the contribution." in html
    assert "Expected amount: <strong>450.00\N{NO-BREAK SPACE}€</strong>" in html
    assert "Your ISEE is 12,000.50\N{NO-BREAK SPACE}€" in html
    assert "Met:" in html and "Not met:" not in html
    # The call in plain words: who, how much, until when.
    assert "protection (protezione), access (accesso)" in html
    assert "from 9,360.01\N{NO-BREAK SPACE}€ to 15,000.00\N{NO-BREAK SPACE}€" in html
    assert "50\N{NO-BREAK SPACE}% of your heating costs for the season, at most " \
        "600.00\N{NO-BREAK SPACE}€" in html
    closes = timezone.localtime(response.context["call"].closes_at)
    assert f"You can apply until <strong>{closes:%d/%m/%Y} at 12:00</strong>" in html
    # Nothing about the other household.
    assert "9,999.99" not in html
    assert IseeDeclaration.objects.get(household=households["H002"]).dsu_protocol not in html


def test_a_tenant_who_does_not_qualify_sees_each_reason_in_plain_words(client, register,
                                                                       make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    Household.objects.filter(code="H003").update(arrears_eur="120.00")
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[2]))

    response = page(client)

    html = response.content.decode()
    assert "With the data we hold today, you cannot get the contribution. The reason:" in html
    assert [str(reason) for reason in response.context["reasons"]] == [
        "Rent band not covered by the call", "No valid ISEE on the date",
        "Rent arrears without a repayment plan", "No heating costs for the season"]
    assert "Your household is in rent band permanence (permanenza). The call accepts only" in html
    assert "You still owe 120.00\N{NO-BREAK SPACE}€ of unpaid rent (arrears)" in html


def test_a_tenant_without_a_household_in_the_register_is_told_where_to_get_help(client, db,
                                                                               make_user):
    create_demo_call()
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[3]))

    html = page(client).content.decode()

    assert "We could not find your household in the tenant register." in html


def test_the_page_renders_in_italian(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]), language="it")

    html = page(client).content.decode()

    assert '<html lang="it" dir="ltr">' in html
    assert "450,00\N{NO-BREAK SPACE}€" in html


def test_staff_and_unknown_calls_do_not_get_the_tenant_page(client, register, make_user):
    create_demo_call()
    login(client, make_user("benefit_officer"))
    assert page(client).status_code == 403
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    assert client.get(reverse("energy:tenant_call", args=["no-such-call"])).status_code == 404
