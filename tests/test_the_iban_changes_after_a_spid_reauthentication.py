"""Issue 13 (reauth): a tenant who logs in with SPID or CIE changes the IBAN of their energy
application after confirming who they are with SPID or CIE again, with no password; without
that confirmation the change is refused. A tenant with a password, in a session opened with
SPID, may use either. Here, not in casa/energy/tests: the energy app does not import the SPID
app, even in its tests (tests/test_imports_run_one_way.py)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from casa.energy.tests.fixtures import TENANT_IBAN, demo_call, household, submit, user
from casa.energy.tests.test_apply_the_iban_changes_after_submission_only_with_a_check import (
    NEW_IBAN,
    applied,
    change,
    iban_events,
)
from casa.registry.models import Member
from casa.spid.tests.conftest import log_in_with_spid, providers, reauthenticate_with_spid
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db
__all__ = ["applied", "providers"]  # fixtures of the energy and SPID tests, used here


@pytest.fixture
def spid_applied(providers):
    """`applied`'s application, of a head of household with a real-looking fiscal code, who
    logs in with SPID and has no password."""
    home = household(heating="autonomous")
    Member.objects.filter(household=home).update(fiscal_code=FISCAL_CODES[1])
    tenant = user("tenant", fiscal_code=FISCAL_CODES[1])
    tenant.set_unusable_password()
    tenant.save()
    return submit(demo_call(), home, by=tenant), tenant


def spid_session(client, tenant, providers):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = log_in_with_spid(client, providers["spid"], tenant.fiscal_code)
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == tenant.pk


def test_a_spid_tenant_changes_the_iban_after_confirming_with_spid(client, spid_applied,
                                                                   providers):
    application, tenant = spid_applied
    spid_session(client, tenant, providers)
    url = reverse("energy:my_application", args=[application.call.code])

    page = client.get(url).content.decode()
    assert "first confirm that it is you with SPID or CIE" in page
    assert f'name="next" value="{url}#bank"' in page
    assert 'name="bank-password"' not in page and 'name="bank-iban"' not in page

    back = reauthenticate_with_spid(client, tenant.fiscal_code, f"{url}#bank")
    assert back["Location"] == f"{url}#bank"
    page = client.get(url).content.decode()
    assert 'name="bank-iban"' in page and 'name="bank-password"' not in page
    response = client.post(url, {"action": "change_iban", "bank-iban": NEW_IBAN,
                                 "bank-iban_holder": tenant.fiscal_code}, follow=True)

    assert "The bank account was changed." in response.content.decode()
    application.refresh_from_db()
    assert application.iban == NEW_IBAN
    event = iban_events(application).get()
    assert event.actor == tenant and event.changes["reauthenticated"] == "spid"


def test_without_confirming_the_spid_tenants_change_is_refused(client, spid_applied,
                                                               providers):
    application, tenant = spid_applied
    spid_session(client, tenant, providers)
    url = reverse("energy:my_application", args=[application.call.code])

    response = client.post(url, {"action": "change_iban", "bank-iban": NEW_IBAN,
                                 "bank-iban_holder": tenant.fiscal_code,
                                 "bank-password": "anything"})

    assert ("First confirm that it is you with SPID or CIE: your bank account was not changed."
            in response.content.decode())
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN
    assert not iban_events(application).exists()
    with pytest.raises(ValidationError) as refused:  # the one control, whoever calls it
        change(application, acting_user=tenant, password="", iban_holder=tenant.fiscal_code)
    assert "SPID or CIE" in str(refused.value)


def test_a_password_tenant_in_a_spid_session_may_use_either(client, providers, applied):
    application, tenant, partner = applied
    Member.objects.filter(fiscal_code=tenant.fiscal_code).update(fiscal_code=FISCAL_CODES[2])
    tenant.fiscal_code = FISCAL_CODES[2]
    tenant.save()
    spid_session(client, tenant, providers)
    url = reverse("energy:my_application", args=[application.call.code])

    page = client.get(url).content.decode()
    assert 'name="bank-password"' in page
    assert "Or, instead of your password, confirm with SPID or CIE:" in page

    reauthenticate_with_spid(client, tenant.fiscal_code, url)
    page = client.get(url).content.decode()
    assert 'name="bank-password"' not in page
    assert "Or, instead of your password" not in page
