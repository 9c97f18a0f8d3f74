"""The OpenAPI document declares exactly the answers each API operation gives: every operation
is asked as it would be by a visitor, a user without the capability, a user outside whose scope
the record is, and with parameters it cannot read; the status codes seen must be the ones
declared (no more, no fewer), and each body must fit the schema declared for its status."""

import pytest
from django.urls import reverse

from conftest import FISCAL_CODES
from tests.test_access_matrix import notices_and_events  # noqa: F401  (a fixture, by name)

ANONYMOUS = "anonymous"

# operationId -> the requests that make it give each of its answers:
# (who, path parameters, query parameters).
PROBES = {
    "casa_registry_api_household_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {"q": "Rossi"}),
        ("benefit_officer", {}, {"page": "2", "ended": "true", "hub": "x", "band": "y"}),
        ("benefit_officer", {}, {"page": "first"}),
        ("benefit_officer", {}, {"ended": "maybe"}),
        ("tenant", {}, {"page": "first"}),
        (ANONYMOUS, {}, {"q": "Ros\x00si"}),  # a control character: refused before the view
    ],
    "casa_registry_api_household_detail": [
        (ANONYMOUS, {"code": "H001"}, {}),
        ("tenant", {"code": "H001"}, {}),
        ("community_manager", {"code": "H001"}, {}),
        ("community_manager", {"code": "H002"}, {}),  # outside their hub
        ("benefit_officer", {"code": "NO-SUCH-HOUSEHOLD"}, {}),
        ("benefit_officer", {"code": "H001"}, {"page": "first"}),  # unknown: ignored
        ("benefit_officer", {"code": "H00\x1b1"}, {}),
    ],
    "casa_registry_api_me": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("admin", {}, {"x": "y"}),
        ("tenant", {}, {"x": "\x7f"}),
    ],
    # Issue 9 (the fixture notices_and_events: notice 901 is the tenant's, 902 another hub's;
    # event 901 is upcoming, 903 has started).
    "casa_notices_api_notice_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("tenant", {}, {"x": "\x00"}),
    ],
    "casa_notices_api_notice_detail": [
        (ANONYMOUS, {"notice_id": 901}, {}),
        ("tenant", {"notice_id": 901}, {}),
        ("tenant", {"notice_id": 902}, {}),
        ("admin", {"notice_id": 901}, {}),
        ("tenant", {"notice_id": "first"}, {}),
    ],
    "casa_events_api_event_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("tenant", {}, {"x": "\x1b"}),
    ],
    "casa_events_api_event_detail": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {}),
        ("tenant", {"event_id": 999999}, {}),
        ("community_manager", {"event_id": 901}, {}),
        ("tenant", {"event_id": "first"}, {}),
    ],
    "casa_events_api_event_register": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {"people": "2"}),
        ("admin", {"event_id": 901}, {}),
        ("tenant", {"event_id": 999999}, {}),
        ("tenant", {"event_id": 903}, {}),  # started: refused with the reason
        ("tenant", {"event_id": 901}, {"people": "many"}),
    ],
    "casa_events_api_event_cancel_registration": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("admin", {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {}),  # registered just above: cancelled
        ("tenant", {"event_id": 901}, {}),  # not registered any more
        ("tenant", {"event_id": "90\x1b1"}, {}),
    ],
    "casa_portal_api_my_home": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("homeless_tenant", {}, {}),  # an account linked to no current household
        ("tenant", {}, {"x": "\x00"}),
    ],
}


def operations(schema):
    """operationId -> (method, path template, declared responses)."""
    return {operation["operationId"]: (method, path, operation["responses"])
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()}


def fits(value, schema, components):
    """Whether a JSON value fits a JSON schema, for the parts ninja's schemas use."""
    if "$ref" in schema:
        return fits(value, components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return any(fits(value, option, components) for option in schema["anyOf"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return (isinstance(value, dict)
                and all(name in value for name in schema.get("required", []))
                and all(fits(value[name], properties[name], components)
                        for name in value if name in properties))
    if kind == "array":
        return isinstance(value, list) and all(
            fits(item, schema.get("items", {}), components) for item in value)
    checks = {"string": lambda v: isinstance(v, str),
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
              "boolean": lambda v: isinstance(v, bool),
              "null": lambda v: v is None}
    return checks[kind](value) if kind else True


@pytest.fixture
def started_event(notices_and_events):  # noqa: F811
    """Event 903 at San Siro, started an hour ago."""
    import datetime as dt

    from django.utils import timezone

    from casa.events.models import Event
    from casa.registry.models import Hub

    start = timezone.now() - dt.timedelta(hours=1)
    Event.objects.create(pk=903, hub=Hub.objects.get(code="san-siro"), title="Started",
                         starts_at=start, ends_at=start + dt.timedelta(hours=2), place="Sala",
                         capacity=5, created_by=Event.objects.get(pk=901).created_by)


@pytest.fixture
def users(register, make_user):
    return {
        "tenant": make_user("tenant", fiscal_code=FISCAL_CODES[0]),
        "homeless_tenant": make_user("tenant", fiscal_code=FISCAL_CODES[3]),
        "care_staff": make_user("care_staff", hubs=[register["hubs"]["san-siro"]]),
        "community_manager": make_user("community_manager",
                                       hubs=[register["hubs"]["san-siro"]]),
        "benefit_officer": make_user("benefit_officer"),
        "admin": make_user("admin"),
    }


def test_every_operation_gives_exactly_the_answers_it_declares(client, users, started_event):
    schema = client.get(reverse("api:openapi-json")).json()
    declared_operations = operations(schema)
    assert set(PROBES) == set(declared_operations), "every operation needs its probes here"

    mismatches = []
    for operation_id, probes in PROBES.items():
        method, template, declared = declared_operations[operation_id]
        seen = set()
        for who, path_params, query in probes:
            client.logout()
            if who != ANONYMOUS:
                client.force_login(users[who])
            response = getattr(client, method)(template.format(**path_params), query)
            status = str(response.status_code)
            seen.add(status)
            content = declared.get(status, {}).get("content", {}).get("application/json")
            if content and not fits(response.json(), content["schema"],
                                    schema["components"]["schemas"]):
                mismatches.append(f"{operation_id} {status}: body does not fit: "
                                  f"{response.content[:200]}")
        if seen != set(declared):
            mismatches.append(f"{operation_id}: declares {sorted(declared)}, "
                              f"answers {sorted(seen)}")
    assert mismatches == []


def test_every_refusal_is_described_with_its_body(client, db):
    schema = client.get(reverse("api:openapi-json")).json()

    undescribed = [f"{operation_id} {status}"
                   for operation_id, (_, _, declared) in operations(schema).items()
                   for status in declared
                   if status != "200" and "application/json" not in declared[status].get(
                       "content", {})]
    assert undescribed == []
