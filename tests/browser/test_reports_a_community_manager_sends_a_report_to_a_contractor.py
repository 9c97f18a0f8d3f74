"""Problem reports and contractors (issue 10): a Community Manager opens a report, sends it to
the lift contractor with instructions and its photo, sees it become "sent to maintenance",
then records the contractor's reference, answer and cost typed the Italian way, and reads the
total. axe-core finds no WCAG 2.1 AA violation at 360 px and 1280 px, nothing scrolls
sideways on the phone, and the e-mail left through the outbox with the photo."""

import pytest
from django.core import mail

from casa.reports.models import Category, Contractor, WorkOrder
from casa.reports.services import report_create
from casa.reports.tests.test_photos_go_with_the_report_to_who_may_see_it import phone_photo
from conftest import FISCAL_CODES

from .test_reports_community_manager_works_the_queue import categories, check

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_sends_a_report_to_a_contractor(open_page, register, make_user,
                                                            settings, width):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    categories()
    lift = Category.objects.get(code="lift")
    contractor = Contractor.objects.create(name="Ascensori Lombardi S.r.l.",
                                           email="ordini@ascensori.example.invalid")
    contractor.categories.add(lift)
    Contractor.objects.create(name="Idraulica Navigli", email="ordini@idraulica.example.invalid")
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    report = report_create(category=lift, place="entrance", description="Fermo al piano terra.",
                           acting_user=tenant, photos=[phone_photo()])
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    from .conftest import log_in

    log_in(page, manager.email)
    page.goto(f"/staff/reports/{report.pk}/")
    check(page, width, "contractor-before")

    form = page.locator("#contractor-form")
    form.get_by_label("Ditta", exact=True).select_option(
        label="Ascensori Lombardi S.r.l. · di solito per questo")
    form.get_by_label("Istruzioni per la ditta").fill("Codice impianto 12, chiavi in portineria.")
    with page.expect_navigation():
        form.get_by_role("button", name="Invia per e-mail").click()
    assert "Inviata a Ascensori Lombardi S.r.l." in page.locator(".alert-success").inner_text()
    assert "Inviata alla manutenzione" in page.locator("#report-status").inner_text()
    order = WorkOrder.objects.get()
    [email] = [sent for sent in mail.outbox if sent.to == [contractor.email]]
    assert order.reference in email.subject and len(email.attachments) == 1

    card = page.locator(f"#work-order-{order.pk}")
    card.locator("summary").click()
    card.get_by_label("Loro riferimento", exact=True).fill("TK-881")
    card.get_by_label("Loro risposta", exact=True).fill("Tecnico martedì mattina.")
    card.get_by_label("Costo (€)").fill("1.234,56")
    card.get_by_label("Fattura o preventivo").fill("Fatt. 77/2026")
    check(page, width, "contractor-record")
    with page.expect_navigation():
        card.get_by_role("button", name="Salva").click()
    assert "1.234,56" in page.locator("#work-orders-total").inner_text()
    assert "TK-881" in page.locator(f"#work-order-{order.pk}").inner_text()
    check(page, width, "contractor-after")
    assert page.errors == []
