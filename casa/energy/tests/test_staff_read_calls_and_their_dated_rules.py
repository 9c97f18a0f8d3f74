"""The list of calls and a call's page: window in Italian time, budget, rules in force with
their legal reference and every dated value."""

import datetime as dt

from django.urls import reverse

from casa.energy.demo import DEMO_CALL_CODE, LEGAL_REFERENCE, create_demo_call
from casa.energy.services import call_parameter_set

from .backoffice import ON, login


def test_the_list_shows_code_season_window_status_and_budget(client, db, make_user):
    create_demo_call(today=ON)
    login(client, make_user("auditor"))

    html = client.get(reverse("energy:call_list")).content.decode()

    assert DEMO_CALL_CODE in html
    assert "2025-26" in html
    assert "from 10/11/2025 09:00 to 18/12/2025 12:00" in html
    assert "250,000.00\N{NO-BREAK SPACE}€" in html
    assert ">closed<" in html  # the demo call of 2025 is over today


def test_the_call_page_marks_the_value_in_force_and_keeps_the_history(client, db, make_user):
    call = create_demo_call(today=ON)
    call_parameter_set(call=call, name="isee_max", value="25000.00",
                       valid_from=dt.date(2026, 2, 23), legal_reference="DGR XII/1234",
                       confirm_past=True, acting_user="test")
    login(client, make_user("approver"))

    response = client.get(reverse("energy:call_detail", args=[DEMO_CALL_CODE]))

    html = response.content.decode()
    isee_max = next(h for h in response.context["histories"] if h["name"] == "isee_max")
    assert [(value.value, current) for value, _text, current, _future in isee_max["values"]] \
        == [("15000.00", False), ("25000.00", True)]
    assert isee_max["current_text"] == "25,000.00\N{NO-BREAK SPACE}€"
    assert "DGR XII/1234" in html
    assert LEGAL_REFERENCE in html
    assert "01/11/2025" in html and "23/02/2026" in html
    assert html.count(">in force<") == 9  # one current value per parameter
    # Staff who cannot change calls see no change buttons.
    assert reverse("energy:call_new") not in html
    assert reverse("energy:screening", args=[DEMO_CALL_CODE]) not in html


def test_a_programme_manager_gets_links_to_screening_what_if_and_changes(client, db,
                                                                         make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))

    html = client.get(reverse("energy:call_detail", args=[DEMO_CALL_CODE])).content.decode()

    for url in (reverse("energy:screening", args=[DEMO_CALL_CODE]),
                reverse("energy:what_if", args=[DEMO_CALL_CODE]),
                reverse("energy:parameter_new", args=[DEMO_CALL_CODE]),
                f"{reverse('energy:call_new')}?from={DEMO_CALL_CODE}"):
        assert f'href="{url}' in html


def test_staff_who_may_see_calls_get_the_navigation_link(client, db, make_user):
    login(client, make_user("community_manager"))
    assert f'href="{reverse("energy:call_list")}"' in client.get(
        reverse("core:privacy")).content.decode()
    login(client, make_user("care_staff"))
    assert f'href="{reverse("energy:call_list")}"' not in client.get(
        reverse("core:privacy")).content.decode()
