"""The care and vigilance staff's pages, under staff/care/ (namespace care): rounds, incidents
and fragile residents. Thin: reads in selectors.py, writes in services.py, whose
ValidationError messages are shown next to the fields. Outside the user's scope: 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.forms import add_service_errors, local_datetime
from casa.core.paging import page_of

from . import selectors, services
from .forms import IncidentForm, ResidentForm, RoundForm, VisitForm
from .rules import INFORMED, ITEMS, ItemStatus

PHOTO_SIZES = {"photo": "photo", "thumbnail": "thumbnail"}


def _working_buildings(user):
    return list(selectors.working_buildings(user).order_by("address"))


# --- Rounds ------------------------------------------------------------------------------------

@allow("care.view")
def rounds(request):
    user = request.user
    recent = list(selectors.visible_rounds(user).select_related("building", "done_by")[:30])
    return render(request, "care/rounds.html", {
        "buildings": _working_buildings(user) if can(user, "care.work") else [],
        "recent": recent})


@allow("care.work")
def round_new(request, code):
    building = selectors.visible_buildings(request.user).filter(code=code).first()
    if building is None or not selectors.works_in(request.user, building):
        raise Http404
    if request.method == "POST":
        form = RoundForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                done = services.round_submit(
                    building=building, checks=form.checks(), note=form.cleaned_data["note"],
                    acting_user=request.user,
                    submission_key=form.cleaned_data.get("submission_key"))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Round %(reference)s saved.") % {
                    "reference": done.reference})
                return redirect("care:round_detail", pk=done.pk)
    else:
        form = RoundForm()
    return render(request, "care/round_form.html", {"form": form, "building": building})


@allow("care.view")
def round_detail(request, pk):
    found = selectors.visible_round(request.user, pk)
    if found is None:
        raise Http404
    checks = [(check, ITEMS[check.item]) for check in
              found.checks.select_related("report").all()]
    return render(request, "care/round_detail.html", {
        "round": found, "checks": checks, "problem": ItemStatus.PROBLEM,
        "can_work": selectors.works_in(request.user, found.building)})


@allow("care.work")
def open_report(request, pk, check_pk):
    check = selectors.visible_check(request.user, check_pk)
    if check is None or check.round_id != pk or not selectors.works_in(
            request.user, check.round.building):
        raise Http404
    if request.method == "POST":
        try:
            report = services.round_item_open_report(check=check, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Report %(reference)s opened.") % {
                "reference": report.reference})
    return redirect("care:round_detail", pk=pk)


@allow("care.view")
def check_photo(request, pk, size):
    check = selectors.visible_check(request.user, pk)
    if check is None or size not in PHOTO_SIZES or not check.photo:
        raise Http404
    try:
        stored = getattr(check, PHOTO_SIZES[size]).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_record(actor=request.user, action=AuditAction.VIEW, target=check.round,
                 changes={"photo": check.pk}, note=f"photo of {check.item}")
    response = FileResponse(stored, content_type="image/jpeg",
                            filename=f"{check.round.reference}-{check.item}.jpg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Incidents ---------------------------------------------------------------------------------

@allow("care.view")
def incidents(request):
    found = list(selectors.visible_incidents(request.user).select_related("building")[:50])
    rows = [(incident, [label for _code, (label, column) in INFORMED.items()
                        if getattr(incident, column)]) for incident in found]
    return render(request, "care/incidents.html", {
        "rows": rows, "can_work": can(request.user, "care.work")})


@allow("care.work")
def incident_new(request):
    buildings = selectors.visible_buildings(request.user).order_by("address")
    form = IncidentForm(request.POST or None, buildings=buildings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        occurred_at = None
        if data["day"] and data["time"]:
            occurred_at = local_datetime(data["day"], data["time"])
        try:
            incident = services.incident_record(
                building=data["building"], kind=data["kind"], urgency=data["urgency"],
                occurred_at=occurred_at, description=data["description"],
                informed=data["informed"], what_followed=data["what_followed"],
                acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error, {"occurred_at": "day"})
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Incident %(reference)s recorded.") % {
                "reference": incident.reference})
            return redirect("care:incidents")
    return render(request, "care/incident_new.html", {"form": form})


# --- Fragile residents -------------------------------------------------------------------------

@allow("care.view")
def residents(request):
    page, query_string = page_of(request, selectors.residents_by_due(
        request.user, timezone.localdate()), selectors.RESIDENTS_PAGE_SIZE)
    return render(request, "care/residents.html", {
        "rows": page.object_list, "page": page, "query_string": query_string,
        "can_work": can(request.user, "care.work")})


@allow("care.work")
def resident_new(request):
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resident = services.resident_register(
                fiscal_code=data["fiscal_code"], reason=data["reason"],
                consent_on=data["consent_on"], consent_how=data["consent_how"],
                visit_every_days=data["visit_every_days"], acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Resident recorded."))
            return redirect("care:resident_detail", pk=resident.pk)
    return render(request, "care/resident_new.html", {"form": form})


def _resident_or_404(user, pk):
    resident = selectors.visible_resident(user, pk)
    if resident is None:
        raise Http404
    return resident


@allow("care.view")
def resident_detail(request, pk):
    return _resident_page(request, _resident_or_404(request.user, pk))


def _resident_page(request, resident, visit_form=None):
    # Health and living conditions: every staff read is in the household's history.
    audit_record(actor=request.user, action=AuditAction.VIEW, target=resident)
    can_work = selectors.works_in(request.user, resident.member.household.unit.building)
    flags = list(selectors.open_flags_for(request.user).filter(visit__resident=resident))
    return render(request, "care/resident_detail.html", {
        "resident": resident, "member": resident.member,
        "flags": [(flag, services.may_close_flag(request.user, flag)) for flag in flags],
        "visits": resident.visits.select_related("visited_by")[:50],
        "can_work": can_work, "visit_form": visit_form or VisitForm()})


@allow("care.work")
def visit_new(request, pk):
    resident = _resident_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("care:resident_detail", pk=pk)
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            visit = services.visit_record(resident=resident, notes=form.cleaned_data["notes"],
                                          problem_found=form.cleaned_data["problem_found"],
                                          acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Visit recorded: the Community Managers of the hub "
                                        "are alerted.") if visit.problem_found
                             else _("Visit recorded."))
            return redirect("care:resident_detail", pk=pk)
    return _resident_page(request, resident, visit_form=form)


@allow("care.work")
def flag_close(request, pk):
    """The Community Manager has followed the flag up: it leaves their day page."""
    flag = selectors.visible_flag(request.user, pk)
    if flag is None:
        raise Http404
    resident_pk = flag.visit.resident_id
    if request.method == "POST":
        services.flag_close(flag=flag, acting_user=request.user)  # refused: 403
        messages.success(request, _("Flag closed: it no longer waits on your day page."))
    return redirect("care:resident_detail", pk=resident_pk)


@allow("care.work")
def resident_withdraw(request, pk):
    resident = _resident_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("care:resident_detail", pk=pk)
    try:
        services.resident_withdraw_consent(resident=resident, acting_user=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Consent withdrawn: no more visits, and the record is hidden."))
    return redirect("care:residents")
