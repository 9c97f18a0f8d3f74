"""Back-office pages for payment runs: a call's runs (those whose files were never handed over
first), starting a run after a confirmation, a run's lines with their decisions and account
holders, the download of its files (the first one hands them over), the confirmation of its
execution, returned lines, and the billing office's list of overpayments to recover. Lines and
files hold personal data (households, IBANs): reading them goes into the audit trail. Every
page takes a fixed number of queries whatever the number of lines."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    IntegerField,
    Q,
    Value,
    When,
)
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.money import format_euro

from ..models import PaymentLine, PaymentRun, PaymentRunState, Recovery
from ..payments import (
    file_names,
    held_back_reason,
    masked_iban,
    payment_line_return,
    payment_preview,
    payment_run,
    payment_run_confirm,
)
from ..recoveries import call_recoveries, recovery_mark_recovered
from .common import call_or_404


class ConfirmationForm(forms.Form):
    executed_on = forms.DateField(label=gettext_lazy("Executed on"),
                                  widget=forms.DateInput(attrs={"type": "date",
                                                                "class": "form-control"}))
    reference = forms.CharField(label=gettext_lazy("Reference (bank statement, billing "
                                                   "system batch)"),
                                max_length=100, required=False,
                                widget=forms.TextInput(attrs={"class": "form-control"}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why it was returned"), max_length=500,
                             widget=forms.TextInput)


class RecoveredForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note (how it was recovered)"), max_length=500,
                           required=False, widget=forms.TextInput)


def _run_or_404(code, number):
    return get_object_or_404(PaymentRun.objects.select_related("call", "created_by",
                                                               "confirmed_by"),
                             call__code=code, number=number)


def _held_back(items):
    return [{**item, "why": held_back_reason(item)} for item in items]


@allow("energy.view_payments")
def run_list(request, code):
    call = call_or_404(code)
    can_pay = can(request.user, "energy.pay")
    # Runs whose files nobody has come first: they are the ones to act on.
    runs = list(call.payment_runs.select_related("created_by")
                .defer("bill_credit_csv", "sepa_xml")
                .annotate(undelivered=Case(When(state=PaymentRunState.PREPARED, then=Value(0)),
                                           default=Value(1), output_field=IntegerField()),
                          has_csv=ExpressionWrapper(~Q(bill_credit_csv=""),
                                                    output_field=BooleanField()),
                          has_xml=ExpressionWrapper(~Q(sepa_xml=""),
                                                    output_field=BooleanField()))
                .order_by("undelivered", "-number"))
    preview = payment_preview(call) if can_pay else None
    return render(request, "energy/payments/run_list.html", {
        "call": call, "runs": runs, "can_pay": can_pay, "preview": preview,
        "held_back": _held_back(preview.held_back) if preview else [],
        "undelivered": [run for run in runs if run.state == PaymentRunState.PREPARED],
        "open_recoveries": Recovery.objects.filter(application__call=call,
                                                   state="open").count(),
    })


@allow("energy.pay")
@require_http_methods(["GET", "POST"])
def run_new(request, code):
    """GET: what a run would pay now, to confirm. POST: the run."""
    call = call_or_404(code)
    if request.method == "POST":
        run = payment_run(call=call, acting_user=request.user)
        if run.held_back:
            messages.warning(request, _(
                "%(count)s payments were held back: see why below, fix them, and the next run "
                "pays them.") % {"count": len(run.held_back)})
        if run.pk is None:
            messages.info(request, _("Nothing to pay: every approved amount of this call is "
                                     "already paid."))
            return redirect("energy:payment_runs", code=call.code)
        messages.success(request, _(
            "Payment run %(number)s prepared: %(lines)s payments, %(total)s in total. Download "
            "its files and hand them over; once they are executed, record the "
            "confirmation.") % {"number": run.number, "lines": run.lines_count,
                                "total": format_euro(run.total_eur)})
        return redirect("energy:payment_run", code=call.code, number=run.number)
    preview = payment_preview(call)
    return render(request, "energy/payments/run_confirm.html", {
        "call": call, "preview": preview, "held_back": _held_back(preview.held_back)})


def _run_page(request, run, form=None):
    lines = list(run.lines.select_related("decision", "household", "returned_by")
                 .order_by("protocol"))
    for line in lines:
        line.iban_masked = masked_iban(line.iban)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=run,
                 changes={"households_listed": [line.household.code for line in lines]})
    can_pay = can(request.user, "energy.pay")
    if form is None:
        form = ConfirmationForm(initial={"executed_on": timezone.localdate()})
    return render(request, "energy/payments/run_detail.html", {
        "run": run, "call": run.call, "lines": lines, "names": file_names(run),
        "held_back": _held_back(run.held_back), "can_pay": can_pay,
        "form": form if can_pay and run.state == PaymentRunState.DELIVERED else None,
        "can_return": can_pay and run.state != PaymentRunState.PREPARED,
    }, status=400 if form.errors else 200)


@allow("energy.view_payments")
def run_detail(request, code, number):
    return _run_page(request, _run_or_404(code, number))


@allow("energy.pay")
@require_http_methods(["GET", "POST"])
def run_confirm(request, code, number):
    """The billing system and the bank executed the files: record it (the only step that
    makes applications paid and tells tenants). A GET leads back to the run's page."""
    run = _run_or_404(code, number)
    if request.method != "POST":
        return redirect("energy:payment_run", code=code, number=number)
    form = ConfirmationForm(request.POST)
    if form.is_valid():
        try:
            payment_run_confirm(run=run, executed_on=form.cleaned_data["executed_on"],
                                reference=form.cleaned_data["reference"],
                                acting_user=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                for message in error.messages:
                    form.add_error(None, message)
        else:
            messages.success(request, _(
                "Payment run %(number)s confirmed: its applications are paid and the tenants "
                "told.") % {"number": run.number})
            return redirect("energy:payment_run", code=code, number=number)
    run.refresh_from_db()
    return _run_page(request, run, form)


@allow("energy.pay")
@require_http_methods(["GET", "POST"])
def line_return(request, code, number, line_id):
    """A line returned by the bank or the billing system. A GET leads back to the run."""
    run = _run_or_404(code, number)
    line = get_object_or_404(PaymentLine.objects.select_related("run"), run=run, pk=line_id)
    if request.method != "POST":
        return redirect("energy:payment_run", code=code, number=number)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write why the payment was returned."))
        payment_line_return(line=line, reason=form.cleaned_data["reason"],
                            acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _(
            "Payment %(id)s recorded as returned: the next run pays it again.") % {
            "id": line.end_to_end_id})
    return redirect("energy:payment_run", code=code, number=number)


def _download(request, code, number, kind):
    from ..payments import mark_delivered

    run = _run_or_404(code, number)
    text = run.bill_credit_csv if kind == "csv" else run.sepa_xml
    if not text:
        raise Http404
    audit_record(actor=request.user, action=AuditAction.VIEW, target=run,
                 changes={"download": kind})
    # The first download hands the files over: the run is no longer "never delivered".
    mark_delivered(run, actor=request.user, how=f"downloaded ({kind})")
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


@allow("energy.view_payments")
def recovery_list(request, code):
    call = call_or_404(code)
    recoveries = list(call_recoveries(call))
    audit_record(actor=request.user, action=AuditAction.VIEW, target=call,
                 changes={"recoveries_listed": [r.application.protocol for r in recoveries]})
    return render(request, "energy/payments/recoveries.html", {
        "call": call, "recoveries": recoveries,
        "form": RecoveredForm() if can(request.user, "energy.pay") else None,
    })


@allow("energy.pay")
@require_http_methods(["GET", "POST"])
def recovery_recovered(request, code, pk):
    """The billing office recovered an overpayment. A GET leads back to the list."""
    call = call_or_404(code)
    recovery = get_object_or_404(Recovery.objects.select_related("application"),
                                 application__call=call, pk=pk)
    if request.method != "POST":
        return redirect("energy:payment_recoveries", code=code)
    form = RecoveredForm(request.POST)
    form.is_valid()
    try:
        recovery_mark_recovered(recovery=recovery, note=form.cleaned_data.get("note", ""),
                                acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _(
            "%(amount)s of application %(protocol)s recorded as recovered.") % {
            "amount": format_euro(recovery.amount_eur),
            "protocol": recovery.application.protocol})
    return redirect("energy:payment_recoveries", code=code)
