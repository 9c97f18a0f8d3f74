"""Back-office pages for payment runs: a call's runs, starting a run after a confirmation, a
run's lines with their decisions, and the download of the files each run wrote. Lines and files
hold personal data (households, IBANs): reading them goes into the audit trail."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record

from ..models import PaymentRun
from ..payments import file_names, payment_preview, payment_run
from .common import call_or_404


def _run_or_404(code, number):
    return get_object_or_404(PaymentRun.objects.select_related("call", "created_by"),
                             call__code=code, number=number)


@allow("energy.view_payments")
def run_list(request, code):
    call = call_or_404(code)
    can_pay = can(request.user, "energy.pay")
    return render(request, "energy/payments/run_list.html", {
        "call": call,
        "runs": call.payment_runs.select_related("created_by").order_by("-number"),
        "can_pay": can_pay,
        "preview": payment_preview(call) if can_pay else None,
    })


@allow("energy.pay")
@require_http_methods(["GET", "POST"])
def run_new(request, code):
    """GET: what a run would pay now, to confirm. POST: the run."""
    call = call_or_404(code)
    if request.method == "POST":
        run = payment_run(call=call, acting_user=request.user)
        if run.pk is None:
            messages.info(request, _("Nothing to pay: every approved amount of this call is "
                                     "already paid."))
            return redirect("energy:payment_runs", code=call.code)
        messages.success(request, _(
            "Payment run %(number)s: %(lines)s payments, %(total)s € in total.") % {
            "number": run.number, "lines": run.lines_count, "total": run.total_eur})
        return redirect("energy:payment_run", code=call.code, number=run.number)
    return render(request, "energy/payments/run_confirm.html", {
        "call": call, "preview": payment_preview(call)})


@allow("energy.view_payments")
def run_detail(request, code, number):
    run = _run_or_404(code, number)
    lines = list(run.lines.select_related("decision", "household").order_by("protocol"))
    audit_record(actor=request.user, action=AuditAction.VIEW, target=run,
                 changes={"households_listed": [line.household.code for line in lines]})
    return render(request, "energy/payments/run_detail.html", {
        "run": run, "call": run.call, "lines": lines, "names": file_names(run)})


def _download(request, code, number, kind):
    run = _run_or_404(code, number)
    text = run.bill_credit_csv if kind == "csv" else run.sepa_xml
    if not text:
        raise Http404
    audit_record(actor=request.user, action=AuditAction.VIEW, target=run,
                 changes={"download": kind})
    content_type = "text/csv; charset=utf-8" if kind == "csv" else "application/xml"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_names(run)[kind]}"'
    return response


@allow("energy.view_payments")
def run_csv(request, code, number):
    return _download(request, code, number, "csv")


@allow("energy.view_payments")
def run_sepa(request, code, number):
    return _download(request, code, number, "xml")
