"""The what-if simulation: a call as it is and with changed parameters, side by side, over the
whole register in one pass. Nothing is saved; programme managers create a new call from it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from casa.core.audit import AuditAction, audit_record
from casa.registry.access import household_scope
from casa.registry.models import Hub, RentBand

from . import rules
from .parameters import SIMULATED, SPECS, consistency_errors
from .screening import register_rows


@dataclass
class Tally:
    """Eligible households and what they would cost."""

    eligible: int = 0
    amount: Decimal = rules.ZERO


@dataclass
class Comparison:
    """One line of a side-by-side table: the call as it is and as simulated."""

    key: object
    label: str
    current: Tally = field(default_factory=Tally)
    simulated: Tally = field(default_factory=Tally)

    @property
    def delta_eligible(self):
        return self.simulated.eligible - self.current.eligible

    @property
    def delta_amount(self):
        return self.simulated.amount - self.current.amount


@dataclass(frozen=True)
class Budget:
    """A scenario's total cost against the call's budget."""

    budget: Decimal
    amount: Decimal

    @property
    def remaining(self):
        return self.budget - self.amount

    @property
    def overspent(self):
        return self.amount > self.budget

    @property
    def overspend(self):
        return max(self.amount - self.budget, rules.ZERO)

    @property
    def share_percent(self):
        """The cost as a percentage of the budget, to one decimal; None without a budget."""
        if self.budget <= 0:
            return None
        return (self.amount * 100 / self.budget).quantize(Decimal("0.1"))


@dataclass
class Simulation:
    call: object
    on: dt.date
    current_params: rules.Params
    simulated_params: rules.Params
    changed: dict  # name -> [value in force, simulated value], as stored (JSON)
    households: int = 0
    total: Comparison = None
    by_hub: list[Comparison] = field(default_factory=list)
    by_band: list[Comparison] = field(default_factory=list)
    gained: int = 0  # eligible only in the simulation
    lost: int = 0  # eligible only as the call is

    @property
    def current_budget(self):
        return Budget(self.call.budget_eur, self.total.current.amount)

    @property
    def simulated_budget(self):
        return Budget(self.call.budget_eur, self.total.simulated.amount)


def stored_value(params: rules.Params, name: str):
    """A parameter's value as stored (JSON), to compare with and report overrides."""
    return params.sources[name].value


def simulate(*, call, on: dt.date, overrides: dict, user=None) -> Simulation:
    """Evaluate every current household on `on` under the call's parameters in force that day
    and under the same parameters with `overrides` (name -> value as stored), reading the
    register once. Restricted to the households `user` may see when a user is given.
    Raises rules.MissingParameter when the call has no value in force on `on`."""
    current = call.params_at(on)
    simulated = current.replace(**overrides) if overrides else current
    changed = {}
    for name in overrides:
        old, new = stored_value(current, name), stored_value(simulated, name)
        if rules.PARAMETERS[name](old) != rules.PARAMETERS[name](new):
            changed[name] = [old, new]
    same = simulated == current
    season = call.season
    evaluate = rules.evaluate

    households = gained = lost = 0
    # key -> [eligible now, amount now, eligible simulated, amount simulated]
    hubs = defaultdict(lambda: [0, rules.ZERO, 0, rules.ZERO])
    bands = defaultdict(lambda: [0, rules.ZERO, 0, rules.ZERO])
    scope = household_scope(user) if user is not None else None
    for row in register_rows(season=season, on=on, household_filter=scope):
        facts = row.facts
        now = evaluate(facts, current, season=season, on=on, with_trace=False)
        then = now if same else evaluate(facts, simulated, season=season, on=on,
                                         with_trace=False)
        households += 1
        if not (now.eligible or then.eligible):
            continue
        by_hub, by_band = hubs[row.hub_id], bands[facts.rent_band]
        if now.eligible:
            by_hub[0] += 1
            by_hub[1] += now.amount
            by_band[0] += 1
            by_band[1] += now.amount
            if not then.eligible:
                lost += 1
        if then.eligible:
            by_hub[2] += 1
            by_hub[3] += then.amount
            by_band[2] += 1
            by_band[3] += then.amount
            if not now.eligible:
                gained += 1

    def comparison(key, label, counts):
        return Comparison(key, label, Tally(counts[0], counts[1]), Tally(counts[2], counts[3]))

    hub_names = dict(Hub.objects.filter(id__in=[k for k in hubs if k is not None])
                     .values_list("id", "name"))
    by_hub = sorted((comparison(key, hub_names.get(key, ""), counts)
                     for key, counts in hubs.items() if key is not None),
                    key=lambda line: line.label)
    if None in hubs:
        by_hub.append(comparison(None, _("No Spazio CASA"), hubs[None]))
    by_band = [comparison(band, label, bands[band]) for band, label in RentBand.choices
               if band in bands or band in current.eligible_bands
               or band in simulated.eligible_bands]
    totals = [0, rules.ZERO, 0, rules.ZERO]
    for counts in hubs.values():
        for i in range(4):
            totals[i] += counts[i]
    return Simulation(call=call, on=on, current_params=current, simulated_params=simulated,
                      changed=changed, households=households,
                      total=comparison("total", _("Total"), totals),
                      by_hub=by_hub, by_band=by_band, gained=gained, lost=lost)


def simulation_record(*, simulation: Simulation, actor):
    """The audit event of a simulation: it read the whole register's data."""
    return audit_record(actor=actor, action=AuditAction.VIEW, target=simulation.call,
                        changes=simulation.changed,
                        note=f"what-if simulation on {simulation.on.isoformat()}")


# --- The form ---------------------------------------------------------------------------------


def form_initial(call, today: dt.date) -> dict:
    """The form prefilled with the call's values in force `today`, or, for a call whose values
    are not in force yet, on the day its newest values start; only the date when the call has
    no complete set of values."""
    dates = [today, *sorted({p.valid_from for p in call.parameters.all()}, reverse=True)]
    for on in dates:
        try:
            return WhatIfForm.initial_for(call.params_at(on), on)
        except rules.MissingParameter:
            continue
    return {"as_of": today}


class WhatIfForm(forms.Form):
    """The parameters to simulate, prefilled with the call's values in force. Fields, labels and
    checks come from parameters.SPECS, with the parameter names (the share as a percent), so
    the query string of a simulation reads like the call and can prefill a new call."""

    as_of = forms.DateField(
        label=_("Reference date"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Households, ISEE declarations and the call's values in force on this "
                    "day."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SIMULATED:
            self.fields[name] = SPECS[name].field()

    @staticmethod
    def initial_for(params: rules.Params, on: dt.date) -> dict:
        """The form's values for `params` (a call's values in force on `on`)."""
        return {"as_of": on, **{name: SPECS[name].to_form(stored_value(params, name))
                                for name in SIMULATED}}

    def clean(self):
        cleaned = super().clean()
        stored = {name: SPECS[name].from_form(cleaned[name]) for name in SIMULATED
                  if cleaned.get(name) is not None}
        for name, message in consistency_errors(stored).items():
            self.add_error(name, message)
        return cleaned

    def overrides(self) -> dict:
        """The simulated values as a call stores them (rules.PARAMETERS names)."""
        return {name: SPECS[name].from_form(self.cleaned_data[name]) for name in SIMULATED}

    def new_call_query(self, params: rules.Params) -> list[tuple[str, str]]:
        """The simulated values as query-string pairs for the new-call form (same fields, as
        the form shows them), with the allocation rule of `params`."""
        pairs = []
        for name in SIMULATED:
            spec = SPECS[name]
            value = spec.to_form(spec.from_form(self.cleaned_data[name]))  # as the form shows
            if isinstance(value, list):
                pairs += [(name, item) for item in value]
            else:
                pairs.append((name, str(value)))
        pairs.append(("allocation_rule", params.allocation_rule))
        return pairs
