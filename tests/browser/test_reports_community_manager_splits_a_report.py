"""Problem reports, splitting (issue 10): a tenant reported the broken lift and the dark
entrance in one report, with a photo of each; a Community Manager opens it, first forgets the
description (the error is shown next to the field), then splits the light off with its photo,
lands on the new report, which says where it came from, and goes back to the original, whose
history links to the part. axe-core finds no WCAG 2.1 AA violation on any page of the way, at
360 px and 1280 px, and nothing scrolls sideways on the phone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from casa.core.tests.test_photos_are_checked_and_cleaned import jpeg_bytes
from casa.reports.models import Category, Report
from casa.reports.services import report_create
from conftest import FISCAL_CODES

from .conftest import log_in
from .test_reports_community_manager_works_the_queue import categories, check

pytestmark = pytest.mark.browser


def photo(name):
    return SimpleUploadedFile(name, jpeg_bytes(Image.new("RGB", (64, 48), "gray")),
                              content_type="image/jpeg")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_splits_a_report_about_two_problems(open_page, register,
                                                                make_user, width):
    categories()
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    report = report_create(category=Category.objects.get(code="lift"), place="entrance",
                           description="L'ascensore è fermo e la luce dell'ingresso è spenta.",
                           acting_user=tenant, photos=[photo("lift.jpg"), photo("light.jpg")])
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, manager.email)
    page.goto(f"/staff/reports/{report.pk}/")
    form = page.locator("#split-form")
    assert form.locator("img").count() == 2
    check(page, width, "split")

    form.get_by_label("Che cosa riguarda l'altro problema?").select_option(
        label="Elettricità e illuminazione")
    form.get_by_label("Dove si trova?").select_option(value="entrance")
    with page.expect_navigation():
        form.get_by_role("button", name="Dividi la segnalazione").click()
    page.wait_for_selector("#split-form .invalid-feedback")
    assert "Descrivi il problema" in page.locator("#split-form").inner_text()
    assert Report.objects.count() == 1
    check(page, width, "split-error")

    form = page.locator("#split-form")
    form.get_by_label("Descrizione dell'altro problema").fill("La luce dell'ingresso è spenta.")
    # Bootstrap Italia draws each checkbox on its label, which holds the thumbnail.
    form.locator("label[for='id_split-photos_1']").click()
    assert form.locator("#id_split-photos_1").is_checked()
    with page.expect_navigation():
        form.get_by_role("button", name="Dividi la segnalazione").click()
    part = Report.objects.get(split_from=report)
    assert page.url.endswith(f"/staff/reports/{part.pk}/")
    assert "Elettricità e illuminazione" in page.locator("h1").inner_text()
    assert report.reference in page.locator("#report-split-from").inner_text()
    assert part.photos.count() == 1
    check(page, width, "split-part")

    with page.expect_navigation():
        page.locator("#report-split-from a").click()
    history = page.locator("#report-history li[data-kind='split']")
    assert part.reference in history.inner_text()
    check(page, width, "split-original")
    assert page.errors == []
