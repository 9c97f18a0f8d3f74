"""The what-if page: a call's parameters changed in a form (a GET, so a simulation is a link
to share), the results side by side with the call as it is. Nothing is saved."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.drafts import with_draft

from .. import rules, selectors, whatif
from ..explain import format_parameter
from ..models import PARAMETER_NAMES


@allow("energy.simulate")
def simulate(request, code):
    call = selectors.call_by_code(code)
    if call is None:
        raise Http404
    labels = dict(PARAMETER_NAMES)
    form = with_draft(request, whatif.WhatIfForm(
        request.GET or None, initial=whatif.form_initial(call, timezone.localdate())),
        "whatif-form", method="get")
    simulation = new_call_url = None
    if form.is_bound and form.is_valid():
        try:
            simulation = whatif.simulate(call=call, on=form.cleaned_data["as_of"],
                                         overrides=form.overrides(), user=request.user)
        except rules.MissingParameter as error:
            form.add_error("as_of", _("The call has no value in force on this date for: "
                                      "%(names)s.") % {
                "names": ", ".join(str(labels[name]) for name in error.names)})
        else:
            whatif.simulation_record(simulation=simulation, actor=request.user)
            if can(request.user, "energy.manage_calls"):
                query = [("from", call.code),
                         *form.new_call_query(simulation.current_params)]
                new_call_url = f"{reverse('energy:call_new')}?{urlencode(query)}"
    changed = [
        (labels[name], format_parameter(name, old), format_parameter(name, new))
        for name, (old, new) in simulation.changed.items()
    ] if simulation else []
    return render(request, "energy/whatif.html", {
        "call": call,
        "form": form,
        "simulation": simulation,
        "changed": changed,
        "new_call_url": new_call_url,
    })
