"""Applying for the energy contribution: the tenant's form, its check page and the status of
their application with the PDF receipt; and the same form at a Spazio CASA desk, where staff
apply on a tenant's behalf (channel "assisted")."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import iban as stdnum_iban

from casa.core.access import allow
from casa.core.audit import AuditAction, audit_event, audit_record
from casa.core.drafts import with_draft
from casa.core.pdf import render_pdf

from .. import rules, workflow
from ..appeals import appealable_decisions, open_appeal
from ..applying import (
    REQUIRED_DECLARATIONS,
    application_submit,
    check_application,
    isee_not_counted,
    needs_iban,
)
from ..assisted_form import draft_context, head_of, render_form
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
from ..letters import letter_available, summary_language
from ..models import (
    Application,
    ApplicationStatus,
    Call,
    Channel,
    DecisionState,
    IdentityDocument,
)
from . import answers
from .apply_forms import ApplyForm
from .common import call_or_404, household_qs, tenant_household_or_404
from .documents import form_response

# Service error keys -> form fields.
FIELD_NAMES = {NON_FIELD_ERRORS: None}


def desk_view(user, household, *, note):
    """Staff read a household's energy data at the desk: an audit event of the energy app's
    own record type ("energy.desk"), so that the household's history shows it only to those
    who may read energy applications (not to care and vigilance staff)."""
    audit_event(actor=user, action=AuditAction.VIEW, target_type="energy.desk",
                target_id=household.code, target_repr=str(household),
                subject=household.audit_subject, note=note).save()
# A submission refused only for this is shown again on the check page, where the box is.
SIGNATURE = "declarations_read_and_signed"


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
        "head": head_of(household),
        "register_isee": choice.chosen,
        "register_isee_kind": kind_label(choice.chosen.kind) if choice.chosen else "",
        "register_isee_why": ISEE_WHY.get(choice.why, "") if len(declarations) > 1 else "",
        "register_isee_set_aside": set_aside_sentence(
            [{"kind": i.kind, "value_eur": str(i.value), "issued_on": i.issued_on.isoformat(),
              "reason": reason} for i, reason in choice.set_aside]),
        "charges": [c for c in household.heating_charges.all() if c.season == call.season],
        "ask_iban": needs_iban(household),
    }


def _initial_from(data):
    """An unbound form's initial values from a posted form (the "Change" button)."""
    initial = {name: data.get(name) for name in data if name != "declarations"}
    initial["declarations"] = data.getlist("declarations")
    return initial


def _check_context(call, household, checked):
    """What the check page shows: the declared ISEE, the rule's outcome and why, and whether
    the declared ISEE would be set aside (which one counts instead, and why)."""
    declared, outcome = checked.declared, checked.outcome
    not_counted = (isee_not_counted(call=call, household=household, isee=declared,
                                    on=checked.on) if declared else None)
    return {
        "outcome": outcome, "declared": declared,
        "declared_kind": kind_label(declared.kind) if declared else "",
        "checked": checked,
        "outcome_isee_why": ISEE_WHY.get(outcome.isee_why, ""),
        "isee_not_counted": (answers.isee_not_counted_sentences(not_counted)
                             if not_counted else []),
        "identity_label": dict(IdentityDocument.choices).get(
            checked.identity.get("identity_document"), ""),
        "reasons": [REASON_LABELS[reason] for reason in outcome.reasons],
        "sentences": explain(outcome.trace),
    }


def _apply(request, *, call, household, channel, done_url, template_base):
    """The form -> check -> submit flow shared by the tenant and the desk. At the desk the
    check page also prints the form to sign ("print_form"), and the submission needs the box
    saying it was read and signed."""
    now = timezone.now()
    today = timezone.localdate(now)
    context = {"call": call, "channel": channel, "is_open": call.is_open(now),
               "declarations": REQUIRED_DECLARATIONS, **template_base,
               **_register_context(call, household, today)}
    assisted = channel == Channel.ASSISTED
    form_kwargs = {"ask_iban": context["ask_iban"], "household": household,
                   "assisted": assisted}
    action = request.POST.get("action", "check") if request.method == "POST" else None
    if action == "print_form" and not assisted:
        action = "check"
    if action == "edit":
        form = ApplyForm(initial=_initial_from(request.POST), **form_kwargs)
    elif action in ("check", "submit", "print_form"):
        form = ApplyForm(request.POST, **form_kwargs)
        if form.is_valid():
            arguments = {"call": call, "household": household, "channel": channel,
                         "isee": form.declared_isee(), "iban": form.declared_iban(),
                         "iban_holder": form.declared_holder(),
                         "identity": form.identity() if assisted else None,
                         "declarations": form.cleaned_data["declarations"]}
            try:
                if action == "submit":
                    try:
                        application = application_submit(acting_user=request.user,
                                                         **arguments)
                    except ValidationError as error:
                        if set(error.message_dict) != {SIGNATURE}:
                            raise
                        form.add_error(SIGNATURE, error.message_dict[SIGNATURE])
                    else:
                        messages.success(request, _(
                            "The application was submitted. Its protocol number is "
                            "%(protocol)s.") % {"protocol": application.protocol})
                        return redirect(done_url)
                checked = check_application(now=now, **arguments)
            except ValidationError as error:
                add_service_errors(form, error, FIELD_NAMES)
            else:
                if action == "print_form":
                    desk_view(request.user, household,
                                 note=f"form to sign {call.code}")
                    pdf = render_form(draft_context, call=call, household=household,
                                      checked=checked, staff=request.user)
                    return form_response(pdf, f"domanda-assistita-{household.code}.pdf")
                context.update({"form": form, **_check_context(call, household, checked)})
                return render(request, "energy/apply/check.html", context)
    else:
        form = ApplyForm(**form_kwargs)
    # The language switch keeps what was typed (casa/core/drafts.py).
    context["form"] = with_draft(request, form, "apply-form")
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
        "We received your application. A member of Aler Milano's staff will check it."),
    ApplicationStatus.UNDER_REVIEW: gettext_lazy("An officer is checking your application."),
    ApplicationStatus.NEEDS_INFORMATION: gettext_lazy(
        "We need more information from you to decide. Read the request below."),
    ApplicationStatus.AWAITING_CONFIRMATION: gettext_lazy(
        "We have checked your application. Now it waits for a last confirmation."),
    ApplicationStatus.APPROVED: gettext_lazy("Your application has been approved."),
    ApplicationStatus.WAITLISTED: gettext_lazy(
        "Your application meets all the conditions. But the money for this call has run out for "
        "now. You are on the waiting list: if money is free again, we will tell you."),
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
        # The account's name (accounts.User.__str__): a tenant's may have no e-mail.
        "submitted_by_name": str(application.submitted_by),
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
    return context


def _information_context(application):
    """The latest request for information and which ISEE would change the outcome."""
    request = workflow.latest_information_request(application)
    return {"information_request": request.reason if request else "",
            "isee_wanted": (isee_wanted_sentence(request.details.get("isee_wanted"))
                            if request else "")}


def _answer_and_bank(request, application, *, at_desk, done_url):
    """The answer form (while information is asked for) and the bank-account form, and their
    POSTs ("action": "answer", the default, or "change_iban"): a redirect once saved,
    otherwise the context to show."""
    waiting = application.status == S.NEEDS_INFORMATION
    action = request.POST.get("action", "answer") if request.method == "POST" else None
    context = {}
    if action == "change_iban":
        done, context = answers.post_iban_change(request, application, at_desk=at_desk)
        if done:
            return redirect(done_url), {}
    elif action == "answer" and waiting:
        done, context = answers.post_answer(request, application, at_desk=at_desk)
        if done:
            return redirect(done_url), {}
    if waiting:
        context.setdefault("form", answers.answer_form(application))
        context.update(_information_context(application))
    if "bank" not in context:
        context.update(answers.bank_context(request, application, at_desk=at_desk))
    return None, context


@allow("energy.apply")
def my_application(request, code):
    call = call_or_404(code)
    household = tenant_household_or_404(request.user)
    application = (Application.objects.filter(call=call, household=household)
                   .select_related("call", "household__unit__building", "submitted_by")
                   .first())
    if application is None:
        return redirect("energy:tenant_call", code=call.code)
    response, forms_context = _answer_and_bank(
        request, application, at_desk=False,
        done_url=reverse("energy:my_application", args=[call.code]))
    if response is not None:
        return response
    context = _status_context(application)
    context.update(forms_context)
    context["receipt_url"] = reverse("energy:my_receipt", args=[call.code])
    context.update(_appeal_context(application))
    # The language switch keeps what was typed in the page's main form.
    if context.get("form") is not None:
        with_draft(request, context["form"], "information-form")
    elif context.get("appeal_form") is not None:
        with_draft(request, context["appeal_form"], "appeal-form")
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
        "head": head_of(household),
        "submitted_at": timezone.localtime(application.submitted_at),
        "assisted": application.channel == Channel.ASSISTED,
        # The account's name (accounts.User.__str__): a tenant's may have no e-mail.
        "submitted_by_name": str(application.submitted_by),
        "iban_display": stdnum_iban.format(application.iban) if application.iban else "",
        "isee_kind_label": kind_label(application.isee_kind) if application.isee_kind else "",
        "reasons": [REASON_LABELS.get(code, code) for code in application.reasons],
        "declarations": [text for code, text in REQUIRED_DECLARATIONS
                         if code in application.declarations],
        "summary_language": summary_language(household),
    }


def _receipt_response(application):
    """The receipt in Italian, the binding text, whatever the page's language; a summary in
    the household's language follows on its own page when that is another (issue 12)."""
    with translation.override("it"):
        context = receipt_context(application)
        pdf = render_pdf("energy/pdf/receipt.html", context,
                         also_in=context["summary_language"])
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
    desk_view(request.user, household,
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
        desk_view(request.user, household,
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


@allow("energy.apply_assisted")
def assisted_application(request, code, household):
    """A household's application at the desk: where it is, the answer to a request for
    information on the household's behalf, the change of bank account after checking an
    identity document, the receipt and (for desk applications) the form to sign."""
    call = call_or_404(code)
    household = _staff_household_or_404(request.user, household)
    application = _application_of(call, household)
    here = reverse("energy:assisted_application", args=[call.code, household.code])
    response, forms_context = _answer_and_bank(request, application, at_desk=True,
                                               done_url=here)
    if response is not None:
        return response
    if request.method != "POST":
        audit_record(actor=request.user, action=AuditAction.VIEW, target=application,
                     note="desk page")
    context = _status_context(application)
    context.update(forms_context)
    context.update({
        "household": household,
        "back_url": reverse("energy:household_energy", args=[household.code]),
        "receipt_url": reverse("energy:assisted_receipt", args=[call.code, household.code]),
        "form_url": (reverse("energy:assisted_form", args=[application.protocol])
                     if application.channel == Channel.ASSISTED else ""),
    })
    return render(request, "energy/apply/assisted_application.html", context)
