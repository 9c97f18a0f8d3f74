"""The public pages and the layout: they render in Italian and English under the strict CSP,
the navigation follows the user's role, and no template carries inline scripts or styles."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casa.core.audit import audit_event

TEMPLATES_DIR = Path(settings.BASE_DIR) / "casa" / "templates"
PUBLIC_PAGES = ["portal:home", "core:privacy", "core:accessibility", "account_login"]


def get_in(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["it", "en"])
def test_each_public_page_renders_in_the_chosen_language_under_the_csp(client, name, language):
    response = get_in(client, reverse(name), language)

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="ltr">' in response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_the_layout_has_skip_links_footer_links_and_the_funding_line(client):
    html = get_in(client, reverse("portal:home"), "en").content.decode()

    assert 'href="#main"' in html and '<main id="main"' in html
    assert 'href="#navigation"' in html and 'id="navigation"' in html
    assert reverse("core:privacy") in html and reverse("core:accessibility") in html
    assert "FSE+ 2021-2027" in html
    assert 'rel="manifest"' in html
    assert "vendor/htmx/htmx.min.js" in html


@pytest.mark.django_db
def test_the_language_switch_is_a_plain_form_that_works_without_javascript(client):
    html = get_in(client, reverse("core:privacy"), "it").content.decode()
    assert f'action="{reverse("core:switch_language")}"' in html

    response = client.post(reverse("core:switch_language"),
                           {"language": "en", "next": reverse("core:privacy")})
    assert response.status_code == 302
    assert '<html lang="en" dir="ltr">' in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_wrong_password_shows_an_error_linked_to_the_fields(client, make_user):
    user = make_user("tenant")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert" id="form-errors"' in html
    # The form-wide error is a line of the summary that describes each field.
    assert '<li id="form-errors-1">' in html
    assert re.search(r'<input[^>]*name="login"[^>]*aria-describedby="[^"]*form-errors-1', html)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "sees", "does_not_see"), [
    ("community_manager", ["registry:household_search"], ["core:audit_trail", "portal:my_home"]),
    ("auditor", ["registry:household_search", "core:audit_trail"], ["portal:my_home"]),
    ("tenant", ["portal:my_home"], ["registry:household_search", "core:audit_trail"]),
])
def test_the_main_navigation_follows_the_role(client, make_user, role, sees, does_not_see):
    client.force_login(make_user(role))

    html = client.get(reverse("core:privacy")).content.decode()

    for name in sees:
        assert f'href="{reverse(name)}"' in html
    for name in does_not_see:
        assert f'href="{reverse(name)}"' not in html
    assert f'action="{reverse("account_logout")}"' in html


@pytest.mark.django_db
def test_the_audit_trail_lists_events_with_italian_dates_and_filters_by_household(client,
                                                                                 register,
                                                                                 make_user):
    at = timezone.make_aware(dt.datetime(2026, 11, 25, 9, 30))
    for subject, record in [("household:H001", "H001"), ("household:H002", "H002")]:
        event = audit_event(actor="import_registry", action="update",
                            target_type="registry.household", target_id=record,
                            subject=subject, changes={"rent_band": ["accesso", "protezione"]})
        event.at = at
        event.save()
    client.force_login(make_user("auditor"))

    html = client.get(reverse("core:audit_trail"), {"household": "H001"}).content.decode()

    assert "25/11/2026 09:30" in html
    assert ("import_registry ha aggiornato il nucleo familiare H001: "
            "fascia accesso → protezione") in html
    assert "nucleo familiare H002" not in html


def template_files():
    return sorted(TEMPLATES_DIR.rglob("*.html"))


def test_no_template_has_an_inline_script_or_a_style_attribute():
    inline_script = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    style_attribute = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
    offenders = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or style_attribute.search(text) or "<style" in text:
            offenders.append(str(path.relative_to(TEMPLATES_DIR)))
    assert template_files(), "no templates found"
    assert offenders == []


@pytest.mark.django_db
def test_a_missing_page_shows_the_casa_not_found_page(client, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert '<main id="main"' in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "<html lang=\"it\"" in html and "Qualcosa è andato storto" in html
