"""Issue 12's journeys in Chromium: a tenant whose register language is Arabic logs in, reads
their home right to left and applies for the energy contribution, gets the receipt message in
Arabic and a receipt with an Arabic summary; a Spanish-speaking tenant books an appointment and
gets the reminder in Spanish. The main tenant pages in Arabic fit a 360 px phone and read from
the right.

The tenants never press a language button: the browser asks for Italian, and the language
comes from their household in the register."""

import datetime as dt
import os
import re
import struct
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone, translation

from casa.appointments.models import Appointment
from casa.appointments.reminders import send_due_reminders
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from casa.energy.tests.backoffice import give
from casa.energy.tests.pdf_text import pdf_fonts
from casa.notifications.models import Channel, Message
from conftest import FISCAL_CODES

from . import tenant_world
from .conftest import log_in

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def t(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def reads_right_to_left_on_a_phone(page, label):
    """The page is Arabic, right to left, fits 360 px, and is laid out from the right: its
    heading starts at the right edge, Aler Milano's name is right of the language menu. Its
    full-page screenshot is 360 px wide (kept in CASA_SCREENSHOTS when set)."""
    assert (page.get_attribute("html", "lang"), page.get_attribute("html", "dir")) == (
        "ar", "rtl"), label
    assert page.evaluate(OVERFLOW) <= 0, f"{label}: scrolls sideways"
    heading = page.locator("main h1").first.bounding_box()
    assert heading["x"] + heading["width"] > 360 - 32, f"{label}: heading not on the right"
    owner = page.locator(".casa-slim-owner").bounding_box()
    menu = page.locator(".casa-language-switch").bounding_box()
    assert owner["x"] > menu["x"], f"{label}: the header does not read from the right"
    folder = Path(os.environ.get("CASA_SCREENSHOTS") or tempfile.gettempdir())
    shot = folder / f"arabic-360-{label}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert struct.unpack(">II", shot.read_bytes()[16:24])[0] == 360, f"{label}: too wide"


def test_an_arabic_tenant_applies_right_to_left_and_gets_an_arabic_receipt(open_page, register,
                                                                          make_user, tmp_path):
    household = register["households"]["H001"]
    household.language = "ar"
    household.save()
    today = timezone.localdate()
    create_demo_call(today=today)
    give(household, isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("it", width=360, height=740, cookie=False)

    log_in(page, tenant.email)

    assert page.url.endswith("/my/home/")
    assert page.locator("main h1").inner_text() == t("ar", "My home")
    reads_right_to_left_on_a_phone(page, "home")

    page.goto(f"/energy/{DEMO_CALL_CODE}/")
    reads_right_to_left_on_a_phone(page, "energy-call")
    with page.expect_navigation():
        page.get_by_role("link", name=t("ar", "Apply now")).click()
    reads_right_to_left_on_a_phone(page, "energy-apply")
    for label in page.locator("label[for^=id_declarations_]").all():
        label.click()
    with page.expect_navigation():
        page.get_by_role("button", name=t("ar", "Continue: check the amount")).click()
    reads_right_to_left_on_a_phone(page, "energy-check")
    # The amount keeps its order inside Arabic text.
    assert "450,00\N{NO-BREAK SPACE}€" in page.inner_text("main")
    with page.expect_navigation():
        page.get_by_role("button", name=t("ar", "Submit the application")).click()
    reads_right_to_left_on_a_phone(page, "energy-submitted")

    # The receipt message, in Arabic, in the app and by e-mail.
    application = Application.objects.get()
    message = Message.objects.get(kind="energy.receipt", channel=Channel.APP)
    assert message.language == "ar" and ARABIC.search(message.subject)
    assert application.protocol in message.subject
    assert Message.objects.get(kind="energy.receipt", channel=Channel.EMAIL).language == "ar"
    page.goto(f"/my/messages/{message.pk}/")
    assert page.locator(".casa-message-body").get_attribute("dir") == "rtl"
    assert page.locator("main h1").inner_text() == message.subject

    # The receipt: the Italian text, then a summary in Arabic in the vendored font.
    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    with page.expect_download() as download:
        page.get_by_role("link", name=t("ar", "Download the receipt (PDF)")).click()
    saved = tmp_path / "receipt.pdf"
    download.value.save_as(saved)
    assert {"Noto-Sans-Arabic", "Titillium-Web"} <= pdf_fonts(saved.read_bytes())
    assert page.errors == []


def test_the_main_tenant_pages_in_arabic_fit_a_phone_and_read_from_the_right(
        open_page, register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(tenant_world.ROME_MONDAY_8, tick=True):
        world = tenant_world.add_reports(tenant_world.build(register, make_user), make_user)
        world.household.language = "ar"
        world.household.save()
        page = open_page("it", width=360, height=740, cookie=False)
        log_in(page, world.tenant.email)
        for label, path in (("hub", f"/hubs/{world.hub.code}/"),
                            ("appointments", "/my/appointments/"),
                            ("appointment", f"/my/appointments/{world.appointment.pk}/"),
                            ("book", "/my/appointments/new/?topic=bills"),
                            ("notices", "/my/notices/"), ("events", "/my/events/"),
                            ("reports", "/my/reports/"), ("report-new", "/my/reports/new/"),
                            ("report", f"/my/reports/{world.lift_report.pk}/"),
                            ("messages", "/my/messages/"), ("support", "/my/support/")):
            page.goto(path)
            reads_right_to_left_on_a_phone(page, label)
        # The header's menu opens to the left, inside the screen.
        page.click("form.casa-language-switch summary")
        menu = page.locator(".casa-language-list").bounding_box()
        assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 360
        assert page.errors == []


def test_a_spanish_tenant_books_an_appointment_and_gets_the_reminder_in_spanish(
        open_page, register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    household = register["households"]["H001"]
    household.language = "es"
    household.save()
    tenant_world.open_san_siro(register, make_user)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with time_machine.travel(tenant_world.ROME_MONDAY_8, tick=True):
        page = open_page("it", width=360, height=740, cookie=False)
        log_in(page, tenant.email)
        assert page.get_attribute("html", "lang") == "es"

        with page.expect_navigation():
            page.get_by_role("link", name=t("es", "Book an appointment")).first.click()
        with page.expect_navigation():
            page.get_by_role("link", name=t("es", "Bills and arrears")).click()
        with page.expect_navigation():  # the day's name in Spanish, the date as Spain writes it
            page.get_by_role("link", name="Miércoles 02/12/2026").click()
        with page.expect_navigation():
            page.get_by_role("link", name="9:30", exact=True).click()
        with page.expect_navigation():
            page.get_by_role("button", name=t("es", "Book")).click()
        assert Appointment.objects.count() == 1
        assert page.evaluate(OVERFLOW) <= 0

    # The day before, the scheduler's job sends the reminder: in Spanish.
    sent = send_due_reminders(dt.datetime(2026, 12, 1, 7, 0, tzinfo=tenant_world.ROME))
    assert sent == 1
    reminder = Message.objects.get(kind="appointments.reminder", channel=Channel.APP)
    assert reminder.language == "es"
    assert t("es", "Hello,") in reminder.body and t("es", "Hello,") != "Hello,"
    assert "Miércoles 02/12/2026" in reminder.body
    assert "9:30" in reminder.subject
