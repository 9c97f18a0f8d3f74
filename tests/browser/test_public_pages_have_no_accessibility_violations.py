"""axe-core finds no WCAG 2.1 A/AA violation on the public pages, in Italian and English."""

import pytest

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGES = ["/", "/privacy/", "/accessibility/", "/accounts/login/"]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_axe_violations(open_page, path, language):
    page = open_page(language, csp=False)
    page.goto(path)

    assert page.get_attribute("html", "lang") == language
    assert_no_axe_violations(page)


def test_public_page_has_no_axe_violations_on_a_phone(open_page):
    page = open_page("it", width=360, height=740, csp=False)
    page.goto("/")

    assert_no_axe_violations(page)
