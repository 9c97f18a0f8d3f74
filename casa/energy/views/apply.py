"""Applying for the energy contribution: the tenant's form, its check page and the status of
their application with the PDF receipt; and the same form at a Spazio CASA desk, where staff
apply on a tenant's behalf (channel "assisted")."""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import iban as stdnum_iban

from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record
from casa.core.forms import DateInput, MoneyField
from casa.core.pdf import render_pdf
from casa.registry.models import IseeKind, Relation

from .. import rules, workflow
from ..appeals import appealable_decisions, open_appeal
from ..applying import (
    REQUIRED_DECLARATIONS,
    application_provide_information,
    application_submit,
    check_application,
    needs_iban,
)
from ..explain import (
    ISEE_WHY,
    REASON_LABELS,
    explain,
    isee_used,
    isee_wanted_sentence,
    kind_label,
    set_aside_sentence,
)
from ..forms import AppealForm, add_service_errors
from ..letters import letter_available
from ..models import (
    Application,
    ApplicationStatus,
    Call,
    Channel,
    DecisionState,
    IdentityDocument,
)
from .common import call_or_404, household_qs, tenant_household_or_404

ISEE_FIELDS = ["isee_kind", "isee_value", "dsu_protocol", "isee_issued_on", "isee_valid_until"]
# Service error keys -> form fields.
FIELD_NAMES = {NON_FIELD_ERRORS: None}


class IseeIbanForm(forms.Form):
    """A newer ISEE (all five fields or none) and, for autonomous heating, an IBAN."""

    isee_kind = forms.ChoiceField(label=gettext_lazy("Kind of ISEE"), required=False,
                                  choices=IseeKind.choices, widget=forms.RadioSelect)
    isee_value = MoneyField(label=gettext_lazy("ISEE value (€)"), required=False,
                             min_value=0, max_digits=12)
    dsu_protocol = forms.CharField(
        label=gettext_lazy("DSU protocol number"), required=False, max_length=40,
        help_text=gettext_lazy("As written on the ISEE certificate, e.g. "
                               "INPS-ISEE-2025-00597381W-00."))
    isee_issued_on = forms.DateField(label=gettext_lazy("Issued on"), required=False,
                                     widget=DateInput())
    isee_valid_until = forms.DateField(label=gettext_lazy("Valid until"), required=False,
                                       widget=DateInput())
    iban = forms.CharField(
        label=gettext_lazy("IBAN of your bank or postal account"), required=False,
        max_length=42, help_text=gettext_lazy("The contribution is paid into this account, "
                                              "which must be in the name of a household "
                                              "member."))

    iban_holder = forms.ChoiceField(
        label=gettext_lazy("Account holder"), required=False,
        help_text=gettext_lazy("The member of the household who holds the account."))

    def __init__(self, *args, ask_iban, household, **kwargs):
        super().__init__(*args, **kwargs)
        # The service says why an IBAN is needed when it is missing.
        if not ask_iban:
            del self.fields["iban"]
            del self.fields["iban_holder"]
        else:
            self.fields["iban_holder"].choices = [("", "—")] + [
                (member.fiscal_code, f"{member.first_name} {member.last_name}")
                for member in household.members.all()]

    def clean(self):
        data = super().clean()
        given = [name for name in ISEE_FIELDS if data.get(name) not in (None, "")]
        if given and len(given) < len(ISEE_FIELDS):
            for name in ISEE_FIELDS:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Fill in every field of the new ISEE, or none."))
        return data

    def declared_isee(self):
        data = self.cleaned_data
        if not data.get("isee_kind"):
            return None
        return {"kind": data["isee_kind"], "value": data["isee_value"],
                "dsu_protocol": data["dsu_protocol"], "issued_on": data["isee_issued_on"],
                "valid_until": data["isee_valid_until"]}

    def declared_iban(self):
        return self.cleaned_data.get("iban", "")

    def declared_holder(self):
        return self.cleaned_data.get("iban_holder", "")

    def isee_fields(self):
        return [self[name] for name in ISEE_FIELDS]


class ApplyForm(IseeIbanForm):
    declarations = forms.MultipleChoiceField(
        label=gettext_lazy("Declarations"), choices=REQUIRED_DECLARATIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("To apply you must accept every "
                                                 "declaration.")})
    # At the desk: how the applicant's identity was checked.
    identity_document = forms.ChoiceField(
        label=gettext_lazy("Identity document checked"), required=False,
        choices=[("", "—"), *IdentityDocument.choices])
    identity_document_number = forms.CharField(label=gettext_lazy("Document number"),
                                               required=False, max_length=32)
    declarations_read_and_signed = forms.BooleanField(
        label=gettext_lazy("I read the declarations to the applicant, who signed the printed "
                           "form"), required=False)

    def __init__(self, *args, assisted=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the service says: a declaration left out gets the same message.
        self.fields["declarations"].required = False
        if not assisted:
            for name in ("identity_document", "identity_document_number",
                         "declarations_read_and_signed"):
                del self.fields[name]

    def identity(self):
        data = self.cleaned_data
        return {"document": data.get("identity_document", ""),
                "number": data.get("identity_document_number", ""),
                "read_and_signed": data.get("declarations_read_and_signed", False)}

    def identity_fields(self):
        return [self[name] for name in ("identity_document", "identity_document_number",
                                        "declarations_read_and_signed") if name in self.fields]


def _register_context(call, household, today):
    """What CASA already knows about the household, for the form: the ISEE the rule will use
    today (and why), the season's heating charges."""
    declarations = [rules.Isee(d.kind, d.value_eur, d.dsu_protocol, d.issued_on, d.valid_until)
                    for d in household.isee_declarations.all()]
    try:
        kinds = call.params_at(today).isee_kinds
    except rules.MissingParameter:
        kinds = ("ordinario", "corrente")
    choice = rules.isee_choice(declarations, today, kinds)
    return {
        "household": household,
        "head": _head(household),
        "register_isee": choice.chosen,
        "register_isee_kind": kind_label(choice.chosen.kind) if choice.chosen else "",
        "register_isee_why": ISEE_WHY.get(choice.why, "") if len(declarations) > 1 else "",
        "register_isee_set_aside": set_aside_sentence(
            [{"kind": i.kind, "value_eur": str(i.value), "issued_on": i.issued_on.isoformat(),
              "reason": reason} for i, reason in choice.set_aside]),
        "charges": [c for c in household.heating_charges.all() if c.season == call.season],
        "ask_iban": needs_iban(household),
    }


def _head(household):
    members = list(household.members.all())
    for member in members:
        if member.relation == Relation.HEAD:
            return member
    return members[0] if members else None


def _initial_from(data):
    """An unbound form's initial values from a posted form (the "Change" button)."""
    initial = {name: data.get(name) for name in data if name != "declarations"}
    initial["declarations"] = data.getlist("declarations")
    return initial


def _apply(request, *, call, household, channel, done_url, template_base):
    """The form -> check -> submit flow shared by the tenant and the desk."""
    now = timezone.now()
    today = timezone.localdate(now)
    context = {"call": call, "channel": channel, "is_open": call.is_open(now),
               "declarations": REQUIRED_DECLARATIONS, **template_base,
               **_register_context(call, household, today)}
    assisted = channel == Channel.ASSISTED
    form_kwargs = {"ask_iban": context["ask_iban"], "household": household,
                   "assisted": assisted}
    action = request.POST.get("action", "check") if request.method == "POST" else None
    if action == "edit":
        form = ApplyForm(initial=_initial_from(request.POST), **form_kwargs)
    elif action in ("check", "submit"):
        form = ApplyForm(request.POST, **form_kwargs)
        if form.is_valid():
            arguments = {"call": call, "household": household, "channel": channel,
                         "isee": form.declared_isee(), "iban": form.declared_iban(),
                         "iban_holder": form.declared_holder(),
                         "identity": form.identity() if assisted else None,
                         "declarations": form.cleaned_data["declarations"]}
            try:
                if action == "submit":
                    application = application_submit(acting_user=request.user, **arguments)
                    messages.success(request, _(
                        "The application was submitted. Its protocol number is "
                        "%(protocol)s.") % {"protocol": application.protocol})
                    return redirect(done_url)
                checked = check_application(now=now, **arguments)
            except ValidationError as error:
                add_service_errors(form, error, FIELD_NAMES)
            else:
                declared, outcome = checked.declared, checked.outcome
                context.update({
                    "form": form, "outcome": outcome, "declared": declared,
                    "declared_kind": kind_label(declared.kind) if declared else "",
                    "checked": checked,
                    "outcome_isee_why": ISEE_WHY.get(outcome.isee_why, ""),
                    "identity_label": dict(IdentityDocument.choices).get(
                        checked.identity.get("identity_document"), ""),
                    "reasons": [REASON_LABELS[reason] for reason in outcome.reasons],
                    "sentences": explain(outcome.trace),
                })
                return render(request, "energy/apply/check.html", context)
    else:
        form = ApplyForm(**form_kwargs)
    context["form"] = form
    return render(request, "energy/apply/form.html", context)


# --- Tenant -----------------------------------------------------------------------------------

@allow("energy.apply")
def apply_page(request, code):
    call = call_or_404(code)
    household = tenant_household_or_404(request.user)
    if Application.objects.filter(call=call, household=household).exists():
        return redirect("energy:my_application", code=call.code)
    return _apply(request, call=call, household=household, channel=Channel.ONLINE,
                  done_url=reverse("energy:my_application", args=[call.code]),
                  template_base={
                      "back_url": reverse("energy:tenant_call", args=[call.code]),
                      "action_url": reverse("energy:apply", args=[call.code]),
                      "assisted": False})


STATUS_TEXT = {
    ApplicationStatus.SUBMITTED: gettext_lazy(
        "We have received your application. An officer of Aler Milano will check it."),
    ApplicationStatus.UNDER_REVIEW: gettext_lazy("An officer is checking your application."),
    ApplicationStatus.NEEDS_INFORMATION: gettext_lazy(
        "We need more information from you to decide: see the request below."),
    ApplicationStatus.AWAITING_CONFIRMATION: gettext_lazy(
        "Your application has been checked and is waiting for a final confirmation."),
    ApplicationStatus.APPROVED: gettext_lazy("Your application has been approved."),
    ApplicationStatus.WAITLISTED: gettext_lazy(
        "Your application meets the conditions, but the budget is used up for now: you are "
        "on the waiting list, and we will tell you if money becomes available."),
    ApplicationStatus.REJECTED: gettext_lazy("Your application has not been approved."),
    ApplicationStatus.PAID: gettext_lazy("The contribution has been paid."),
}

S = ApplicationStatus
_REVIEWING = {S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION, S.WAITLISTED}
_DECIDED = {S.APPROVED, S.REJECTED, S.PAID}


def timeline(application, decision):
    """(label, state, date) steps: state is "done", "current" or "todo"."""
    status = application.status
    steps = [(_("Submitted"), "done", application.submitted_at)]
    if status == S.SUBMITTED:
        steps.append((_("Under review"), "todo", None))
    elif status == S.NEEDS_INFORMATION:
        steps.append((_("Under review"), "done", None))
        steps.append((_("Information needed from you"), "current", None))
    else:
        steps.append((_("Under review"), "current" if status in _REVIEWING else "done", None))
    decided_at = decision.decided_at if decision else None
    if status == S.REJECTED:
        steps.append((_("Rejected"), "done", decided_at))
    elif status in (S.APPROVED, S.PAID):
        steps.append((_("Approved"), "done", decided_at))
    else:
        steps.append((_("Decision"), "todo", None))
    if status != S.REJECTED:
        steps.append((_("Paid"), "done" if status == S.PAID else "todo", None))
    return steps


def _latest_decision(application):
    """The latest decision in force (one waiting for a second person is not one yet)."""
    return (application.decisions.filter(state=DecisionState.EFFECTIVE)
            .order_by("-decided_at", "-id").first())


def _status_context(application):
    decision = _latest_decision(application)
    context = {
        "application": application,
        "call": application.call,
        "status_text": STATUS_TEXT.get(application.status, ""),
        "timeline": timeline(application, decision),
        "decision": decision,
        "assisted": application.channel == Channel.ASSISTED,
        "submitted_by_name": application.submitted_by.get_full_name()
        or application.submitted_by.email,
        # The ISEE the rule used: the decision's, or the application's before any decision.
        "isee_used": isee_used(decision or application),
        "letters": [(d, reverse("energy:decision_letter", args=[d.pk]))
                    for d in application.decisions.filter(state=DecisionState.EFFECTIVE)
                    .order_by("-decided_at", "-id") if letter_available(d)],
    }
    if application.status in (S.APPROVED, S.PAID, S.AWAITING_CONFIRMATION):
        context["amount"] = application.approved_amount_eur or (
            decision.amount_eur if decision else application.expected_amount_eur)
    if application.status == S.REJECTED:
        source = decision if decision is not None else application
        context["reasons"] = [REASON_LABELS.get(code, code) for code in source.reasons]
        context["sentences"] = explain(source.trace) if source.trace else []
        context["note"] = decision.note if decision else ""
    if context["letters"]:
        context["letter_url"] = context["letters"][0][1]
    if application.status == S.NEEDS_INFORMATION:
        request = workflow.latest_information_request(application)
        context["information_request"] = request.reason if request else ""
        context["isee_wanted"] = (isee_wanted_sentence(request.details.get("isee_wanted"))
                                  if request else "")
    return context


@allow("energy.apply")
def my_application(request, code):
    call = call_or_404(code)
    household = tenant_household_or_404(request.user)
    application = (Application.objects.filter(call=call, household=household)
                   .select_related("call", "household__unit__building", "submitted_by")
                   .first())
    if application is None:
        return redirect("energy:tenant_call", code=call.code)
    context = _status_context(application)
    if application.status == S.NEEDS_INFORMATION:
        ask_iban = needs_iban(household) and not application.iban
        form = IseeIbanForm(request.POST or None, ask_iban=ask_iban, household=household)
        if request.method == "POST" and form.is_valid():
            try:
                application_provide_information(application=application,
                                                acting_user=request.user,
                                                isee=form.declared_isee(),
                                                iban=form.declared_iban(),
                                                iban_holder=form.declared_holder())
            except ValidationError as error:
                add_service_errors(form, error, FIELD_NAMES)
            else:
                messages.success(request, _("Thank you: your answer was sent, and your "
                                            "application is under review again."))
                return redirect("energy:my_application", code=call.code)
        context["form"] = form
    context["receipt_url"] = reverse("energy:my_receipt", args=[call.code])
    context.update(_appeal_context(application))
    return render(request, "energy/apply/status.html", context)


def _appeal_context(application):
    """The tenant's latest appeal, and the form to file one while a deadline runs."""
    context = {"appeal": application.appeals.select_related("outcome").first()}
    appealable = appealable_decisions(application) if open_appeal(application) is None else []
    if appealable:
        context["appeal_form"] = AppealForm()
        context["appeal_until"] = appealable[0][1]
    return context


def receipt_context(application):
    household = application.household
    return {
        "application": application,
        "household": household,
        "head": _head(household),
        "submitted_at": timezone.localtime(application.submitted_at),
        "assisted": application.channel == Channel.ASSISTED,
        "submitted_by_name": application.submitted_by.get_full_name()
        or application.submitted_by.email,
        "iban_display": stdnum_iban.format(application.iban) if application.iban else "",
        "isee_kind_label": kind_label(application.isee_kind) if application.isee_kind else "",
        "reasons": [REASON_LABELS.get(code, code) for code in application.reasons],
        "declarations": [text for code, text in REQUIRED_DECLARATIONS
                         if code in application.declarations],
    }


def _receipt_response(application):
    pdf = render_pdf("energy/pdf/receipt.html", receipt_context(application))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{application.protocol}.pdf"')
    return response


def _application_of(call, household):
    application = (Application.objects.filter(call=call, household=household)
                   .select_related("call", "household__unit__building", "submitted_by")
                   .first())
    if application is None:
        raise Http404
    return application


@allow("energy.apply")
def my_receipt(request, code):
    call = call_or_404(code)
    household = tenant_household_or_404(request.user)
    return _receipt_response(_application_of(call, household))


# --- At the desk (assisted) -------------------------------------------------------------------

def _staff_household_or_404(user, code):
    household = household_qs(user).filter(code=code).first()
    if household is None:
        raise Http404  # outside the user's hubs: do not reveal that it exists
    return household


@allow("energy.apply_assisted")
def household_energy(request, household):
    """A household's applications and the open calls it can apply to at the desk."""
    household = _staff_household_or_404(request.user, household)
    now = timezone.now()
    applications = {a.call_id: a for a in Application.objects.filter(household=household)}
    rows = [(call, applications.get(call.pk), call.is_open(now))
            for call in Call.objects.all()
            if call.pk in applications or call.is_open(now)]
    audit_record(actor=request.user, action=AuditAction.VIEW, target=household,
                 note="energy applications")
    return render(request, "energy/apply/household.html", {
        "household": household, "rows": rows,
        "status_labels": dict(ApplicationStatus.choices),
    })


@allow("energy.apply_assisted")
def assisted_apply(request, code, household):
    call = call_or_404(code)
    household = _staff_household_or_404(request.user, household)
    existing = Application.objects.filter(call=call, household=household).first()
    done_url = reverse("energy:household_energy", args=[household.code])
    if existing is not None:
        messages.info(request, _("This household has already applied: protocol number "
                                 "%(protocol)s.") % {"protocol": existing.protocol})
        return redirect(done_url)
    if request.POST.get("action") != "submit":  # the page shows the household's data
        audit_record(actor=request.user, action=AuditAction.VIEW, target=household,
                     note=f"assisted application {call.code}")
    return _apply(request, call=call, household=household, channel=Channel.ASSISTED,
                  done_url=done_url,
                  template_base={
                      "back_url": done_url,
                      "action_url": reverse("energy:assisted_apply",
                                            args=[call.code, household.code]),
                      "assisted": True})


@allow("energy.apply_assisted")
def assisted_receipt(request, code, household):
    call = call_or_404(code)
    household = _staff_household_or_404(request.user, household)
    application = _application_of(call, household)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=application,
                 note="receipt")
    return _receipt_response(application)
