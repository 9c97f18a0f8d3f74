"""The tenant's page for a call: the call in plain words and, for their own household, the
expected outcome today with the reasons."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from casa.core.access import allow

from .. import rules, selectors
from ..explain import REASON_LABELS, explain, format_parameter
from ..models import Application, Invitation


@allow("energy.view_call_as_tenant")
def call_page(request, code):
    call = selectors.call_by_code(code)
    if call is None:
        raise Http404
    today = timezone.localdate()
    context = {"call": call, "status": selectors.call_status(call), "today": today}
    try:
        params = call.params_at(today)
    except rules.MissingParameter:
        params = None
    if params is not None:
        context["terms"] = {name: format_parameter(name, source.value)
                            for name, source in params.sources.items()}
        context["params"] = params
    household = selectors.tenant_household(request.user)
    context["household"] = household
    if household is not None:
        context["application"] = Application.objects.filter(call=call,
                                                            household=household).first()
    if household is not None and params is not None:
        outcome = selectors.household_outcome(call=call, household=household, on=today)
        if outcome is not None:
            context.update({
                "outcome": outcome,
                "reasons": [REASON_LABELS[reason] for reason in outcome.reasons],
                "sentences": explain(outcome.trace),
            })
        context["invitation"] = Invitation.objects.filter(call=call,
                                                          household=household).first()
    return render(request, "energy/tenant_call.html", context)
