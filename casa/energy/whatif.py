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
from casa.registry.models import Hub, IseeKind, RentBand

from . import rules
from .screening import register_rows

# The parameters a simulation may change (the allocation rule does not change who qualifies
# or how much, only who is paid first when the budget runs out).
SIMULATED = ("eligible_bands", "isee_min", "isee_max", "isee_kinds", "min_tenancy_months",
             "arrears_exclude_without_plan", "share", "max_amount")


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

# The values the new-call form (forms.CallForm) uses too, so a simulation can prefill it.
YES, NO = "yes", "no"


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 0.6000 -> 0.6, 100 -> 100."""
    return format(value.normalize(), "f")


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
    """The parameters to simulate, prefilled with the call's values in force. Field names are
    the parameter names (the share as a percent), so the query string of a simulation reads
    like the call and can prefill a new call."""

    as_of = forms.DateField(
        label=_("Reference date"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Households, ISEE declarations and the call's values in force on this "
                    "day."))
    isee_min = forms.DecimalField(label=_("Minimum ISEE (€, included)"), min_value=0,
                                  max_digits=12, decimal_places=2)
    isee_max = forms.DecimalField(label=_("Maximum ISEE (€, included)"), min_value=0,
                                  max_digits=12, decimal_places=2)
    share = forms.DecimalField(
        label=_("Share of heating costs (%)"), max_digits=6, decimal_places=3,
        help_text=_("For example 50 for half of the heating costs."))
    max_amount = forms.DecimalField(label=_("Maximum amount (€)"), min_value=0, max_digits=12,
                                    decimal_places=2)
    eligible_bands = forms.MultipleChoiceField(
        label=_("Eligible rent bands"), choices=RentBand.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one rent band.")})
    min_tenancy_months = forms.IntegerField(label=_("Minimum tenancy (months)"), min_value=0,
                                            max_value=600)
    arrears_exclude_without_plan = forms.TypedChoiceField(
        label=_("Arrears"), coerce=lambda value: value == YES, widget=forms.RadioSelect,
        choices=[(YES, _("Arrears exclude unless a repayment plan is signed")),
                 (NO, _("Arrears do not exclude"))])
    isee_kinds = forms.MultipleChoiceField(
        label=_("Accepted ISEE kinds"), choices=IseeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one ISEE kind.")})

    @staticmethod
    def initial_for(params: rules.Params, on: dt.date) -> dict:
        """The form's values for `params` (a call's values in force on `on`)."""
        return {
            "as_of": on,
            "isee_min": params.isee_min,
            "isee_max": params.isee_max,
            "share": _plain(params.share * 100),
            "max_amount": params.max_amount,
            "eligible_bands": [b for b in RentBand.values if b in params.eligible_bands],
            "min_tenancy_months": params.min_tenancy_months,
            "arrears_exclude_without_plan": YES if params.arrears_exclude_without_plan else NO,
            "isee_kinds": [k for k in IseeKind.values if k in params.isee_kinds],
        }

    def clean_share(self):
        share = self.cleaned_data["share"]
        if share <= 0:
            raise forms.ValidationError(_("The share must be above 0 %."))
        if share > 100:
            raise forms.ValidationError(_("The share cannot be over 100 %."))
        return share

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("isee_min"), cleaned.get("isee_max")
        if low is not None and high is not None and low > high:
            self.add_error("isee_min", _("The minimum ISEE is above the maximum."))
            self.add_error("isee_max", _("The maximum ISEE is below the minimum."))
        return cleaned

    def new_call_query(self, params: rules.Params) -> list[tuple[str, str]]:
        """The simulated values as query-string pairs for the new-call form (same names,
        share in per cent, yes/no), with the allocation rule of `params`."""
        data = self.cleaned_data
        pairs = [(name, value) for name in ("eligible_bands", "isee_kinds")
                 for value in data[name]]
        pairs += [(name, f"{data[name]:.2f}") for name in ("isee_min", "isee_max",
                                                           "max_amount")]
        pairs += [("share", _plain(data["share"])),
                  ("min_tenancy_months", str(data["min_tenancy_months"])),
                  ("arrears_exclude_without_plan",
                   YES if data["arrears_exclude_without_plan"] else NO),
                  ("allocation_rule", params.allocation_rule)]
        return pairs

    def overrides(self) -> dict:
        """The simulated values as a call stores them (rules.PARAMETERS names)."""
        data = self.cleaned_data
        return {
            "eligible_bands": list(data["eligible_bands"]),
            "isee_min": f"{data['isee_min']:.2f}",
            "isee_max": f"{data['isee_max']:.2f}",
            "isee_kinds": list(data["isee_kinds"]),
            "min_tenancy_months": data["min_tenancy_months"],
            "arrears_exclude_without_plan": data["arrears_exclude_without_plan"],
            "share": _plain(data["share"] / 100),
            "max_amount": f"{data['max_amount']:.2f}",
        }
