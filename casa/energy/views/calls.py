"""Back-office pages for calls: the list, a call with its dated parameters, a new call (also
as a new season of an existing one) and a new dated value for one parameter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.drafts import with_draft

from .. import selectors
from ..explain import format_parameter
from ..forms import CallForm, ParameterValueForm, add_service_errors
from ..models import PARAMETER_NAMES
from ..services import call_create, call_parameter_set
from .common import call_or_404


@allow("energy.view_calls")
def call_list(request):
    now = timezone.now()
    calls = [(call, selectors.call_status(call, now)) for call in selectors.call_list()]
    return render(request, "energy/call_list.html", {
        "calls": calls,
        "status_labels": selectors.STATUS_LABELS,
        "can_manage": can(request.user, "energy.manage_calls"),
    })


@allow("energy.view_calls")
def call_detail(request, code):
    call = call_or_404(code)
    today = timezone.localdate()
    histories = [
        {"name": history.name, "label": history.label,
         "current": history.current,
         "current_text": format_parameter(history.name, history.current.value)
         if history.current else None,
         "values": [(value, format_parameter(history.name, value.value),
                     value == history.current, value.valid_from > today)
                    for value in history.values]}
        for history in selectors.parameter_histories(call, today)
    ]
    return render(request, "energy/call_detail.html", {
        "call": call,
        "status": selectors.call_status(call),
        "status_labels": selectors.STATUS_LABELS,
        "histories": histories,
        "missing": [h["label"] for h in histories if h["current"] is None],
        "today": today,
        "can_manage": can(request.user, "energy.manage_calls"),
        "can_screen": can(request.user, "energy.screen"),
        "can_simulate": _can_simulate(request.user),
    })


def _can_simulate(user):
    """The what-if page's own capability, whatever it is called (see views/whatif.py)."""
    from . import whatif

    capability = getattr(getattr(whatif, "simulate", None), "casa_access", None)
    return bool(capability) and can(user, capability)


@allow("energy.manage_calls")
def call_new(request):
    source = None
    if request.GET.get("from"):
        source = call_or_404(request.GET["from"])
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            try:
                call = call_create(**form.service_arguments(), acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error, CallForm.SERVICE_FIELDS)
            else:
                messages.success(request, _("Call %(code)s created.") % {"code": call.code})
                return redirect("energy:call_detail", code=call.code)
    elif source is not None:
        initial = CallForm.initial_from(source, selectors.latest_values(source))
        form = CallForm(initial=initial | CallForm.initial_from_query(request.GET))
    else:
        form = CallForm()
    form = with_draft(request, form, "call-form")  # the language switch keeps what was typed
    return render(request, "energy/call_form.html", {"form": form, "source": source})


@allow("energy.manage_calls")
def parameter_new(request, code):
    call = call_or_404(code)
    names = dict(PARAMETER_NAMES)
    parameter = request.POST.get("name") or request.GET.get("name")
    if parameter not in names:
        # First choose which parameter to change.
        return render(request, "energy/parameter_choose.html", {
            "call": call, "parameters": PARAMETER_NAMES})
    if request.method == "POST":
        form = ParameterValueForm(request.POST, parameter=parameter)
        if form.is_valid():
            try:
                call_parameter_set(call=call, name=parameter, value=form.stored_value(),
                                   valid_from=form.cleaned_data["valid_from"],
                                   legal_reference=form.cleaned_data["legal_reference"],
                                   confirm_past=form.cleaned_data["confirm_past"],
                                   acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error, {parameter: "value", "name": "value"})
            else:
                messages.success(request, _("New value of “%(parameter)s” saved.")
                                 % {"parameter": names[parameter]})
                return redirect("energy:call_detail", code=call.code)
    else:
        form = ParameterValueForm(parameter=parameter)
    form = with_draft(request, form, "parameter-form")
    history = next(h for h in selectors.parameter_histories(call) if h.name == parameter)
    return render(request, "energy/parameter_form.html", {
        "call": call, "form": form, "label": names[parameter],
        "values": [(value, format_parameter(parameter, value.value), value == history.current)
                   for value in history.values],
    })
