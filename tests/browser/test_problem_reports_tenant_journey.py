"""Problem reports as tenants use them (issue 10), on a 360 px phone and at 1280 px, without
JavaScript being needed: a tenant reports a leak in the stairwell from their home; a neighbour
of the same building starts a report of the same kind, is asked "is it one of these?" and
follows that one instead; the staff take it in charge, send it to maintenance and resolve it
(through the services: their pages are built elsewhere); the first tenant answers that it is
not fixed, first forgetting to say what is wrong, and it is open again. axe-core finds no WCAG
2.1 AA violation on any page of the way, and nothing scrolls sideways on the phone."""

import pytest

from casa.notifications.models import Message
from casa.reports.models import Follower, Report
from casa.reports.services import report_change_status
from conftest import FISCAL_CODES

from . import tenant_world
from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"reports-{name}-{width}")


def click(page, locator):
    with page.expect_navigation():
        locator.click()


def report_a_leak_in_the_stairwell(page, description, photo=None):
    page.get_by_role("radio", name="Perdita d'acqua").check(force=True)
    page.get_by_role("radio", name="La mia scala e il mio ingresso").check(force=True)
    page.get_by_label("Descrivi il problema").fill(description)
    if photo is not None:
        page.get_by_label("Foto (se puoi)").set_input_files(photo)
    click(page, page.get_by_role("button", name="Continua"))


def phone_photo_with_gps(folder):
    """A photo as a phone takes it: sideways, with its orientation, maker and GPS position."""
    from casa.core.tests.test_photos_are_checked_and_cleaned import (
        jpeg_bytes,
        phone_exif,
        sideways,
    )

    path = folder / "IMG_4032.jpg"
    path.write_bytes(jpeg_bytes(sideways((120, 60)), exif=phone_exif()))
    return path


@pytest.mark.parametrize("width", [360, 1280])
def test_a_leak_is_reported_followed_resolved_and_reopened(open_page, register, make_user,
                                                            width, tmp_path):
    tenant_world.report_categories()
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])  # H001, Via Zamagna 5
    neighbour = tenant_world.add_neighbour(register["households"]["H001"].unit.building,
                                           make_user)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    height = 800 if width == 360 else 900

    # The first tenant reports the leak from their home, in a few taps.
    page = open_page("it", width=width, height=height, csp=False)
    log_in(page, tenant.email)
    click(page, page.locator("#home-reports").get_by_role("link", name="Segnala un problema"))
    assert "Via Zamagna 5" in page.locator("#report-home").inner_text()
    check(page, width, "form")
    click(page, page.get_by_role("button", name="Continua"))  # nothing chosen yet
    assert "Scegli di che cosa si tratta." in page.locator("main").inner_text()
    check(page, width, "form-with-mistakes")
    assert Report.objects.count() == 0
    report_a_leak_in_the_stairwell(page, "Scende acqua dal soffitto delle scale, 3° piano.",
                                   photo=phone_photo_with_gps(tmp_path))
    report = Report.objects.get()
    assert (report.category.code, report.place, report.household.code) == (
        "water_leak", "entrance", "H001")
    # The photo is kept upright and without the GPS position (or any metadata) it came with.
    from casa.core.tests.test_photos_are_checked_and_cleaned import assert_no_metadata

    [photo] = report.photos.all()
    with photo.image.open("rb") as stored:
        assert_no_metadata(stored.read())
    assert (photo.width, photo.height) == (60, 120)
    assert page.locator("#report-photos img").count() == 1
    assert "Abbiamo ricevuto la tua segnalazione" in page.locator(".casa-messages").inner_text()
    assert page.locator("#report-status").get_attribute("data-status") == "new"
    check(page, width, "report-new")

    # The neighbour starts the same report, is shown it, and follows it instead.
    other = open_page("it", width=width, height=height, csp=False)
    log_in(other, neighbour.email)
    other.goto("/my/reports/")
    click(other, other.get_by_role("link", name="Segnala un problema").first)
    report_a_leak_in_the_stairwell(other, "Le scale sono bagnate.")
    assert other.get_by_role("heading", name="È una di queste?").is_visible()
    similar = other.locator(f"#similar-reports [data-report='{report.pk}']")
    assert "3° piano" not in similar.inner_text()  # never the other household's words
    check(other, width, "is-it-one-of-these")
    click(other, similar.get_by_role("button"))
    assert Report.objects.count() == 1
    assert Follower.objects.filter(report=report, user=neighbour).exists()
    assert other.get_by_role("button", name="Non seguire più").is_visible()
    assert "Scende acqua" not in other.locator("main").inner_text()  # the public form
    check(other, width, "followed")

    # The staff take it in charge, send it to maintenance and resolve it.
    for status in ("taken", "maintenance", "resolved"):
        report_change_status(report=report, status=status, acting_user=manager,
                             public_message="Riparato il tubo." if status == "resolved" else "")
    assert Message.objects.filter(kind="reports.resolved", channel="app",
                                  household__code__in=["H001", "H004"]).count() == 2

    # The first tenant is asked from their home whether it is really fixed: it is not.
    page.goto("/my/home/")
    click(page, page.locator("#home-reports").get_by_role("link",
                                                          name="È davvero risolto? Diccelo"))
    assert "Riparato il tubo." in page.locator("#report-history").inner_text()
    check(page, width, "is-it-fixed")
    page.get_by_role("radio", name="No, non è risolto").check(force=True)
    click(page, page.get_by_role("button", name="Invia la mia risposta"))
    assert "Di’ che cosa non va ancora." in page.locator("#is-it-fixed").inner_text()
    report.refresh_from_db()
    assert report.status == "resolved"
    check(page, width, "is-it-fixed-with-mistakes")
    page.get_by_label("Che cosa non va ancora?").fill("Gocciola ancora vicino alla finestra.")
    click(page, page.get_by_role("button", name="Invia la mia risposta"))
    report.refresh_from_db()
    assert report.status == "in_progress" and report.resolved_at is None
    assert page.locator("#report-status").get_attribute("data-status") == "in_progress"
    assert "di nuovo aperta" in page.locator(".casa-messages").inner_text()
    check(page, width, "reopened")
    # The neighbour reads the staff's messages, never the first tenant's words.
    other.goto(f"/my/reports/{report.pk}/")
    assert "Gocciola" not in other.locator("main").inner_text()
