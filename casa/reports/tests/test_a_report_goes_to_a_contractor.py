"""Maintenance is done by contractors outside CASA: staff send an open report to one by
e-mail, through the outbox, with its details and photos (and the household's contact only when
they choose to), and record the contractor's reference, answer and costs. Every step is in
the report's staff-only history and the audit trail; the reporter is told only that the report
went to maintenance."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.notifications.models import Message
from casa.reports import services
from casa.reports.models import Contractor, Photo, Update, WorkOrder
from casa.reports.rules import Status, send_moves_to

from .test_photos_go_with_the_report_to_who_may_see_it import phone_photo

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def lifts(lift):
    contractor = Contractor.objects.create(name="Ascensori Lombardi S.r.l.",
                                           email="ordini@ascensori.example.invalid",
                                           phone="02 0000001")
    contractor.categories.add(lift)
    return contractor


@pytest.fixture
def report(tenant, lift):
    return services.report_create(category=lift, place="entrance",
                                  description="L'ascensore è fermo al piano terra.",
                                  acting_user=tenant, photos=[phone_photo(), phone_photo("b.jpg")])


@pytest.fixture
def leak(register, manager):
    from casa.reports.models import Category

    return services.report_create(category=Category.objects.get(code="water_leak"),
                                  place="flat", description="Perdita sotto il lavello.",
                                  acting_user=manager, household=register["households"]["H001"])


def send(report, contractor, user, **kwargs):
    return services.report_send_to_contractor(report=report, contractor=contractor,
                                              acting_user=user, **kwargs)


def test_the_contractor_gets_an_e_mail_with_the_details_and_the_photos(
        settings, report, lifts, manager, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        order = send(report, lifts, manager, instructions="Intervento entro oggi.")

    [email] = [sent for sent in mail.outbox if sent.to == [lifts.email]]
    assert order.reference in email.subject and "Ascensore" in email.subject
    assert "L'ascensore è fermo al piano terra." in email.body
    assert "Intervento entro oggi." in email.body
    assert report.building.address in email.body
    assert email.extra_headers["Content-Language"] == "it"
    # The stored photos, as CASA keeps them (no metadata): the same bytes.
    photos = list(Photo.objects.filter(report=report))
    assert [content for _name, content, _type in email.attachments] == [
        photo.image.open("rb").read() for photo in photos]
    assert [name for name, _content, _type in email.attachments] == [
        f"{report.reference}-1.jpg", f"{report.reference}-2.jpg"]
    # The household's contact was not asked for: not in the e-mail.
    assert "Contatto" not in email.body and "Tessa" not in email.body


def test_the_photos_stay_behind_when_staff_say_so(settings, report, lifts, manager,
                                                  django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        send(report, lifts, manager, with_photos=False)
    [email] = [sent for sent in mail.outbox if sent.to == [lifts.email]]
    assert email.attachments == []


def test_the_households_contact_goes_only_when_chosen_and_is_audited(leak, lifts, manager,
                                                                    register):
    household = register["households"]["H001"]
    head = household.members.current().order_by("relation", "id").first()
    send(leak, lifts, manager)
    send(leak, lifts, manager, with_contact=True)
    without, with_contact = Message.objects.filter(address=lifts.email).order_by("id")
    assert "Dove: Alloggio, scala A, alloggio U-H001" in without.body  # not "il mio alloggio"
    assert head.last_name not in without.body
    assert f"{head.first_name} {head.last_name}" in with_contact.body
    notes = list(AuditEvent.objects.filter(target_type="reports.workorder",
                                           action="create").order_by("id").values_list(
        "note", "subject"))
    assert notes == [(f"to {lifts.email}, 0 photo(s)", "household:H001"),
                     (f"to {lifts.email}, 0 photo(s), with the household's contact",
                      "household:H001")]


def test_no_contact_to_give_for_a_report_from_the_rounds(report, lifts, manager):
    rounds = services.report_create(category=report.category, place="courtyard",
                                    description="Cancello rotto.", acting_user=manager,
                                    building=report.building)
    with pytest.raises(ValidationError) as error:
        send(rounds, lifts, manager, with_contact=True)
    assert "with_contact" in error.value.message_dict
    assert not WorkOrder.objects.exists()


def test_a_new_report_goes_to_maintenance_and_the_reporter_is_told_no_more(report, lifts,
                                                                          manager):
    order = send(report, lifts, manager, instructions="Codice impianto 12.")
    report.refresh_from_db()
    assert report.status == Status.MAINTENANCE
    kinds = list(report.updates.values_list("kind", "to_status"))
    assert kinds == [("created", "new"), ("contractor", ""), ("status", "maintenance")]
    contractor_entry = report.updates.get(kind="contractor")
    assert not contractor_entry.is_public
    assert lifts.name in contractor_entry.internal_note
    assert order.reference in contractor_entry.internal_note
    # The reporter's household: told of the status, never of the contractor or instructions.
    told = Message.objects.filter(household=report.household, kind="reports.updated")
    assert told.exists()
    assert all(lifts.name not in message.body and "Codice impianto" not in message.body
               for message in told)


def test_a_report_being_fixed_stays_as_it_is(report, lifts, manager):
    services.report_change_status(report=report, status=Status.IN_PROGRESS,
                                  acting_user=manager)
    send(report, lifts, manager)
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS


@pytest.mark.parametrize("status, moves_to", [
    (Status.NEW, Status.MAINTENANCE), (Status.TAKEN, Status.MAINTENANCE),
    (Status.MAINTENANCE, None), (Status.IN_PROGRESS, None), (Status.WAITING, None)])
def test_which_statuses_move_to_maintenance(status, moves_to):
    assert send_moves_to(status) == moves_to


def test_only_an_open_report_is_sent(report, lifts, manager):
    services.report_change_status(report=report, status=Status.REJECTED, acting_user=manager,
                                  reason="Doppione.")
    with pytest.raises(ValidationError) as error:
        send(report, lifts, manager)
    assert "contractor" in error.value.message_dict
    assert not WorkOrder.objects.exists() and not Message.objects.filter(
        address=lifts.email).exists()


def test_an_inactive_contractor_is_refused(report, lifts, manager):
    lifts.active = False
    lifts.save()
    with pytest.raises(ValidationError):
        send(report, lifts, manager)
    assert not WorkOrder.objects.exists()


def test_only_who_manages_the_report_sends_it(register, report, lifts, make_user):
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    elsewhere = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    for user in (care, elsewhere):
        with pytest.raises(PermissionDenied):
            send(report, lifts, user)
    assert not WorkOrder.objects.exists()


def test_the_answer_and_the_costs_are_recorded_with_their_history(report, lifts, manager):
    order = send(report, lifts, manager)
    services.work_order_record(order=order, acting_user=manager, contractor_reference="TK-881",
                               answer="Tecnico martedì mattina.", cost_eur=Decimal("1234.5"),
                               invoice="Fatt. 77/2026")
    order.refresh_from_db()
    assert (order.contractor_reference, order.answer, order.cost_eur, order.invoice) == (
        "TK-881", "Tecnico martedì mattina.", Decimal("1234.50"), "Fatt. 77/2026")
    assert order.answered_at is not None
    entry = report.updates.filter(kind="contractor").last()
    assert "TK-881" in entry.internal_note and "1.234,50\xa0€" in entry.internal_note
    event = AuditEvent.objects.get(target_type="reports.workorder", action="update")
    assert event.changes["cost_eur"] == [None, "1234.50"]
    assert event.subject == "household:H001"
    # The answer is free text that may name people: the trail keeps that it was written, not
    # what (retention blanks it with the report; the append-only trail could not).
    assert event.changes["answer"] == [None, "written"]

    # The same values again: nothing written.
    before = (Update.objects.count(), AuditEvent.objects.count())
    services.work_order_record(order=order, acting_user=manager, contractor_reference="TK-881",
                               answer="Tecnico martedì mattina.", cost_eur=Decimal("1234.50"),
                               invoice="Fatt. 77/2026")
    assert (Update.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("cost", ["-1", "12.345", "abc", "1e12", "NaN"])
def test_a_wrong_cost_is_refused_and_nothing_changes(report, lifts, manager, cost):
    order = send(report, lifts, manager)
    with pytest.raises(ValidationError) as error:
        services.work_order_record(order=order, acting_user=manager, answer="Fatto.",
                                   cost_eur=cost)
    assert "cost_eur" in error.value.message_dict
    order.refresh_from_db()
    assert order.answer == "" and order.cost_eur is None


def test_a_zero_cost_is_a_cost(report, lifts, manager):
    order = send(report, lifts, manager)
    services.work_order_record(order=order, acting_user=manager, cost_eur="0")
    order.refresh_from_db()
    assert order.cost_eur == Decimal("0.00")


# --- The staff's page --------------------------------------------------------------------------

def test_the_page_sends_and_records_and_shows_the_total(client, report, lifts, manager):
    client.force_login(manager)
    detail = reverse("reports_staff:detail", kwargs={"pk": report.pk})
    page = client.get(detail).content.decode()
    assert "Ascensori Lombardi S.r.l. · di solito per questo" in page
    response = client.post(reverse("reports_staff:send_to_contractor", kwargs={"pk": report.pk}),
                           {"contractor-contractor": lifts.pk,
                            "contractor-instructions": "Urgente.",
                            "contractor-with_photos": "on"})
    assert response.status_code == 302
    order = WorkOrder.objects.get()
    assert order.with_photos and order.instructions == "Urgente."
    record = reverse("reports_staff:record_work_order",
                     kwargs={"pk": report.pk, "order_pk": order.pk})
    prefix = f"order-{order.pk}"
    response = client.post(record, {f"{prefix}-contractor_reference": "TK-1",
                                    f"{prefix}-answer": "Fatto.",
                                    f"{prefix}-cost_eur": "1.234,56",
                                    f"{prefix}-invoice": "F-9"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.cost_eur == Decimal("1234.56")
    page = client.get(detail).content.decode()
    assert 'id="work-orders-total"' in page and "1.234,56" in page


def test_a_wrong_cost_on_the_page_is_shown_next_to_the_field(client, report, lifts, manager):
    order = send(report, lifts, manager)
    client.force_login(manager)
    prefix = f"order-{order.pk}"
    response = client.post(
        reverse("reports_staff:record_work_order", kwargs={"pk": report.pk, "order_pk": order.pk}),
        {f"{prefix}-answer": "Fatto.", f"{prefix}-cost_eur": "-5"})
    assert response.status_code == 200
    assert f'id="id_{prefix}-cost_eur_error"' in response.content.decode() or (
        "negativo" in response.content.decode())
    order.refresh_from_db()
    assert order.answer == ""


def test_no_contractor_chosen_is_said_next_to_the_field(client, report, manager):
    client.force_login(manager)
    response = client.post(reverse("reports_staff:send_to_contractor",
                                   kwargs={"pk": report.pk}), {"contractor-instructions": "x"})
    assert response.status_code == 200
    assert "Scegli la ditta." in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_a_work_order_of_another_report_is_not_found(client, report, leak, lifts, manager):
    order = send(leak, lifts, manager)
    client.force_login(manager)
    response = client.post(reverse("reports_staff:record_work_order",
                                   kwargs={"pk": report.pk, "order_pk": order.pk}),
                           {f"order-{order.pk}-answer": "x"})
    assert response.status_code == 404


def test_care_staff_read_the_work_orders_but_get_no_form(client, register, report, lifts,
                                                         manager, make_user):
    send(report, lifts, manager)
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    client.force_login(care)
    page = client.get(reverse("reports_staff:detail", kwargs={"pk": report.pk})).content.decode()
    assert "Ascensori Lombardi S.r.l." in page
    assert 'id="contractor-form"' not in page and "/work-orders/" not in page
    response = client.post(reverse("reports_staff:send_to_contractor", kwargs={"pk": report.pk}),
                           {"contractor-contractor": lifts.pk})
    assert response.status_code == 403


def test_the_tenant_never_sees_the_contractor(client, report, lifts, manager, tenant):
    send(report, lifts, manager, instructions="Codice impianto 12.")
    client.force_login(tenant)
    page = client.get(reverse("reports:my_report", args=[report.pk])).content.decode()
    assert "Ascensori Lombardi" not in page and "Codice impianto" not in page


# --- The API -----------------------------------------------------------------------------------

API = "/api/v1/"


def test_the_api_sends_records_and_lists_work_orders(client, report, lifts, manager, tenant):
    client.force_login(manager)
    assert [row["name"] for row in client.get(API + "staff/contractors").json()] == [lifts.name]
    sent = client.post(API + f"staff/reports/{report.pk}/work-orders",
                       {"contractor": lifts.pk, "instructions": "Subito."})
    assert sent.status_code == 200, sent.content
    order = sent.json()
    assert order["contractor"]["categories"] == ["lift"] and order["cost_eur"] is None
    answered = client.post(API + f"staff/reports/{report.pk}/work-orders/{order['id']}",
                           {"contractor_reference": "TK-9", "answer": "Fatto.",
                            "cost_eur": "250.5"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["cost_eur"] == "250.50"
    listed = client.get(API + f"staff/reports/{report.pk}/work-orders").json()
    assert [(row["contractor_reference"], row["answer"]) for row in listed] == [
        ("TK-9", "Fatto.")]

    wrong = client.post(API + f"staff/reports/{report.pk}/work-orders/{order['id']}",
                        {"cost_eur": "-3"}, HTTP_ACCEPT_LANGUAGE="it")
    assert wrong.status_code == 422
    assert "non negativo" in wrong.content.decode()
    assert WorkOrder.objects.get().cost_eur == Decimal("250.50")

    client.force_login(tenant)
    assert client.get(API + f"staff/reports/{report.pk}/work-orders").status_code == 403
    assert client.post(API + f"staff/reports/{report.pk}/work-orders",
                       {"contractor": lifts.pk}).status_code == 403


def test_the_api_refuses_an_unknown_contractor_and_another_hubs_report(client, register, report,
                                                                       lifts, make_user):
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.force_login(manager)
    unknown = client.post(API + f"staff/reports/{report.pk}/work-orders", {"contractor": 999})
    assert unknown.status_code == 422
    elsewhere = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(elsewhere)
    assert client.post(API + f"staff/reports/{report.pk}/work-orders",
                       {"contractor": lifts.pk}).status_code == 404
    assert not WorkOrder.objects.exists()
