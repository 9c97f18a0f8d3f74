"""Problem reports, the tenant's side: reporting one (what, where, a description, then "is it
one of these?" before saving), "My reports" with the open reports of their building, and a
report's page (in full for the reporting household, in public form for the building's other
tenants) with following and "is it really fixed?". Thin: reads in selectors.py, writes in
services.py, and every report is found through selectors.visible_reports (404 outside it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow
from casa.core.drafts import with_draft
from casa.core.forms import add_service_errors
from casa.registry.selectors import tenant_household

from . import rules, selectors, services
from .forms import FixedForm, ReportForm
from .rules import Status


def _no_household(request):
    messages.error(request, _("Your account is not linked to a household yet: ask your "
                              "Spazio CASA."))
    return redirect("reports:my_reports")


def _with_late(reports, now):
    for report in reports:
        report.late = selectors.late(report, now)
    return reports


def _visible_or_404(request, pk):
    report = selectors.visible_report(request.user, pk)
    if report is None:
        raise Http404
    return report


# --- My reports ----------------------------------------------------------------------------

@allow("reports.report")
def my_reports(request):
    household = tenant_household(request.user)
    now = timezone.now()
    return render(request, "reports/my_reports.html", {
        "household": household,
        "reports": _with_late(list(selectors.tenant_reports(request.user)), now),
        "in_building": _with_late(list(selectors.building_open(request.user)), now),
    })


# --- Reporting -----------------------------------------------------------------------------

FORM_ID = "report-form"


@allow("reports.report")
def new(request):
    """Step one: what, where, a description. Posted, it shows the open reports of the same
    category in the building ("is it one of these?") with what was typed kept in hidden fields;
    "send it anyway" (or no similar report) saves it. Nothing is saved before."""
    household = tenant_household(request.user)
    if household is None:
        return _no_household(request)
    if request.method != "POST" or "edit" in request.POST:
        # A GET, or "change what I wrote" from the check: the form again, as typed.
        initial = ({name: request.POST.get(name, "") for name in ReportForm.base_fields
                    if name != "photos"} if request.method == "POST" else {})
        form = with_draft(request, ReportForm(initial=initial), FORM_ID)
        return _form_page(request, form, household)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, household)
    data = form.cleaned_data
    sent = selectors.already_sent(data["submission_key"], request.user)
    if sent is not None:  # the same form again (a double tap): the report it saved
        return redirect("reports:my_report", pk=sent.pk)
    if request.POST.get("send") != "anyway":
        similar = selectors.similar_open(category=data["category"],
                                         building=household.unit.building)
        if similar:
            return render(request, "reports/check.html", {
                "form": form, "household": household,
                "place_label": rules.Place(data["place"]).label,
                "similar": _with_late(similar, timezone.now()),
                "following": selectors.followed_among(request.user, similar),
                # A browser cannot send files again by itself: they are chosen again here.
                "had_photos": bool(data["photos"]), "max_photos": rules.MAX_PHOTOS,
            })
    try:
        report = services.report_create(category=data["category"], place=data["place"],
                                        description=data["description"],
                                        photos=data["photos"],
                                        submission_key=data["submission_key"],
                                        acting_user=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, form, household)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("reports:my_reports")
    messages.success(request, _("We received your report %(reference)s. We tell you each step, "
                                "here and in your messages.") % {"reference": report.reference})
    return redirect("reports:my_report", pk=report.pk)


def _form_page(request, form, household):
    return render(request, "reports/new.html", {
        "form": form, "form_id": FORM_ID, "household": household,
        "unit": household.unit, "building": household.unit.building,
        "max_photos": rules.MAX_PHOTOS,
    })


# --- A report ------------------------------------------------------------------------------

def _report_page(request, report, fixed_form=None, status=200):
    household = tenant_household(request.user)
    now = timezone.now()
    full = selectors.sees_in_full(request.user, report)
    own = household is not None and report.household_id == household.pk
    updates = selectors.public_updates(report, full=full, viewer=request.user)
    for update in updates:
        update.status_words = rules.plain_status(update.to_status)
    merged_into = (selectors.visible_report(request.user, report.merged_into_id)
                   if report.merged_into_id else None)
    return render(request, "reports/my_report.html", {
        "report": report,
        "full": full,
        "own": own,
        "late": selectors.late(report, now),
        "updates": updates,
        "following": selectors.follows(request.user, report),
        "can_follow": report.is_common_area and not own and report.status in rules.OPEN,
        "ask_fixed": own and rules.reporter_may_change(
            report.status, Status.CLOSED, resolved_at=report.resolved_at, now=now),
        "reopen_until": rules.reopen_until(report.resolved_at) if report.resolved_at else None,
        "fixed_form": fixed_form or FixedForm(),
        "merged_into": merged_into,
    }, status=status)


@allow("reports.report")
def my_report(request, pk):
    return _report_page(request, _visible_or_404(request, pk))


@allow("reports.report")
def follow(request, pk):
    """Follow a report about the building's common areas. A GET only leads back."""
    report = _visible_or_404(request, pk)
    if request.method == "POST":
        try:
            services.report_follow(report=report, acting_user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You follow this report: we tell you of its progress."))
    return redirect("reports:my_report", pk=report.pk)


@allow("reports.report")
def unfollow(request, pk):
    """Stop following a report. A GET only leads back."""
    report = _visible_or_404(request, pk)
    if request.method == "POST":
        services.report_unfollow(report=report, acting_user=request.user)
        messages.success(request, _("You no longer follow this report."))
    return redirect("reports:my_report", pk=report.pk)


@allow("reports.report")
def answer_fixed(request, pk):
    """"Is it really fixed?": yes closes the report, no reopens it with what is still wrong.
    A GET only leads back; an answer that cannot be taken shows the page with its message."""
    report = _visible_or_404(request, pk)
    if request.method != "POST":
        return redirect("reports:my_report", pk=report.pk)
    form = FixedForm(request.POST)
    if form.is_valid():
        try:
            services.report_answer_fixed(report=report, fixed=form.cleaned_data["fixed"],
                                         comment=form.cleaned_data["comment"],
                                         acting_user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("reports:my_report", pk=report.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the report is closed.")
                             if form.cleaned_data["fixed"] else
                             _("Thank you. The report is open again. The staff will work on it."))
            return redirect("reports:my_report", pk=report.pk)
    report.refresh_from_db()
    return _report_page(request, report, form)
