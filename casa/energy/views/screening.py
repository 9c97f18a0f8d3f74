"""The screening of the register for a call: totals, tables, the eligible households, the
CSV download and the invitations. Screening lists are personal data: they cover only the
households the user may see, and each view is recorded in the audit trail."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from casa.accounts.models import HUB_SCOPED_ROLES
from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.spreadsheet import csv_writer

from .. import parameters, rules, selectors
from ..explain import REASON_LABELS
from ..forms import ScreeningDateForm
from ..invitations import invite_eligible
from ..screening import CSV_COLUMNS, outcome_csv_row, register_rows
from .common import call_or_404


def _as_of(data):
    """The screening date asked for, or today in Europe/Rome; with the form for the page."""
    today = timezone.localdate()
    form = ScreeningDateForm(data or None, initial={"as_of": today})
    on = None
    if form.is_valid():
        on = form.cleaned_data.get("as_of")
    return form, on or today


@allow("energy.screen")
def screening_page(request, code):
    call = call_or_404(code)
    form, on = _as_of(request.GET)
    context = {"call": call, "form": form, "on": on,
               "can_invite": can(request.user, "energy.invite"),
               "hub_scoped": request.user.role in HUB_SCOPED_ROLES}
    try:
        summary = selectors.screening_summary(call=call, on=on, user=request.user)
    except rules.MissingParameter as error:
        context["missing"] = [parameters.label(name) for name in error.names]
        return render(request, "energy/screening.html", context)
    page = Paginator(summary.eligible, settings.CASA_PAGE_SIZE).get_page(
        request.GET.get("page"))
    audit_record(actor=request.user, action=AuditAction.VIEW, target=call,
                 changes={"screening_as_of": on.isoformat(),
                          "households_listed": [row.code for row in page.object_list]},
                 note=_audit_note(request.user))
    query = request.GET.copy()
    query.pop("page", None)
    context.update({
        "summary": summary,
        "page": page,
        "query_string": query.urlencode(),
        "reasons": [(code, REASON_LABELS[code], count) for code, count in summary.reasons],
    })
    return render(request, "energy/screening.html", context)


def _audit_note(user):
    return "screening of the user's hubs" if user.role in HUB_SCOPED_ROLES else "screening"


class _Echo:
    def write(self, value):
        return value


@allow("energy.screen")
def screening_csv(request, code):
    """The same rows as `manage.py energy_screen`, for the households the user may see."""
    call = call_or_404(code)
    _form, on = _as_of(request.GET)
    try:
        params = call.params_at(on)
    except rules.MissingParameter:
        messages.error(request, _("The call has no parameters in force on %(date)s: no "
                                  "screening on that date.") % {"date": on.strftime("%d/%m/%Y")})
        return redirect(reverse("energy:screening", kwargs={"code": call.code}))
    audit_record(actor=request.user, action=AuditAction.VIEW, target=call,
                 changes={"screening_as_of": on.isoformat(), "download": "csv"},
                 note=_audit_note(request.user))
    household_filter = selectors.screening_filter(request.user)

    def rows():
        writer = csv_writer(_Echo(), lineterminator="\n")
        yield writer.writerow(CSV_COLUMNS)
        for row in register_rows(season=call.season, on=on, household_filter=household_filter):
            outcome = rules.evaluate(row.facts, params, season=call.season, on=on,
                                     with_trace=False)
            yield writer.writerow(outcome_csv_row(row.code, outcome))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    filename = f"screening-{call.code}-{on:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allow("energy.invite")
@require_http_methods(["GET", "POST"])
def invite(request, code):
    """POST: invite the eligible households not invited yet. GET only leads back to the
    screening page, where the button is."""
    call = call_or_404(code)
    screening_url = reverse("energy:screening", kwargs={"code": call.code})
    if request.method != "POST":
        return redirect(screening_url)
    try:
        on = dt.date.fromisoformat(request.POST.get("as_of", ""))
    except ValueError:
        on = timezone.localdate()
    try:
        run = invite_eligible(call=call, on=on, acting_user=request.user)
    except rules.MissingParameter:
        messages.error(request, _("The call has no parameters in force on %(date)s: nobody "
                                  "was invited.") % {"date": on.strftime("%d/%m/%Y")})
        return redirect(screening_url)
    if run.queued:
        messages.success(request, ngettext(
            "%(count)s invitation is being sent.", "%(count)s invitations are being sent.",
            run.count) % {"count": run.count})
    elif run.count:
        messages.success(request, ngettext(
            "%(count)s household invited.", "%(count)s households invited.",
            run.count) % {"count": run.count})
    else:
        messages.info(request, _("Every eligible household has already been invited."))
    return redirect(f"{screening_url}?as_of={on.isoformat()}")

