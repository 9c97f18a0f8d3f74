"""Each filter of the audit trail's search lists exactly the events it should: the page of a
search shows those events and no others, so a filter that stopped filtering fails here."""

import pytest
from django.contrib.auth import get_user_model

from conftest import FISCAL_CODES

from .audit_helpers import listed, page, rome, write

APPLICATION = "CE-2025-26-000123"


@pytest.fixture
def trail(register, make_user):
    officer = make_user("benefit_officer", email="maria.rossi@example.invalid")
    get_user_model().objects.filter(pk=officer.pk).update(first_name="Maria", last_name="Rossi")
    manager = make_user("community_manager", email="cm@example.invalid")
    events = {
        "officer viewed H001": write(actor=officer, target_id="H001", at=rome(2026, 11, 2)),
        "officer viewed H002": write(actor=officer, target_id="H002", at=rome(2026, 11, 3)),
        "import updated a member of H001": write(
            action="update", target_type="registry.member", target_id=FISCAL_CODES[0],
            subject="household:H001", changes={"last_name": ["Rosi", "Rossi"]},
            at=rome(2026, 11, 4)),
        "import ended H003": write(action="end", target_id="H003",
                                   changes={"tenancy_end": ["", "2026-11-05"]},
                                   at=rome(2026, 11, 5)),
        "manager applied for H002": write(
            actor=manager, action="create", target_type="energy.application",
            target_id=APPLICATION, subject="household:H002", at=rome(2026, 11, 6)),
        "failed login": write(actor="anonymous", action="login_failed",
                              target_type="accounts.user", target_id="someone@example.invalid",
                              subject="", at=rome(2026, 11, 7)),
    }
    auditor = make_user("auditor")
    return {"events": events, "auditor": auditor, "officer": officer}


# Each search, and the events it must list (and only those). All of them are from November
# 2026, before the auditor's own login, which the date range leaves out.
NOVEMBER = {"date_from": "01/11/2026", "date_to": "10/11/2026"}
SEARCHES = [
    ({"record": APPLICATION}, ["manager applied for H002"]),
    ({"record": FISCAL_CODES[0]}, ["import updated a member of H001"]),
    ({"household": "H001"}, ["officer viewed H001", "import updated a member of H001"]),
    ({"household": "h002"}, ["officer viewed H002", "manager applied for H002"]),
    ({"person": FISCAL_CODES[1]}, ["officer viewed H002", "manager applied for H002"]),
    ({"person": "Verdi"}, ["import ended H003"]),
    ({"person": "mario verdi"}, ["import ended H003"]),
    ({"staff": "maria.rossi@example.invalid"}, ["officer viewed H001", "officer viewed H002"]),
    ({"staff": "Maria Rossi"}, ["officer viewed H001", "officer viewed H002"]),
    ({"staff": "rossi maria"}, ["officer viewed H001", "officer viewed H002"]),
    ({"staff": "import_registry"}, ["import updated a member of H001", "import ended H003"]),
    ({"action": "end"}, ["import ended H003"]),
    ({"action": "login_failed"}, ["failed login"]),
    ({"record_type": "registry.member"}, ["import updated a member of H001"]),
    ({"record_type": "registry.household", "action": "view"},
     ["officer viewed H001", "officer viewed H002"]),
    ({"date_from": "05/11/2026", "date_to": "06/11/2026"},
     ["import ended H003", "manager applied for H002"]),
    ({"household": "H002", "staff": "cm@example.invalid"}, ["manager applied for H002"]),
]


@pytest.mark.parametrize(("search", "expected"), SEARCHES,
                         ids=[" ".join(f"{k}={v}" for k, v in s.items()) for s, _ in SEARCHES])
def test_the_search_lists_exactly_the_matching_events(client, trail, search, expected):
    client.force_login(trail["auditor"])

    response = page(client, **{**NOVEMBER, **search})

    assert response.status_code == 200
    assert response.context["form"].errors == {}
    events = trail["events"]
    assert sorted(listed(response)) == sorted(events[name].pk for name in expected)


def test_without_filters_every_event_is_listed_newest_first(client, trail):
    client.force_login(trail["auditor"])

    response = page(client, **NOVEMBER)

    oldest_first = [event.pk for event in trail["events"].values()]
    assert listed(response) == oldest_first[::-1]


def test_the_record_type_list_names_the_types_in_the_trail_in_the_readers_language(
        client, trail):
    client.force_login(trail["auditor"])

    choices = dict(page(client).context["form"].fields["record_type"].choices)

    assert choices["registry.household"] == "Nucleo familiare"
    assert choices["registry.member"] == "Componente del nucleo"
    assert "registry.hub" not in choices  # no event is about a Spazio CASA


def test_results_are_paginated_and_the_filters_stay_on_every_page(client, trail, settings):
    settings.CASA_PAGE_SIZE = 1
    client.force_login(trail["auditor"])

    first = page(client, household="H001")
    second = page(client, household="H001", page=2)

    assert len(listed(first)) == len(listed(second)) == 1
    assert listed(first) != listed(second)
    assert "household=H001&amp;page=2" in first.content.decode()
