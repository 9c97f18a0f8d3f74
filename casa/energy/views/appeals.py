"""Appeals: the tenant files one from their application's page, an officer other than the one
who decided upholds or dismisses it from the application's review page. Both are POST
actions that lead back to the page they came from (a GET only leads there)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casa.core.access import allow

from .. import appeals
from ..forms import AppealDecisionForm, AppealForm
from ..models import Application, DecisionState
from .common import application_or_404, call_or_404, tenant_household_or_404


def _errors(request, error):
    for text in error.messages:
        messages.error(request, text)


@allow("energy.apply")
@require_http_methods(["GET", "POST"])
def appeal_new(request, code):
    """The tenant's appeal against the decision on their own household's application."""
    call = call_or_404(code)
    household = tenant_household_or_404(request.user)
    application = Application.objects.filter(call=call, household=household).first()
    if application is None:
        return redirect("energy:tenant_call", code=call.code)
    if request.method != "POST":
        return redirect("energy:my_application", code=call.code)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your request was not sent. Write why you want us to look at the "
                                  "decision again."))
        return redirect("energy:my_application", code=call.code)
    try:
        appeals.appeal_file(application=application, reason=form.cleaned_data["reason"],
                            acting_user=request.user)
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error if isinstance(error, ValidationError)
                else ValidationError(str(error)))
    else:
        messages.success(request, _("We received your request for a review. Another person at Aler "
                                    "will look at it. We will tell you the decision."))
    return redirect("energy:my_application", code=call.code)


@allow("energy.review")
@require_http_methods(["GET", "POST"])
def appeal_decide(request, protocol):
    """Uphold or dismiss the application's open appeal."""
    application = application_or_404(request.user, protocol)
    if request.method != "POST":
        return redirect("energy:review_application", protocol=protocol)
    appeal = appeals.open_appeal(application)
    if appeal is None:
        messages.error(request, _("This application has no open appeal."))
        return redirect("energy:review_application", protocol=protocol)
    outcome = request.POST.get("outcome")
    if outcome not in ("uphold", "dismiss"):
        messages.error(request, _("Unknown action."))
        return redirect("energy:review_application", protocol=protocol)
    form = AppealDecisionForm(request.POST)
    form.is_valid()
    try:
        decision = appeals.appeal_decide(appeal=appeal, uphold=outcome == "uphold",
                                         note=form.cleaned_data.get("note", ""),
                                         acting_user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _decided_message(outcome, decision))
    return redirect("energy:review_application", protocol=protocol)


def _decided_message(outcome, decision):
    if outcome == "dismiss":
        return _("Appeal dismissed: the decision stays; the tenant has been told.")
    if decision.state == DecisionState.PENDING:
        return _("Appeal upheld: above the threshold, an approver must confirm the approval.")
    if decision.outcome == "waitlisted":
        return _("Appeal upheld, but the budget left does not cover the amount: the "
                 "application is on the waiting list.")
    return _("Appeal upheld: the application is approved and the amount committed; the "
             "tenant has been told.")
