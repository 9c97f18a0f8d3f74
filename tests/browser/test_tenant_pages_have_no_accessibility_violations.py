"""Every page a tenant can reach, opened as a logged-in tenant with real data behind it (a booked
appointment, a notice, events, an energy application, messages), has no axe-core WCAG 2.1 A/AA
violation at 360 px, nor at 1280 px, and nothing scrolls sideways on the phone.

Which pages a tenant reaches is not typed here: it is read from the access matrix's table
(tests/test_access_matrix.py, the URLs where a tenant is let in) and from the URL conf (allauth's
account pages). A tenant page added later without being opened here makes this test fail."""

import json
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.test.signals import template_rendered
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.utils import translation

from casa.appointments.models import Appointment
from casa.appointments.services import appointment_book
from casa.core.access_matrix import HIDDEN, OK, walk
from casa.energy.decisions import application_request_information
from casa.energy.models import Application
from casa.notifications.models import Channel, Message
from tests.test_access_matrix import EXPECTED_PAGES
from tests.test_translations import ITALIAN_ONLY, is_tenant_side

from . import tenant_world
from .conftest import AXE_JS, AXE_TAGS, PASSWORD, axe_violations, log_in

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent

# WCAG 2.1 A and AA, and more for the tenant's pages: axe-core's best practices hold the
# landmarks, the order of headings and a level-one heading on every page, and WCAG 2.2 AA
# the size of what one taps (24 px at least).
TAGS = [*AXE_TAGS, "best-practice", "wcag22aa"]
HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# What a tenant reaches that is a file, not a page: nothing for axe-core to read.
FILES = {
    "core:service_worker": "the service worker's script",
    "energy:my_receipt": "the application's PDF receipt",
    "energy:decision_letter": "the decision's PDF letter",
    "energy:attachment": "a document sent with an application",
    "notices:attachment": "a notice's attachment",
    "report_photos:photo": "a problem report's photo",
    "appointments:my_appointment_calendar": "the appointment's calendar file (.ics)",
    "spid:metadata": "CASA's SPID metadata (XML, for identity providers)",
    "spid:cie_metadata": "CASA's CIE ID metadata (XML)",
}


def allauth_url_names():
    """The account pages allauth serves (login, password, e-mail, two-factor), by the URL conf:
    outside CASA's access matrix, and open to any logged-in user, tenants included."""
    return {name for name, callback, _ in walk(get_resolver().url_patterns)
            if name and callback.__module__.startswith("allauth.")}


def tenant_url_names():
    """CASA's URLs that let a tenant in, by the access matrix: the tenant gets the page, or a
    "not found" only because the matrix's sample object is not theirs (others are refused,
    so the page exists for tenants); and allauth's account pages."""
    names = set()
    for (name, _), outcomes in EXPECTED_PAGES.items():
        others = {outcome for role, outcome in outcomes.items() if role != "tenant"}
        if outcomes["tenant"] == OK or (outcomes["tenant"] == HIDDEN and others != {HIDDEN}):
            names.add(name)
    return names | allauth_url_names()


class Sweep:
    """Opens pages as the tenant on a phone and keeps, per page and width, axe-core's
    violations, and whether the page scrolls sideways on the phone; remembers which URL names
    it opened. Each page is checked at 360 px, then widened to 1280 px and checked again (the
    layout is CSS only: the same as loading it that wide, without loading every page twice)."""

    PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}

    def __init__(self, page, language="it", widths=None):
        self.page = page
        self.language = language
        self.widths = widths or (self.PHONE, self.DESKTOP)
        # axe-core in every page as it loads: faster than adding it to each page afterwards.
        page.context.add_init_script(path=str(AXE_JS))
        self.opened, self.violations, self.too_wide = set(), {}, []

    def t(self, msgid):
        """`msgid` as the page shows it, in the sweep's language (buttons, labels)."""
        with translation.override(self.language):
            return translation.gettext(msgid)

    def open(self, path, *, status=200):
        response = self.page.goto(path)
        assert response.status == status, f"{path}: {response.status}, not {status}"
        with suppress(Resolver404):  # else a page that does not exist: the 404 page
            self.opened.add(resolve(urlsplit(path).path).view_name)
        self.check(path)

    def check(self, label, *, widths=None):
        for size in widths or self.widths:
            self.page.set_viewport_size(size)
            problems = axe_violations(self.page, TAGS)
            if problems:
                self.violations[f"{label} at {size['width']} px"] = problems
            if size is self.PHONE and self.page.evaluate(HORIZONTAL_OVERFLOW) > 0:
                self.too_wide.append(label)
        self.page.set_viewport_size(self.PHONE)

    def submit(self, button, label):
        """Press the button (its name, or a selector) and check the page that comes back."""
        found = (self.page.locator(button) if button.startswith("main ")
                 else self.page.get_by_role("button", name=button))
        with self.page.expect_navigation():
            found.click()
        self.check(label)


def go_through_every_tenant_page(sweep, world):
    page = sweep.page
    url = reverse

    # Home, the Spazi CASA, the site's own pages.
    sweep.open("/")  # sent on to my home
    sweep.open(url("portal:my_home"))
    page.get_by_role("button", name=sweep.t("Show or hide the navigation")).click()
    page.locator("#casa-nav.expanded").wait_for()
    sweep.check("the menu, open on a phone", widths=[Sweep.PHONE])
    page.keyboard.press("Escape")
    sweep.open(url("hubs:hub_list"))
    sweep.open(url("hubs:hub_page", args=[world.hub.code]))
    sweep.open(url("hubs:hub_page", args=["lorenteggio"]))
    for name in ("core:privacy", "core:accessibility", "core:offline", "core:switch_language",
                 "core:switch_language_get_form"):
        sweep.open(url(name))

    # Appointments: the booked one, each step of booking and of moving, a wrong topic.
    appointment = world.appointment
    sweep.open(url("appointments:my_appointments"))
    sweep.open(url("appointments:my_appointment", args=[appointment.pk]))
    book = url("appointments:book")
    day = tenant_world.FREE_DAY.isoformat()
    for query in ("", "?topic=bills", f"?topic=bills&day={day}",
                  f"?topic=bills&day={day}&time=09:30", "?topic=nonsense",
                  "?topic=bills&day=not-a-day"):
        sweep.open(book + query)
    # The time is taken while the tenant writes their note: refused, back to the times.
    sweep.open(book + f"?topic=bills&day={day}&time=09:30")
    appointment_book(household=world.household, hub=world.hub, topic="bills",
                     starts_at=tenant_world.at(tenant_world.FREE_DAY, "9:30"),
                     acting_user=world.tenant)
    page.get_by_label(sweep.t("Note")).fill("Ho ricevuto un sollecito")
    sweep.submit(sweep.t("Book"), "book: the time was taken meanwhile")
    assert sweep.t("This time is no longer free: please choose another.") in (
        page.locator(".casa-messages").inner_text())
    move = url("appointments:my_appointment_move", args=[appointment.pk])
    for query in ("", f"?day={day}", f"?day={day}&time=11:00"):
        sweep.open(move + query)
    sweep.open(url("appointments:my_appointment_cancel", args=[appointment.pk]))  # back to it

    # Call me back (issue 11, i11cb): the list, the form sent with a wrong number, then sent;
    # the open request; cancelling's GET leads back.
    sweep.open(url("appointments:my_callbacks"))
    sweep.open(url("appointments:callback_new"))
    page.get_by_label(sweep.t("Phone number to call")).fill("12")
    sweep.submit(sweep.t("Ask to be called back"), "call me back: a wrong number")
    page.get_by_label(sweep.t("Phone number to call")).fill("02 1234 5678")
    sweep.submit(sweep.t("Ask to be called back"), "call me back: sent")
    callback = world.household.callbacks.get()
    sweep.open(url("appointments:my_callback_cancel", args=[callback.pk]))

    # Messages (the booking's), notices, events.
    sweep.open(url("notifications:inbox"))
    message = Message.objects.filter(channel=Channel.APP, household=world.household).first()
    sweep.open(url("notifications:message_detail", args=[message.pk]))
    sweep.open(url("notices:my_notices"))
    sweep.open(url("notices:my_notice", args=[world.notice.pk]))
    sweep.open(url("notices:my_notices"))  # now read
    sweep.open(url("events:my_events"))
    for event in (world.registered_event, world.open_event, world.elsewhere_event):
        sweep.open(url("events:my_event", args=[event.pk]))
    sweep.open(url("events:register", args=[world.open_event.pk]))  # a GET leads back
    sweep.open(url("events:cancel_mine", args=[world.registered_event.pk]))

    # Problem reports (issue 10): the list, reporting with mistakes, "is it one of these?" and
    # back to the form, the tenant's own resolved report ("is it really fixed?", answered with
    # a mistake) and a neighbour's in public form; the actions' GETs lead back.
    sweep.open(url("reports:my_reports"))
    sweep.open(url("reports:new"))
    sweep.submit(sweep.t("Continue"), "report a problem: sent with mistakes")
    page.locator("label[for=id_category_2]").click()  # a water leak
    page.locator("label[for=id_place_1]").click()  # the entrance and stairs
    page.get_by_label(sweep.t("Describe the problem")).fill("Perde acqua dalle scale.")
    sweep.submit(sweep.t("Continue"), "report a problem: is it one of these?")
    sweep.submit(sweep.t("Change what I wrote"), "report a problem: back to what was typed")
    lift, leak = world.lift_report, world.leak_report
    sweep.open(url("reports:my_report", args=[lift.pk]))
    page.locator("label[for=id_fixed_1]").click()  # not fixed, without saying what is wrong
    sweep.submit(sweep.t("Send my answer"), "is it really fixed: sent with mistakes")
    sweep.open(url("reports:my_report", args=[leak.pk]))
    for name in ("reports:follow", "reports:unfollow", "reports:answer_fixed"):
        sweep.open(url(name, args=[leak.pk]))

    # Support from the Community Manager (issue 11): the plan's actions and the referrals that
    # concern the tenant (none yet for this household: the page says so).
    sweep.open(url("casework:my_support"))

    # The energy contribution: the call, the form, its check, the application, and the
    # application once an officer asks for information (the answer and bank forms).
    code = world.call.code
    sweep.open(url("energy:tenant_call", args=[code]))
    sweep.open(url("energy:apply", args=[code]))
    sweep.submit(sweep.t("Continue: check the amount"), "apply: sent with mistakes")
    for label in page.locator("label[for^=id_declarations_]").all():
        label.click()
    sweep.submit(sweep.t("Continue: check the amount"), "apply: the amount to check")
    sweep.submit(sweep.t("Submit the application"), "apply: submitted")
    sweep.open(url("energy:my_application", args=[code]))
    sweep.open(url("energy:appeal_new", args=[code]))  # a GET leads back to the application
    application_request_information(application=Application.objects.get(),
                                    message="Mandaci l'ISEE aggiornato.",
                                    acting_user=world.officer)
    sweep.open(url("energy:my_application", args=[code]))

    # The account: every allauth page but the reset link (last, below); those that do not
    # apply to a logged-in tenant lead elsewhere (login, sign-up, a code not asked for) or are
    # not found (two-factor codes they never set up). Then a password change with mistakes,
    # and changing the e-mail up to the code sent to the new address.
    not_found = {"mfa_deactivate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes"}
    for name in sorted(allauth_url_names() - {"account_reset_password_from_key"}):
        sweep.open(url(name), status=404 if name in not_found else 200)
    # Issue 13 (reauth): allauth's re-authentication page, routed through CASA's view.
    sweep.open(url("account_reauthenticate"))
    sweep.open(url("account_change_password"))
    page.fill("#id_oldpassword", "not-my-password")
    page.fill("#id_password1", "una-password-nuova-1")
    page.fill("#id_password2", "una-password-diversa-2")
    sweep.submit("main button[type=submit]", "password: sent with mistakes")
    sweep.open(url("account_email"))
    page.fill("#id_email", "mario.nuovo@example.invalid")
    with page.expect_navigation():
        page.locator("main button[name=action_add]").click()
    if "/reauthenticate/" in page.url:
        sweep.check("account: reauthenticate")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
    assert urlsplit(page.url).path == url("account_email_verification_sent"), page.url
    sweep.check("account: the code sent to the new address")

    # The error pages as a tenant sees them.
    sweep.open(url("notices:staff_list"), status=403)
    sweep.open(url("notices:my_notice", args=[world.other_notice.pk]), status=404)
    sweep.open(url("appointments:my_appointment", args=[999999]), status=404)
    sweep.open(url("reports:my_report", args=[999999]), status=404)
    sweep.open("/no-such-page/", status=404)

    # Last, the link of a password reset e-mail (it opens whoever is logged in).
    sweep.open(url("account_reset_password_from_key", kwargs={
        "uidb36": user_pk_to_url_str(world.tenant),
        "key": default_token_generator.make_token(world.tenant)}))


# Chinese is swept on the phone only: its pages are laid out as the Italian ones, which are
# checked at both widths, and the sweep is the longest test of CI (docs/decisions.md, "CI under
# 20 minutes"). Arabic, right to left, is checked at both.
WIDTHS = {"it": (Sweep.PHONE, Sweep.DESKTOP), "ar": (Sweep.PHONE, Sweep.DESKTOP),
          "zh-hans": (Sweep.PHONE,)}


@pytest.mark.parametrize("language", ["it", "ar", "zh-hans"])
def test_every_tenant_page_has_no_axe_violations_at_360_and_1280_px(open_page, register,
                                                                    make_user, settings,
                                                                    language):
    """In Italian, and in the two languages that test the layout most (issue 12): Arabic, right
    to left, and Chinese (on the phone). The tenant reads their household's register
    language."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the browser's clock is not travelling
    templates = set()

    def rendered(sender, template, context, **kwargs):
        templates.add(template.origin.name)

    template_rendered.connect(rendered)
    try:
        with time_machine.travel(tenant_world.ROME_MONDAY_8, tick=True):
            world = tenant_world.add_reports(tenant_world.build(register, make_user),
                                             make_user)
            world.household.language = language
            world.household.save()
            page = open_page(language, width=360, height=740, csp=False, cookie=False)
            log_in(page, world.tenant.email)
            assert page.get_attribute("html", "lang") == language
            sweep = Sweep(page, language, widths=WIDTHS[language])

            go_through_every_tenant_page(sweep, world)
    finally:
        template_rendered.disconnect(rendered)

    assert Appointment.objects.count() == 2  # the sweep only looked (and took 9:30)
    assert sweep.violations == {}, json.dumps(sweep.violations, indent=2, ensure_ascii=False)
    assert sweep.too_wide == []
    missing = tenant_url_names() - sweep.opened - set(FILES)
    assert missing == set(), f"tenant pages not opened here: {sorted(missing)}"
    assert set(FILES) <= tenant_url_names(), "FILES names a URL tenants no longer reach"
    # The 403 and 404 pages are logged as resources that failed to load, and nothing else.
    assert [error for error in page.errors if "status of 40" not in error] == []
    # Every template of CASA's that a tenant's page rendered is one whose messages must be
    # translated in every tenant language (tests/test_translations.py's TENANT_SOURCES).
    ours = sorted(str(Path(name).relative_to(ROOT)) for name in templates
                  if Path(name).is_relative_to(ROOT / "casa"))
    assert ours and [name for name in ours
                     if not is_tenant_side(name) and name not in ITALIAN_ONLY] == []
