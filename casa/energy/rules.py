"""The energy-contribution rule as code: pure functions over plain values, no ORM.

A call's parameters are dated values with a legal reference (`ParameterValue`); `parameters_at`
picks the value in force on a date. `evaluate` decides one household at a reference date and
returns the outcome with the reason codes of every failed condition and a trace of each check,
its inputs and the parameter values (with their dates) it used. The same trace is stored with
a decision and shown to the tenant and the reviewer.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Reason codes, in the fixed order in which outcomes list them.
RENT_BAND = "rent_band"
ISEE_MISSING = "isee_missing"
ISEE_OUT_OF_RANGE = "isee_out_of_range"
TENANCY_TOO_SHORT = "tenancy_too_short"
ARREARS = "arrears"
NO_HEATING_COSTS = "no_heating_costs"
REASONS = (RENT_BAND, ISEE_MISSING, ISEE_OUT_OF_RANGE, TENANCY_TOO_SHORT, ARREARS,
           NO_HEATING_COSTS)

ALLOCATION_RULES = ("isee_ascending", "submission_order")


def _decimal(value):
    return Decimal(str(value))


def _bands(value):
    return frozenset(str(v) for v in value)


def _kinds(value):
    return frozenset(str(v) for v in value)


def _allocation(value):
    if value not in ALLOCATION_RULES:
        raise ValueError(f"allocation rule must be one of {', '.join(ALLOCATION_RULES)}")
    return value


def _bool(value):
    if isinstance(value, bool):
        return value
    raise ValueError("must be true or false")


# name -> converter from the stored (JSON) value to the value the rule uses.
PARAMETERS = {
    "eligible_bands": _bands,
    "isee_min": _decimal,
    "isee_max": _decimal,
    "isee_kinds": _kinds,
    "min_tenancy_months": int,
    "arrears_exclude_without_plan": _bool,
    "share": _decimal,
    "max_amount": _decimal,
    "allocation_rule": _allocation,
}


def season_is_valid(season: str) -> bool:
    """A heating season is written 2025-26: a year and the next one's last two digits."""
    if len(season) != 7 or season[4] != "-" or not (season[:4] + season[5:]).isdigit():
        return False
    return (int(season[:4]) + 1) % 100 == int(season[5:])


class MissingParameter(LookupError):
    """A parameter has no value in force on the date asked."""

    def __init__(self, names, on):
        self.names = tuple(sorted(names))
        self.on = on
        super().__init__(f"no value in force on {on.isoformat()} for: {', '.join(self.names)}")


@dataclass(frozen=True)
class ParameterValue:
    name: str
    value: Any
    valid_from: dt.date
    legal_reference: str = ""

    def converted(self):
        return PARAMETERS[self.name](self.value)

    def as_trace(self):
        value = self.value
        if isinstance(value, (set, frozenset)):
            value = sorted(value)
        return {"value": value if not isinstance(value, Decimal) else str(value),
                "valid_from": self.valid_from.isoformat(),
                "legal_reference": self.legal_reference}


def parameters_at(history: Iterable[ParameterValue], on: dt.date) -> Params:
    """The value of each parameter in force on `on`: the one with the newest `valid_from` not
    after `on`. Raises MissingParameter naming every parameter that has none."""
    in_force: dict[str, ParameterValue] = {}
    for item in history:
        if item.valid_from <= on:
            current = in_force.get(item.name)
            if current is None or item.valid_from >= current.valid_from:
                in_force[item.name] = item
    missing = set(PARAMETERS) - set(in_force)
    if missing:
        raise MissingParameter(missing, on)
    return Params.from_values(in_force)


@dataclass(frozen=True)
class Params:
    """The parameters in force for one evaluation, converted, with where they came from."""

    eligible_bands: frozenset
    isee_min: Decimal
    isee_max: Decimal
    isee_kinds: frozenset
    min_tenancy_months: int
    arrears_exclude_without_plan: bool
    share: Decimal
    max_amount: Decimal
    allocation_rule: str
    sources: Mapping[str, ParameterValue] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        # Each evaluation's trace quotes the parameters it used; build those quotes once.
        object.__setattr__(self, "_quoted", {name: source.as_trace()
                                             for name, source in self.sources.items()})

    @classmethod
    def from_values(cls, values: Mapping[str, ParameterValue]):
        converted = {name: values[name].converted() for name in PARAMETERS}
        return cls(**converted, sources=dict(values))

    @classmethod
    def of(cls, valid_from=dt.date(2000, 1, 1), **values):
        """Parameters from plain values (tests, what-if), all dated `valid_from`."""
        return cls.from_values({
            name: ParameterValue(name, value, valid_from) for name, value in values.items()
        })

    def replace(self, **values):
        """A copy with some values changed (the what-if simulation)."""
        merged = dict(self.sources)
        for name, value in values.items():
            merged[name] = ParameterValue(name, value, merged[name].valid_from, "what-if")
        return Params.from_values(merged)

    def trace(self, *names):
        return {name: dict(self._quoted[name]) for name in names if name in self._quoted}


@dataclass(frozen=True)
class Isee:
    kind: str  # "ordinario" or "corrente"
    value: Decimal
    protocol: str
    issued_on: dt.date
    valid_until: dt.date


@dataclass(frozen=True)
class Charge:
    season: str
    basis: str  # "estimate" or "actual"
    amount: Decimal
    other_aid: Decimal | None = None


@dataclass(frozen=True)
class Household:
    rent_band: str
    tenancy_start: dt.date
    arrears: Decimal
    repayment_plan: bool
    isee: Sequence[Isee] = ()
    charges: Sequence[Charge] = ()


@dataclass(frozen=True)
class Outcome:
    eligible: bool
    amount: Decimal
    isee: Isee | None
    cost_base: Decimal
    reasons: tuple[str, ...]
    trace: tuple[dict, ...] = ()
    isee_why: str | None = None  # why that ISEE (isee_choice)
    cost_basis: str | None = None  # "estimate" or "actual"; None without a charge


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, on the month's last day when it is shorter (31/01 + 1 = 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Why a declaration was chosen, and why the others were set aside (rules.isee_choice).
ONLY_VALID = "only_valid"
CORRENTE_REPLACES = "corrente_replaces"
ISSUED_LAST = "issued_last"
NOT_YET_ISSUED = "not_yet_issued"
EXPIRED = "expired"
KIND_NOT_ACCEPTED = "kind_not_accepted"
REPLACED_BY_CORRENTE = "replaced_by_corrente"
OLDER = "older"


@dataclass(frozen=True)
class IseeChoice:
    """The declaration that counts on a date, why (ONLY_VALID, CORRENTE_REPLACES, ISSUED_LAST;
    None when none counts), and each other declaration with why it was set aside."""

    chosen: Isee | None
    why: str | None
    set_aside: tuple[tuple[Isee, str], ...] = ()


def _rank(isee):
    # A corrente prevails over an ordinario; then the one issued last; the protocol breaks a
    # tie so that the choice never depends on the order of the list.
    return (isee.kind == "corrente", isee.issued_on, isee.protocol)


def isee_choice(declarations: Iterable[Isee], on: dt.date,
                kinds=("ordinario", "corrente")) -> IseeChoice:
    """Which ISEE declaration counts on `on` (docs/architecture.md, "Which ISEE declaration
    counts"): among those of an accepted kind valid that day (issued on or before, valid until
    on or after), a corrente replaces the ordinario; among several of the same kind, the one
    issued last. Where a declaration came from (the register, an application, an answer)
    makes no difference."""
    valid, set_aside = [], []
    for isee in declarations:
        if isee.kind not in kinds:
            set_aside.append((isee, KIND_NOT_ACCEPTED))
        elif isee.issued_on > on:
            set_aside.append((isee, NOT_YET_ISSUED))
        elif isee.valid_until < on:
            set_aside.append((isee, EXPIRED))
        else:
            valid.append(isee)
    if not valid:
        return IseeChoice(None, None, tuple(set_aside))
    chosen = max(valid, key=_rank)
    kinds_valid = {isee.kind for isee in valid}
    if len(valid) == 1:
        why = ONLY_VALID
    elif chosen.kind == "corrente" and "ordinario" in kinds_valid and all(
            isee.kind == "ordinario" for isee in valid if isee is not chosen):
        why = CORRENTE_REPLACES
    else:
        why = ISSUED_LAST
    for isee in valid:
        if isee is not chosen:
            set_aside.append((isee, REPLACED_BY_CORRENTE if isee.kind != chosen.kind
                              else OLDER))
    return IseeChoice(chosen, why, tuple(set_aside))


def isee_in_force(declarations: Iterable[Isee], on: dt.date, kinds=("ordinario", "corrente")):
    """The ISEE that counts on `on` (isee_choice), or None."""
    return isee_choice(declarations, on, kinds).chosen


@dataclass(frozen=True)
class IseeWanted:
    """What a new declaration must be to count over those on file, and so change an outcome
    that depends on the ISEE: valid on `on`, of one of `kinds`, issued after the date given
    for its kind (None: any date), with a value from `low` to `high`. A corrente replaces any
    ordinario, so when a corrente counts only a newer corrente can replace it."""

    on: dt.date
    kinds: tuple[str, ...]
    low: Decimal
    high: Decimal
    ordinario_issued_after: dt.date | None
    corrente_issued_after: dt.date | None


def isee_wanted(declarations: Iterable[Isee], params: Params, on: dt.date) -> IseeWanted:
    """The declaration that would change the outcome of the ISEE checks on `on`: one that
    isee_choice would pick over the declarations on file, with a value in the call's range."""
    choice = isee_choice(declarations, on, params.isee_kinds)
    chosen = choice.chosen
    ordinario_after = corrente_after = None
    if chosen is not None and chosen.kind == "corrente":
        corrente_after = chosen.issued_on
    elif chosen is not None:
        ordinario_after = chosen.issued_on
    kinds = tuple(kind for kind in ("corrente", "ordinario") if kind in params.isee_kinds)
    if chosen is not None and chosen.kind == "corrente":
        kinds = tuple(kind for kind in kinds if kind == "corrente")
    return IseeWanted(on, kinds, params.isee_min, params.isee_max, ordinario_after,
                      corrente_after)


def cost_base(charges: Iterable[Charge], season: str):
    """Heating costs owed for `season` (actual when known, else the estimate) less other heating
    aid for that season; with the charge used, or None when there is none."""
    chosen = None
    for charge in charges:
        if charge.season == season and (chosen is None or charge.basis == "actual"):
            chosen = charge
    if chosen is None:
        return ZERO, None
    base = chosen.amount - (chosen.other_aid or ZERO)
    return max(base, ZERO), chosen


def contribution(base: Decimal, params: Params) -> Decimal:
    """The share of the cost base, rounded half up to the cent, capped at the maximum."""
    amount = (base * params.share).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(amount, params.max_amount)


def evaluate(household: Household, params: Params, *, season: str, on: dt.date,
             with_trace: bool = True) -> Outcome:
    """Decide one household on the reference date `on` for the call's `season`."""
    reasons = []
    trace = []

    band_ok = household.rent_band in params.eligible_bands
    if not band_ok:
        reasons.append(RENT_BAND)

    # With the trace, also why this declaration (the screening of a register needs neither).
    choice = isee_choice(household.isee, on, params.isee_kinds) if with_trace else None
    isee = choice.chosen if choice else isee_in_force(household.isee, on, params.isee_kinds)
    if isee is None:
        reasons.append(ISEE_MISSING)
        range_ok = False
    else:
        range_ok = params.isee_min <= isee.value <= params.isee_max
        if not range_ok:
            reasons.append(ISEE_OUT_OF_RANGE)

    tenancy_needed = add_months(household.tenancy_start, params.min_tenancy_months)
    tenancy_ok = tenancy_needed <= on
    if not tenancy_ok:
        reasons.append(TENANCY_TOO_SHORT)

    arrears_ok = (household.arrears <= ZERO or household.repayment_plan
                  or not params.arrears_exclude_without_plan)
    if not arrears_ok:
        reasons.append(ARREARS)

    base, charge = cost_base(household.charges, season)
    if base <= ZERO:
        reasons.append(NO_HEATING_COSTS)

    eligible = not reasons
    amount = contribution(base, params) if eligible else ZERO

    if with_trace:
        trace = [
            {"check": RENT_BAND, "passed": band_ok,
             "inputs": {"rent_band": household.rent_band},
             "parameters": params.trace("eligible_bands")},
            {"check": ISEE_MISSING, "passed": isee is not None,
             "inputs": {"on": on.isoformat(),
                        "isee": _isee_trace(isee),
                        "why": choice.why,
                        "set_aside": [dict(_isee_trace(other), reason=reason)
                                      for other, reason in choice.set_aside],
                        "declarations": len(household.isee)},
             "parameters": params.trace("isee_kinds")},
            {"check": ISEE_OUT_OF_RANGE, "passed": range_ok,
             "inputs": {"isee_eur": str(isee.value) if isee else None},
             "parameters": params.trace("isee_min", "isee_max")},
            {"check": TENANCY_TOO_SHORT, "passed": tenancy_ok,
             "inputs": {"tenancy_start": household.tenancy_start.isoformat(),
                        "qualifies_from": tenancy_needed.isoformat(), "on": on.isoformat()},
             "parameters": params.trace("min_tenancy_months")},
            {"check": ARREARS, "passed": arrears_ok,
             "inputs": {"arrears_eur": str(household.arrears),
                        "repayment_plan": household.repayment_plan},
             "parameters": params.trace("arrears_exclude_without_plan")},
            {"check": NO_HEATING_COSTS, "passed": base > ZERO,
             "inputs": {"season": season,
                        "basis": charge.basis if charge else None,
                        "charge_eur": str(charge.amount) if charge else None,
                        "other_aid_eur": str(charge.other_aid or ZERO) if charge else None,
                        "cost_base_eur": str(base)},
             "parameters": {}},
            {"check": "amount", "passed": eligible,
             "inputs": {"cost_base_eur": str(base), "amount_eur": str(amount)},
             "parameters": params.trace("share", "max_amount")},
        ]

    return Outcome(eligible=eligible, amount=amount, isee=isee, cost_base=base,
                   reasons=tuple(reasons), trace=tuple(trace),
                   isee_why=choice.why if choice else None,
                   cost_basis=charge.basis if charge else None)


def _isee_trace(isee):
    if isee is None:
        return None
    return {"kind": isee.kind, "value_eur": str(isee.value), "protocol": isee.protocol,
            "issued_on": isee.issued_on.isoformat(), "valid_until": isee.valid_until.isoformat()}
