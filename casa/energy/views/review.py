"""The review of applications for benefit officers and approvers: the queue with its filters,
an application with the household, the rule's checks in plain words, the decision history,
the call's budget and the actions (start the review, ask for information, approve or reject,
confirm). Applications are personal data: lists and pages cover only the households the user
may see, and each view is recorded in the audit trail."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_event, audit_record
from casa.registry.access import visible_households
from casa.registry.models import Hub

from .. import appeals, review
from ..explain import REASON_LABELS, explain
from ..models import (
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    Channel,
    Decision,
    DecisionKind,
)

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


def _applications(user):
    """The applications of the households `user` may see."""
    return Application.objects.filter(household__in=visible_households(user))


def _isee(application):
    """The ISEE the rule used at submission (the declared one, else the register's)."""
    if application.isee_eur is not None:
        return application.isee_eur
    for step in application.trace or ():
        isee = step.get("inputs", {}).get("isee")
        if step.get("check") == "isee_missing" and isee:
            return Decimal(isee["value_eur"])
    return None


@allow("energy.view_applications")
def queue(request):
    form = QueueFilterForm(request.GET or None)
    applications = (_applications(request.user)
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
            mine = Decision.objects.filter(application=OuterRef("pk"),
                                           decided_by=request.user,
                                           confirmed_by__isnull=True)
            applications = applications.filter(status=S.AWAITING_CONFIRMATION).exclude(
                Exists(mine))
        if data["appeal"]:
            applications = applications.filter(appeals__status=AppealStatus.OPEN)
    page = Paginator(applications, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(application, _isee(application)) for application in page.object_list]
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


def application_or_404(user, protocol):
    application = (_applications(user).select_related("call", "household__unit__building__hub")
                   .filter(protocol=protocol).first())
    if application is None:
        raise Http404
    return application


@allow("energy.view_applications")
def application_page(request, protocol):
    application = application_or_404(request.user, protocol)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=application)
    call = application.call
    household = application.household
    decisions = list(application.decisions.select_related("decided_by", "confirmed_by")
                     .order_by("decided_at", "id"))
    pending = review.pending_decision(application)
    committed = set(application.budget_entries.values_list("decision_id", flat=True))
    user = request.user
    can_review = can(user, "energy.review")
    appeal = appeals.open_appeal(application)
    return render(request, "energy/review/application.html", {
        "appeal": appeal,
        "can_decide_appeal": appeal is not None and appeals.may_decide(appeal, user),
        "appeal_is_mine": (appeal is not None and can_review
                           and not appeals.may_decide(appeal, user)),
        "application": application,
        "call": call,
        "household": household,
        "members": household.members.order_by("relation", "last_name"),
        "isee": _isee(application),
        "reasons": [REASON_LABELS.get(code, code) for code in application.reasons],
        "sentences": explain(application.trace or []),
        "decisions": [(decision, explain(decision.trace or []),
                       [REASON_LABELS.get(code, code) for code in decision.reasons],
                       _unconfirmed(decision, pending, committed))
                      for decision in decisions],
        "information_request": review.latest_information_request(application),
        "pending": pending,
        "left": call.budget_eur - call.committed_eur,
        "position": review.waiting_list_position(application),
        "can_start": can_review and application.status in (
            S.SUBMITTED, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION),
        "can_ask": can_review and application.can_move_to(S.NEEDS_INFORMATION),
        "can_decide": can_review and application.status in review.DECIDABLE,
        "can_confirm": (pending is not None and can(user, "energy.confirm")
                        and pending.decided_by_id != user.pk),
        "confirm_is_mine": pending is not None and pending.decided_by_id == user.pk,
        "decision_form": DecisionForm(),
        "information_form": InformationForm(),
    })


def _unconfirmed(decision, pending, committed):
    """"pending" for the approval waiting for confirmation, "not confirmed" for one sent back
    without it, else ""."""
    is_pending = pending is not None and decision.pk == pending.pk
    if decision.kind == DecisionKind.APPEAL:  # an approval on appeal, above the threshold
        return "pending" if is_pending else ""
    if (decision.kind != DecisionKind.DECISION or decision.outcome != S.APPROVED
            or decision.confirmed_by_id or decision.pk in committed):
        return ""
    return "pending" if is_pending else "not confirmed"


ACTIONS = {
    # action -> capability it needs
    "start": "energy.review",
    "information": "energy.review",
    "approve": "energy.review",
    "reject": "energy.review",
    "confirm": "energy.confirm",
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
            review.application_start_review(application=application, acting_user=user)
            messages.success(request, _("Review started."))
        elif action == "information":
            review.application_request_information(
                application=application, message=request.POST.get("message", ""),
                acting_user=user)
            messages.success(request, _("The request for information was sent to the "
                                        "tenant."))
        elif action in ("approve", "reject"):
            decision = review.application_decide(
                application=application, approve=action == "approve",
                note=request.POST.get("note", ""), acting_user=user)
            messages.success(request, _decided_message(decision))
        else:
            review.application_confirm(application=application, acting_user=user)
            application.refresh_from_db()
            messages.success(request, _("Approval confirmed.") if application.status == S.APPROVED
                             else _("Approval confirmed, but the budget left does not cover "
                                    "it: the application is on the waiting list."))
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
    if decision.application.status == S.AWAITING_CONFIRMATION:
        return _("Approval recorded: above the threshold, an approver must confirm it.")
    return _("Application approved; the amount is committed against the budget.")
