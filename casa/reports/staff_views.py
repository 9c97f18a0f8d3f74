"""The staff's pages of problem reports: the queue, a report's page with the actions on it,
reporting on a tenant's behalf or from the rounds, and a building's reports. Thin: reads in
queue.py and selectors.py, writes in services.py, whose ValidationError messages are shown
next to the fields."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.drafts import with_draft
from casa.core.forms import add_service_errors
from casa.registry.access import visible_households

from . import queue, rules, selectors, services
from .rules import OPEN, STAFF_CHANGES, is_late, place_label
from .staff_forms import (
    AssignForm,
    ContractorForm,
    NoteForm,
    QueueFilterForm,
    ReplyForm,
    SplitForm,
    StaffReportForm,
    StatusForm,
    WorkOrderForm,
)

ACTION_FORMS = {"status": StatusForm, "reply": ReplyForm, "note": NoteForm,
                "assign": AssignForm, "contractor": ContractorForm, "split": SplitForm}
# The action forms built for one report (their choices depend on it).
FORMS_OF_A_REPORT = {"status", "assign", "contractor", "split"}


def rows(reports, now):
    """(report, place label, late) for a list's rows: nothing more is read."""
    return [(report, place_label(report.place), is_late(report.status, report.due_at, now))
            for report in reports]


@allow("reports.view")
def report_queue(request):
    now = timezone.now()
    form = QueueFilterForm(request.GET or None, user=request.user)
    reports = queue.queue(request.user, form.filters(), now=now)
    page = Paginator(reports, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {"form": form, "page": page, "rows": rows(page.object_list, now),
               "query_string": query_string.urlencode(),
               "can_report": can(request.user, "reports.report_for_others")}
    template = ("reports/staff/_queue_results.html" if request.htmx
                else "reports/staff/queue.html")
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _report_or_404(user, pk):
    report = queue.report_for_staff(user, pk)
    if report is None:
        # 404, not 403: a report outside the user's scope must not reveal that it exists.
        raise Http404
    return report


def _action_forms(report, bound=None):
    """The action forms of the report's page, unbound but for the one just posted."""
    forms = {}
    for name, form_class in ACTION_FORMS.items():
        if bound is not None and bound.prefix == name:
            forms[name] = bound
            continue
        kwargs = {"report": report} if name in FORMS_OF_A_REPORT else {}
        forms[name] = form_class(prefix=name, **kwargs)
    return forms


def _work_orders(report, *, may_manage, bound=None):
    """[(work order, its form or None)], and the total of their costs (None: no cost yet)."""
    orders = list(report.work_orders.select_related("contractor", "sent_by"))
    pairs = []
    for order in orders:
        form = None
        if may_manage:
            prefix = f"order-{order.pk}"
            form = (bound if bound is not None and bound.prefix == prefix
                    else WorkOrderForm(prefix=prefix, order=order))
        pairs.append((order, form))
    costs = [order.cost_eur for order in orders if order.cost_eur is not None]
    return pairs, (sum(costs) if costs else None)


def _detail(request, report, *, bound=None, status=200):
    """The report's page, everything about it: reading it is audited (personal data)."""
    audit_record(actor=request.user, action=AuditAction.VIEW, target=report)
    may_manage = can(request.user, "reports.manage")
    now = timezone.now()
    work_orders, total_cost = _work_orders(report, may_manage=may_manage, bound=bound)
    return render(request, "reports/staff/detail.html", {
        "report": report,
        "place": place_label(report.place),
        "late": is_late(report.status, report.due_at, now),
        "is_open": report.status in OPEN,
        "history": queue.history(report),
        "followers": report.followers.count(),
        "similar": (selectors.similar_open(category=report.category,
                                           building=report.building, exclude=report)
                    if may_manage and report.status in OPEN else []),
        "may_manage": may_manage,
        "may_change_status": may_manage and bool(STAFF_CHANGES.get(report.status)),
        "may_split": may_manage and rules.may_split(report.status),
        "forms": _action_forms(report, bound) if may_manage else {},
        "work_orders": work_orders,
        "total_cost": total_cost,
        "may_send": may_manage and rules.may_send_to_contractor(report.status),
    }, status=status)


@allow("reports.view")
def report_detail(request, pk):
    return _detail(request, _report_or_404(request.user, pk))


def _act(request, pk, name, call):
    """Post the action form `name`; on success `call(report, cleaned_data)` (a service) and
    back to the report (or to the report `call` names, when it returns (message, report));
    on an error, the report's page with the message next to the field, nothing saved. A GET
    only leads back to the report."""
    report = _report_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("reports_staff:detail", pk=report.pk)
    form_class = ACTION_FORMS[name]
    kwargs = {"report": report} if name in FORMS_OF_A_REPORT else {}
    form = form_class(request.POST, prefix=name, **kwargs)
    if form.is_valid():
        try:
            done = call(report, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, " ".join(error.args) or _("You cannot work on this report."))
        else:
            done, report = done if isinstance(done, tuple) else (done, report)
            messages.success(request, done)
            return redirect("reports_staff:detail", pk=report.pk)
    return _detail(request, report, bound=form)


@allow("reports.manage")
def change_status(request, pk):
    def call(report, data):
        report = services.report_change_status(
            report=report, status=data["status"], acting_user=request.user,
            public_message=data["public_message"], internal_note=data["internal_note"],
            reason=data["reason"], merge_into=data["merge_into"])
        return _("%(reference)s is now: %(status)s.") % {
            "reference": report.reference, "status": report.get_status_display().lower()}
    return _act(request, pk, "status", call)


@allow("reports.manage")
def reply(request, pk):
    def call(report, data):
        services.report_reply(report=report, message=data["message"], acting_user=request.user)
        return _("Reply sent: the reporter and the followers are told.")
    return _act(request, pk, "reply", call)


@allow("reports.manage")
def note(request, pk):
    def call(report, data):
        services.report_note(report=report, note=data["note"], acting_user=request.user)
        return _("Internal note saved.")
    return _act(request, pk, "note", call)


@allow("reports.manage")
def assign(request, pk):
    def call(report, data):
        if data["assignee"] == report.assigned_to:
            return _("Nothing changed.")
        services.report_assign(report=report, assignee=data["assignee"],
                               acting_user=request.user)
        if data["assignee"] is None:
            return _("The report is assigned to nobody.")
        return _("Assigned to %(name)s.") % {"name": data["assignee"]}
    return _act(request, pk, "assign", call)


@allow("reports.manage")
def send_to_contractor(request, pk):
    def call(report, data):
        order = services.report_send_to_contractor(
            report=report, contractor=data["contractor"], acting_user=request.user,
            instructions=data["instructions"], with_photos=data.get("with_photos", False),
            with_contact=data.get("with_contact", False))
        return _("Sent to %(contractor)s as %(order)s.") % {
            "contractor": order.contractor.name, "order": order.reference}
    return _act(request, pk, "contractor", call)


@allow("reports.manage")
def record_work_order(request, pk, order_pk):
    """What the contractor answered and what it cost, for one work order of the report."""
    report = _report_or_404(request.user, pk)
    order = report.work_orders.select_related("contractor").filter(pk=order_pk).first()
    if order is None:
        raise Http404
    if request.method != "POST":
        return redirect("reports_staff:detail", pk=report.pk)
    form = WorkOrderForm(request.POST, prefix=f"order-{order.pk}", order=order)
    if form.is_valid():
        try:
            services.work_order_record(order=order, acting_user=request.user,
                                       **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, " ".join(error.args) or _("You cannot work on this report."))
        else:
            messages.success(request, _("%(order)s: the contractor's answer is recorded.")
                             % {"order": order.reference})
            return redirect("reports_staff:detail", pk=report.pk)
    return _detail(request, report, bound=form)


# --- Splitting ---------------------------------------------------------------------------------

@allow("reports.manage")
def split(request, pk):
    """Part of the report continues as a new one; success leads to the new report."""
    def call(report, data):
        part = services.report_split(
            report=report, category=data["category"], place=data["place"],
            description=data["description"], photos=data["photos"], acting_user=request.user)
        return _("%(part)s is split from %(reference)s: work on it here.") % {
            "part": part.reference, "reference": report.reference}, part
    return _act(request, pk, "split", call)


def _report_new(request, household):
    """Report a problem for `household`, or from the rounds (household None)."""
    if request.method == "POST":
        form = StaffReportForm(request.POST, user=request.user, household=household)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    category=data["category"], place=data["place"],
                    description=data["description"], acting_user=request.user,
                    household=household, building=data.get("building"))
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error("building" if household is None else None, " ".join(error.args))
            else:
                messages.success(request, _("Report %(reference)s saved.")
                                 % {"reference": report.reference})
                return redirect("reports_staff:detail", pk=report.pk)
    else:
        form = StaffReportForm(user=request.user, household=household)
    form = with_draft(request, form, "report-form")
    return render(request, "reports/staff/new.html", {"form": form, "household": household})


@allow("reports.report_for_others")
def report_new(request):
    """From the rounds: a common area of a building of the user's hubs."""
    return _report_new(request, None)


@allow("reports.report_for_others")
def report_new_for_household(request, code):
    household = (visible_households(request.user)
                 .select_related("unit__building")
                 .filter(code=code, tenancy_end__isnull=True).first())
    if household is None:
        raise Http404
    return _report_new(request, household)


@allow("reports.view")
def building_reports(request, code):
    building = queue.building_for(request.user, code)
    if building is None:
        raise Http404
    now = timezone.now()
    open_reports, recent = queue.building_reports(request.user, building, now=now)
    return render(request, "reports/staff/building.html", {
        "building": building, "open_rows": rows(open_reports, now),
        "recent_rows": rows(recent, now), "recent_days": queue.RECENT_DAYS,
        "open_limit": queue.BUILDING_OPEN_LIMIT,
        "can_report": can(request.user, "reports.report_for_others"),
    })
