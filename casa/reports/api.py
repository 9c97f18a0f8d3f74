"""Problem reports in the JSON API, with the same scope, services and permissions as the pages:
a tenant reports a problem (a multipart form, its photos as files), reads their reports and
those about their building's common areas (in public form), follows one, and says whether a
resolved one is really fixed; staff read their queue and move a report along the workflow.
Every operation requires a session (casa/api.py) and the capability it names."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Router, Schema, UploadedFile

from casa.accounts.models import Role
from casa.core.access import require
from casa.core.api import SessionWith, invalid, refusals
from casa.registry.selectors import tenant_household

from . import selectors, services
from .models import Category, Contractor, Follower, Photo, Report
from .rules import OPEN, Place, Status

router = Router(tags=["reports"])
QUEUE_LIMIT = 200


class ReportCategoryOut(Schema):
    code: str
    label: str


class RelatedReportOut(Schema):
    id: int
    reference: str
    category: ReportCategoryOut


class ReportUpdateOut(Schema):
    kind: str
    at: dt.datetime
    status: str | None
    message: str
    # The other report of a split ("split": the part split off; "created": the report this
    # one was split from), only when the caller may see it; else null.
    related: RelatedReportOut | None = None


class ReportOut(Schema):
    id: int
    reference: str
    category: ReportCategoryOut
    place: str
    place_label: str
    building: str
    status: str
    status_label: str
    urgent: bool
    late: bool
    created_at: dt.datetime
    due_at: dt.datetime
    # In full only for the reporting household and the staff: null in the public form.
    description: str | None
    # The photos' addresses (each with its thumbnail's), in full form only.
    photos: list[str]
    mine: bool
    followed: bool
    updates: list[ReportUpdateOut]


def _out(report, user, *, full=None, followed=None, now=None):
    now = now or timezone.now()
    full = selectors.sees_in_full(user, report) if full is None else full
    followed = selectors.follows(user, report) if followed is None else followed
    return {
        "id": report.pk, "reference": report.reference,
        "category": {"code": report.category.code, "label": report.category.label},
        "place": report.place, "place_label": str(Place(report.place).label),
        "building": report.building.address, "status": report.status,
        "status_label": str(Status(report.status).label), "urgent": report.urgent,
        "late": selectors.late(report, now), "created_at": report.created_at,
        "due_at": report.due_at, "description": report.description if full else None,
        "photos": [reverse("report_photos:photo", args=[photo.pk, "photo"])
                   for photo in report.photos.all()] if full else [],
        "mine": full and user.role == Role.TENANT,
        "followed": followed,
        "updates": [{"kind": update.kind, "at": update.at, "status": update.to_status or None,
                     "message": update.shown_message,
                     "related": _related(update.shown_related)}
                    for update in selectors.public_updates(report, full=full, viewer=user)],
    }


def _related(report):
    if report is None:
        return None
    return {"id": report.pk, "reference": report.reference,
            "category": {"code": report.category.code, "label": report.category.label}}


def _report_or_404(user, report_id):
    report = selectors.visible_report(user, report_id)
    if report is None:
        raise Http404
    return report


def _refused(error, field):
    """A service's refusal as the 422 of the API, each message where it belongs."""
    if hasattr(error, "message_dict"):
        raise invalid(("form", field), *[message for messages in error.message_dict.values()
                                         for message in messages])
    raise invalid(("form", field), *error.messages)


# --- Tenants -----------------------------------------------------------------------------------

# No session: 401. Not a tenant: 403.
@router.get("reports", response={200: list[ReportOut], **refusals(401, 403)},
            url_name="report_list", summary="My reports and my building's")
def report_list(request):
    """The household's reports and the open reports about the common areas of the tenant's
    building (those in public form), newest first."""
    user = require(request, "reports.report")
    household = tenant_household(user)
    followed = set(Follower.objects.filter(user=user).values_list("report_id", flat=True))
    reports = selectors.with_public_history(
        selectors.visible_reports(user).select_related("category", "building")
        .order_by("-created_at", "-id"))[:QUEUE_LIMIT]
    now = timezone.now()
    lines = []
    for report in reports:
        # In full for the household's own reports (the scope holds only those and the
        # building's common areas), the others while open.
        full = household is not None and report.household_id == household.pk
        if full or report.status in OPEN:
            lines.append(_out(report, user, full=full, followed=report.pk in followed,
                              now=now))
    return lines


# No session: 401. Not a tenant: 403. Outside the tenant's reports and building: 404.
@router.get("reports/{report_id}", response={200: ReportOut, **refusals(401, 403, 404)},
            url_name="report_detail", summary="One report")
def report_detail(request, report_id: int):
    user = require(request, "reports.report")
    return _out(_report_or_404(user, report_id), user)


class ReportIn(Schema):
    category: str
    place: str
    description: str
    # A key the app makes once per report: the same report sent again (a lost answer, a
    # retry) is saved once, and the answer is the report saved the first time.
    submission_key: uuid.UUID | None = None


# No session: 401. Not a tenant: 403. Refused (unknown category or place, no description, no
# household): 422 with the reason.
@router.post("reports", response={200: ReportOut, **refusals(401, 403)},
             url_name="report_create", summary="Report a problem",
             auth=SessionWith("reports.report"))
def report_create(request, data: Form[ReportIn],
                  photos: File[list[UploadedFile]] = None):
    """A new report about the tenant's flat or a common area of their building, as a form
    (multipart/form-data, or urlencoded without photos), with up to five `photos` (JPEG, PNG
    or HEIC), each checked and cleaned before anything is saved."""
    user = request.auth
    category = Category.objects.filter(code=data.category, active=True).first()
    try:
        report = services.report_create(category=category, place=data.place,
                                        description=data.description, acting_user=user,
                                        photos=photos or [],
                                        submission_key=data.submission_key)
    except ValidationError as error:
        _refused(error, "description")
    except PermissionDenied as error:
        _refused(ValidationError(str(error)), "category")
    return _out(report, user)


# No session: 401. Not a tenant: 403. Outside the tenant's building: 404. A report that may
# not be followed (a neighbour's flat): 422.
@router.post("reports/{report_id}/follow", response={200: ReportOut, **refusals(401, 403, 404)},
             url_name="report_follow", summary="Follow a report")
def report_follow(request, report_id: int):
    user = require(request, "reports.report")
    report = _report_or_404(user, report_id)
    try:
        services.report_follow(report=report, acting_user=user)
    except PermissionDenied as error:
        _refused(ValidationError(str(error)), "report_id")
    return _out(report, user)


# No session: 401. Not a tenant: 403. Outside the tenant's building: 404.
@router.delete("reports/{report_id}/follow",
               response={200: ReportOut, **refusals(401, 403, 404)},
               url_name="report_unfollow", summary="Stop following a report")
def report_unfollow(request, report_id: int):
    user = require(request, "reports.report")
    report = _report_or_404(user, report_id)
    services.report_unfollow(report=report, acting_user=user)
    return _out(report, user)


class FixedIn(Schema):
    fixed: bool
    comment: str = ""


# No session: 401. Not a tenant: 403. Outside the tenant's reports: 404. Not the reporting
# household, not resolved, or past the days to reopen it: 422.
@router.post("reports/{report_id}/fixed", response={200: ReportOut, **refusals(401, 403, 404)},
             url_name="report_fixed", summary="Say whether it is really fixed",
             auth=SessionWith("reports.report"))
def report_fixed(request, report_id: int, data: Form[FixedIn]):
    user = request.auth
    report = _report_or_404(user, report_id)
    try:
        report = services.report_answer_fixed(report=report, fixed=data.fixed,
                                              comment=data.comment, acting_user=user)
    except ValidationError as error:
        _refused(error, "fixed")
    except PermissionDenied as error:
        _refused(ValidationError(str(error)), "fixed")
    return _out(report, user)


# --- Staff -------------------------------------------------------------------------------------

# No session: 401. No reports.view: 403.
@router.get("staff/reports", response={200: list[ReportOut], **refusals(401, 403)},
            url_name="report_queue", summary="The reports of my hubs (staff)")
def report_queue(request, status: str = "open", category: str = "", late: bool = False):
    """The reports in the staff member's scope, urgent first, then by due date: open ones (or
    one `status`), of one `category`, only the late ones. Without descriptions."""
    user = require(request, "reports.view")
    reports = selectors.visible_reports(user).select_related("category", "building")
    reports = reports.filter(status__in=OPEN) if status == "open" else reports.filter(
        status=status)
    if category:
        reports = reports.filter(category__code=category)
    if late:
        reports = reports.filter(status__in=OPEN, due_at__lt=timezone.now())
    reports = reports.order_by("-urgent", "due_at", "id")[:QUEUE_LIMIT]
    return [_out(report, user, full=False) for report in reports]


class StatusIn(Schema):
    status: str
    public_message: str = ""
    internal_note: str = ""
    reason: str = ""
    merge_into: int | None = None


# No session: 401. No reports.manage: 403. Outside the staff member's hubs: 404. A change the
# workflow does not allow, a rejection with no reason, a wrong merge: 422.
@router.post("staff/reports/{report_id}/status",
             response={200: ReportOut, **refusals(401, 403, 404)},
             url_name="report_status", summary="Move a report along the workflow (staff)",
             auth=SessionWith("reports.manage"))
def report_status(request, report_id: int, data: Form[StatusIn]):
    user = request.auth
    report = _report_or_404(user, report_id)
    target = (Report.objects.filter(pk=data.merge_into).first()
              if data.merge_into is not None else None)
    try:
        report = services.report_change_status(
            report=report, status=data.status, acting_user=user,
            public_message=data.public_message, internal_note=data.internal_note,
            reason=data.reason, merge_into=target)
    except ValidationError as error:
        _refused(error, "status")
    return _out(report, user)


# --- Contractors (staff) -----------------------------------------------------------------------

class ContractorOut(Schema):
    id: int
    name: str
    categories: list[str]


class WorkOrderOut(Schema):
    id: int
    reference: str
    contractor: ContractorOut
    instructions: str
    with_photos: bool
    with_contact: bool
    sent_at: dt.datetime
    contractor_reference: str
    answer: str
    answered_at: dt.datetime | None
    # In euro, with two decimals ("1234.50"); null until the cost is known.
    cost_eur: str | None
    invoice: str


def _contractor_out(contractor):
    return {"id": contractor.pk, "name": contractor.name,
            "categories": [category.code for category in contractor.categories.all()]}


def _order_out(order):
    return {"id": order.pk, "reference": order.reference,
            "contractor": _contractor_out(order.contractor),
            "instructions": order.instructions, "with_photos": order.with_photos,
            "with_contact": order.with_contact, "sent_at": order.sent_at,
            "contractor_reference": order.contractor_reference, "answer": order.answer,
            "answered_at": order.answered_at,
            "cost_eur": f"{order.cost_eur:.2f}" if order.cost_eur is not None else None,
            "invoice": order.invoice}


def _orders(report):
    return (report.work_orders.select_related("contractor")
            .prefetch_related("contractor__categories"))


# No session: 401. No reports.manage: 403.
@router.get("staff/contractors", response={200: list[ContractorOut], **refusals(401, 403)},
            url_name="report_contractors", summary="The active contractors (staff)",
            auth=SessionWith("reports.manage"))
def contractor_list(request):
    return [_contractor_out(contractor) for contractor in
            Contractor.objects.filter(active=True).prefetch_related("categories")]


# No session: 401. No reports.view: 403. Outside the staff member's hubs: 404.
@router.get("staff/reports/{report_id}/work-orders",
            response={200: list[WorkOrderOut], **refusals(401, 403, 404)},
            url_name="report_work_orders", summary="A report's work orders (staff)",
            auth=SessionWith("reports.view"))
def work_order_list(request, report_id: int):
    report = _report_or_404(request.auth, report_id)
    return [_order_out(order) for order in _orders(report)]


class WorkOrderIn(Schema):
    contractor: int
    instructions: str = ""
    with_photos: bool = True
    with_contact: bool = False


# No session: 401. No reports.manage: 403. Outside the staff member's hubs: 404. No active
# contractor, a closed report, a contact for a report with no household: 422.
@router.post("staff/reports/{report_id}/work-orders",
             response={200: WorkOrderOut, **refusals(401, 403, 404)},
             url_name="report_send_to_contractor",
             summary="Send a report to a contractor by e-mail (staff)",
             auth=SessionWith("reports.manage"))
def work_order_send(request, report_id: int, data: Form[WorkOrderIn]):
    user = request.auth
    report = _report_or_404(user, report_id)
    try:
        order = services.report_send_to_contractor(
            report=report, contractor=Contractor.objects.filter(pk=data.contractor).first(),
            acting_user=user, instructions=data.instructions, with_photos=data.with_photos,
            with_contact=data.with_contact)
    except ValidationError as error:
        _refused(error, "contractor")
    return _order_out(_orders(report).get(pk=order.pk))


class WorkOrderAnswerIn(Schema):
    contractor_reference: str = ""
    answer: str = ""
    # In euro with a point for the decimals ("1234.50"); empty: no cost.
    cost_eur: str = ""
    invoice: str = ""


# No session: 401. No reports.manage: 403. Outside the staff member's hubs, or a work order of
# another report: 404. A wrong cost, a value too long: 422.
@router.post("staff/reports/{report_id}/work-orders/{order_id}",
             response={200: WorkOrderOut, **refusals(401, 403, 404)},
             url_name="report_work_order_answer",
             summary="Record a contractor's answer and costs (staff)",
             auth=SessionWith("reports.manage"))
def work_order_answer(request, report_id: int, order_id: int, data: Form[WorkOrderAnswerIn]):
    user = request.auth
    report = _report_or_404(user, report_id)
    order = _orders(report).filter(pk=order_id).first()
    if order is None:
        raise Http404
    try:
        services.work_order_record(order=order, acting_user=user,
                                   contractor_reference=data.contractor_reference,
                                   answer=data.answer, cost_eur=data.cost_eur,
                                   invoice=data.invoice)
    except ValidationError as error:
        _refused(error, "cost_eur")
    return _order_out(_orders(report).get(pk=order.pk))
# --- Staff: splitting --------------------------------------------------------------------------

class SplitIn(Schema):
    category: str
    place: str
    description: str
    # The ids of the report's photos that go with the new report.
    photos: list[int] = []


# No session: 401. No reports.manage: 403. Outside the staff member's hubs: 404. A report that
# is not open, an unknown category or place, no description, a photo of another report: 422.
@router.post("staff/reports/{report_id}/split",
             response={200: ReportOut, **refusals(401, 403, 404)},
             url_name="report_split", summary="Split a report in two (staff)",
             auth=SessionWith("reports.manage"))
def report_split(request, report_id: int, data: Form[SplitIn]):
    """Part of an open report continues as a new report, with its own category, place and
    description and the chosen photos of the report; the answer is the new report."""
    user = request.auth
    report = _report_or_404(user, report_id)
    category = Category.objects.filter(code=data.category, active=True).first()
    try:
        part = services.report_split(
            report=report, category=category, place=data.place, description=data.description,
            photos=[Photo(pk=pk) for pk in data.photos], acting_user=user)
    except ValidationError as error:
        _refused(error, "description")
    return _out(part, user)
