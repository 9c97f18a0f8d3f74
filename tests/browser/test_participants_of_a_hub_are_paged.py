"""i11ind: a hub's participants are paged, 50 a page. San Siro's Community Manager opens the
hub's participants with missing data, 53 of them, sees the first 50 and "Pagina 1 di 2",
follows "Pagina successiva" to the last 3, with the filter kept when the list shows every
participant. axe-core finds no WCAG 2.1 AA violation, at 360 px and 1280 px, and nothing
scrolls sideways on the phone."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from casa.registry.models import Member
from casa.registry.signals import give_support

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
PEOPLE = 53


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"participants-paged-{name}-{width}")


def rows(page):
    return page.locator("main table tbody tr").count()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_hubs_participants_are_read_a_page_at_a_time(open_page, register, make_user, width):
    # A transactional test empties every table, the funded projects too: write them again.
    import_module("casa.participants.migrations.0002_funded_projects").create_projects(apps,
                                                                                       None)
    san_siro = register["hubs"]["san-siro"]
    for number in range(PEOPLE):
        member = Member.objects.create(
            household=register["households"]["H001"], fiscal_code=f"PGNPGN{number:05d}F205X",
            first_name="Persona", last_name=f"Numero{number}", birth_date=dt.date(1980, 1, 1),
            sex="F", relation="other", citizenship="IT")
        give_support(member=member, hub=san_siro, on=dt.date(2026, 3, 2),
                     source=f"browser:{number}", actor=None)
    manager = make_user("community_manager", hubs=[san_siro])
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, manager.email)

    page.goto("/staff/participants/hubs/san-siro/")
    assert rows(page) == 50
    assert "Pagina 1 di 2" in page.locator("nav.pagination-wrapper").inner_text()
    check(page, width, "first")
    with page.expect_navigation():
        page.get_by_role("link", name="Pagina successiva").click()
    assert rows(page) == PEOPLE - 50
    assert "Pagina 2 di 2" in page.locator("nav.pagination-wrapper").inner_text()
    check(page, width, "second")

    page.goto("/staff/participants/hubs/san-siro/?all=1")
    with page.expect_navigation():
        page.get_by_role("link", name="Pagina successiva").click()
    assert "all=1" in page.url and "page=2" in page.url
    assert rows(page) == PEOPLE - 50
