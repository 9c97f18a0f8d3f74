"""The JSON API: same permissions and scope as the pages, session authentication."""

import pytest

from casa.core.models import AuditAction, AuditEvent
from conftest import FISCAL_CODES


@pytest.fixture
def manager(make_user, register):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


def test_anonymous_callers_get_401(client, register):
    assert client.get("/api/v1/households").status_code == 401
    assert client.get("/api/v1/households/H001").status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_a_tenant_gets_403_on_the_staff_endpoints(client, register, make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    assert client.get("/api/v1/households").status_code == 403
    assert client.get("/api/v1/households/H001").status_code == 403


def test_the_search_finds_by_name_within_the_callers_scope(client, register, make_user):
    client.force_login(make_user("programme_manager"))
    body = client.get("/api/v1/households", {"q": "bianchi"}).json()
    assert body["count"] == 1
    assert body["results"][0]["code"] == "H002"
    assert body["results"][0]["head_of_household"] == "Bianchi Mario"
    assert body["results"][0]["hub"] == {"code": "lorenteggio", "name": "Lorenteggio"}


def test_a_community_manager_never_gets_households_outside_their_hubs(client, manager):
    client.force_login(manager)
    body = client.get("/api/v1/households").json()
    assert [row["code"] for row in body["results"]] == ["H001"]
    assert client.get("/api/v1/households", {"q": "H002"}).json()["count"] == 0
    assert client.get("/api/v1/households/H002").status_code == 404
    assert client.get("/api/v1/households/H001").status_code == 200


def test_reading_a_household_through_the_api_is_in_the_audit_trail(client, manager):
    client.force_login(manager)
    body = client.get("/api/v1/households/H001").json()
    assert body["members"][0]["fiscal_code"] == FISCAL_CODES[0]
    assert body["unit"]["address"] == "Via Zamagna 5"
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, subject="household:H001",
                                     actor=manager).count() == 1


def test_me_tells_a_tenant_their_household_and_staff_their_hubs(client, manager, make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[1]))
    assert client.get("/api/v1/me").json()["household_code"] == "H002"
    client.force_login(manager)
    body = client.get("/api/v1/me").json()
    assert body["role"] == "community_manager"
    assert body["hubs"] == [{"code": "san-siro", "name": "San Siro"}]
    assert body["household_code"] is None


def test_the_openapi_schema_is_published(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "CASA API"
    assert "/api/v1/households/{code}" in schema["paths"]
