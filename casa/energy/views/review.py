"""The review of applications for benefit officers and approvers: the queue with its filters,
an application with the household, the rule's checks in plain words, the decision history,
the call's budget and the actions (start the review, ask for information, approve or reject,
confirm). Applications are personal data: lists and pages cover only the households the user
may see, and each view is recorded in the audit trail."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_event, audit_record
from casa.registry.models import Hub

from .. import appeals, controls, decisions, workflow
from ..explain import REASON_LABELS, explain, isee_used, isee_wanted_sentence
from ..letters import letter_available
from ..models import (
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    Channel,
    Decision,
    DecisionState,
)
from .common import application_or_404, applications_for

S = ApplicationStatus


class QueueFilterForm(forms.Form):
    call = forms.ModelChoiceField(label=gettext_lazy("Call"), required=False,
                                  queryset=Call.objects.all(), to_field_name="code",
                                  empty_label=gettext_lazy("All calls"))
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("Every status")), *S.choices])
    hub = forms.ModelChoiceField(label=gettext_lazy("Spazio CASA"), required=False,
                                 queryset=Hub.objects.order_by("name"), to_field_name="code",
                                 empty_label=gettext_lazy("All Spazi CASA"))
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False,
                                choices=[("", gettext_lazy("Every channel")),
                                         *Channel.choices])
    to_confirm = forms.BooleanField(label=gettext_lazy("Only approvals I can confirm"),
                                    required=False)
    appeal = forms.BooleanField(label=gettext_lazy("Only applications with an open appeal"),
                                required=False)


class DecisionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Reasons in words"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class InformationForm(forms.Form):
    message = forms.CharField(label=gettext_lazy("What the tenant must send"),
                              widget=forms.Textarea(attrs={"rows": 3}))


@allow("energy.view_applications")
def queue(request):
    form = QueueFilterForm(request.GET or None)
    applications = (applications_for(request.user)
                    .select_related("call", "household__unit__building__hub")
                    .order_by("submitted_at", "pk"))
    if form.is_valid():
        data = form.cleaned_data
        if data["call"]:
            applications = applications.filter(call=data["call"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data["hub"]:
            applications = applications.filter(household__unit__building__hub=data["hub"])
        if data["channel"]:
            applications = applications.filter(channel=data["channel"])
        if data["to_confirm"]:
            pending = Decision.objects.filter(application=OuterRef("pk"),
                                              state=DecisionState.PENDING)
            applications = applications.filter(Exists(pending)).exclude(
                Exists(pending.filter(decided_by=request.user))).exclude(
                channel=Channel.ASSISTED, submitted_by=request.user)
        if data["appeal"]:
            applications = applications.filter(appeals__status=AppealStatus.OPEN)
    page = Paginator(applications, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(application, application.isee_used_eur) for application in page.object_list]
    audit_event(actor=request.user, action=AuditAction.VIEW,
                target_type=Application._meta.label_lower, target_id="review-queue",
                target_repr=_("Review queue"),
                changes={"filters": {key: value for key, value in request.GET.items()
                                     if key != "page" and value},
                         "applications_listed": [app.protocol for app, _isee in rows]}).save()
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "energy/review/queue.html", {
        "form": form, "page": page, "rows": rows, "query_string": query.urlencode()})


@allow("energy.view_applications")
def application_page(request, protocol):
    application = application_or_404(request.user, protocol)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=application)
    call = application.call
    household = application.household
    user = request.user
    decision_rows = list(application.decisions.select_related("decided_by", "confirmed_by")
                         .order_by("decided_at", "id"))
    pending = next((d for d in decision_rows if d.state == DecisionState.PENDING), None)
    can_review = can(user, "energy.review")
    appeal = appeals.open_appeal(application)
    request_change = workflow.latest_information_request(application)
    decide_conflict = decisions.duty_conflict(application, user, controls.Duty.DECIDE)
    confirm_conflict = (decisions.duty_conflict(application, user, controls.Duty.CONFIRM)
                        if pending else None)
    return render(request, "energy/review/application.html", {
        "appeal": appeal,
        "can_decide_appeal": appeal is not None and appeals.may_decide(appeal, user),
        "appeal_is_mine": (appeal is not None and can_review
                           and not appeals.may_decide(appeal, user)),
        "application": application,
        "call": call,
        "household": household,
        "members": household.members.order_by("relation", "last_name"),
        "isee_used": isee_used(application),
        "reasons": [REASON_LABELS.get(code, code) for code in application.reasons],
        "sentences": explain(application.trace or []),
        "decisions": [(decision, explain(decision.trace or []),
                       [REASON_LABELS.get(code, code) for code in decision.reasons],
                       isee_used(decision), letter_available(decision))
                      for decision in decision_rows],
        "history": workflow.history(application),
        "information_request": request_change,
        "isee_wanted": isee_wanted_sentence((request_change.details or {}).get("isee_wanted"))
        if request_change else "",
        "answers": application.answers.prefetch_related("attachments").order_by("answered_at"),
        "pending": pending,
        "left": call.budget_eur - call.committed_eur,
        "position": application.waitlist_position,
        "can_start": can_review and application.status in (S.SUBMITTED, S.NEEDS_INFORMATION),
        "can_ask": can_review and workflow.can_move(application, S.NEEDS_INFORMATION),
        "can_decide": (can_review and application.status in decisions.DECIDABLE
                       and decide_conflict is None),
        "decide_conflict": (decisions.CONFLICT_MESSAGES[decide_conflict]
                            if can_review and decide_conflict
                            and application.status in decisions.DECIDABLE else ""),
        "can_confirm": (pending is not None and can(user, "energy.confirm")
                        and confirm_conflict is None),
        "confirm_conflict": (decisions.CONFLICT_MESSAGES[confirm_conflict]
                             if pending is not None and confirm_conflict else ""),
        "can_send_back": pending is not None and (can(user, "energy.confirm") or can_review),
        "decision_form": DecisionForm(),
        "information_form": InformationForm(),
    })


ACTIONS = {
    # action -> capability it needs (the services check duties and conflicts again)
    "start": "energy.review",
    "information": "energy.review",
    "approve": "energy.review",
    "reject": "energy.review",
    "confirm": "energy.confirm",
    "send_back": "energy.view_applications",
}


@allow("energy.view_applications")
@require_http_methods(["GET", "POST"])
def application_action(request, protocol):
    """POST one action on the application; a GET only leads back to its page."""
    application = application_or_404(request.user, protocol)
    if request.method != "POST":
        return redirect("energy:review_application", protocol=protocol)
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("energy:review_application", protocol=protocol)
    if not can(request.user, ACTIONS[action]):
        raise PermissionDenied
    user = request.user
    try:
        if action == "start":
            decisions.application_start_review(application=application, acting_user=user)
            messages.success(request, _("Review started."))
        elif action == "send_back":
            decisions.application_send_back(application=application, acting_user=user,
                                            note=request.POST.get("note", ""))
            messages.success(request, _("Sent back without confirmation."))
        elif action == "information":
            decisions.application_request_information(
                application=application, message=request.POST.get("message", ""),
                acting_user=user)
            messages.success(request, _("The request for information was sent to the "
                                        "tenant."))
        elif action in ("approve", "reject"):
            decision = decisions.application_decide(
                application=application, approve=action == "approve",
                note=request.POST.get("note", ""), acting_user=user)
            messages.success(request, _decided_message(decision))
        else:
            decision = decisions.application_confirm(application=application, acting_user=user)
            messages.success(request, _("Confirmed.") if decision.outcome == S.APPROVED
                             else _("Confirmed, but the budget left does not cover it: the "
                                    "application is on the waiting list."))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("energy:review_application", protocol=protocol)


def _decided_message(decision):
    if decision.outcome == S.REJECTED:
        return _("Application rejected; the tenant has been told.")
    if decision.outcome == S.WAITLISTED:
        return _("The budget left does not cover the amount: the application is on the "
                 "waiting list.")
    if decision.state == DecisionState.PENDING:
        return _("Approval recorded: above the threshold, an approver must confirm it.")
    return _("Application approved; the amount is committed against the budget.")
