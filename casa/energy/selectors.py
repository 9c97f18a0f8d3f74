"""Reads for the energy pages: a call's status and parameter history, the screening summary
over the households a user may see, and one household's expected outcome."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.core.access import can
from casa.registry.access import household_scope, visible_households
from casa.registry.models import Hub, RentBand

from . import rules
from .models import (
    PARAMETER_NAMES,
    Application,
    ApplicationStatus,
    Call,
    Invitation,
    StatusChange,
)
from .queue import in_scope
from .screening import Totals, register_rows

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
STATUS_LABELS = {UPCOMING: _("upcoming"), OPEN: _("open"), CLOSED: _("closed")}


def call_status(call, at=None):
    at = at or timezone.now()
    if at < call.opens_at:
        return UPCOMING
    return OPEN if at < call.closes_at else CLOSED


def call_list():
    return Call.objects.all()


def call_by_code(code):
    return Call.objects.filter(code=code).first()


@dataclass
class ParameterHistory:
    name: str
    label: str
    current: object  # the CallParameter in force today, or None
    values: list  # every CallParameter of that name, oldest first


def parameter_histories(call, today=None) -> list[ParameterHistory]:
    """Each parameter of the call, in the rule's order, with its value in force on `today`
    and every dated value."""
    today = today or timezone.localdate()
    by_name = defaultdict(list)
    for parameter in call.parameters.order_by("valid_from", "id"):
        by_name[parameter.name].append(parameter)
    histories = []
    for name, label in PARAMETER_NAMES:
        values = by_name.get(name, [])
        in_force = [value for value in values if value.valid_from <= today]
        histories.append(ParameterHistory(name, label, in_force[-1] if in_force else None,
                                          values))
    return histories


def latest_values(call, on=None):
    """Each parameter's value in force on `on` (default today), or its newest value when none
    is in force yet: what a new call copied from this one starts with."""
    on = on or timezone.localdate()
    values = {}
    for history in parameter_histories(call, on):
        chosen = history.current or (history.values[-1] if history.values else None)
        if chosen is not None:
            values[history.name] = chosen.value
    return values


# --- Screening --------------------------------------------------------------------------------

@dataclass
class EligibleRow:
    household_id: int
    code: str
    hub: str
    band: str
    isee: Decimal | None
    amount: Decimal
    invited: bool
    applied: bool = False


@dataclass
class ScreeningSummary:
    call: Call
    on: dt.date
    totals: Totals
    by_hub: list  # (hub name, Totals), by name, "no Spazio CASA" last
    by_band: list  # (band label, Totals) in the bands' order
    reasons: list  # (code, count) in the rule's order
    eligible: list[EligibleRow] = field(default_factory=list)

    @property
    def budget_share(self):
        """The total amount as a share of the budget, in per cent, or None without budget."""
        if not self.call.budget_eur:
            return None
        return (self.totals.amount * 100 / self.call.budget_eur).quantize(Decimal("0.1"))

    @property
    def over_budget(self):
        return self.totals.amount > self.call.budget_eur

    @property
    def not_invited(self):
        return sum(1 for row in self.eligible if not row.invited)

    @property
    def to_invite(self):
        """How many households an invitation would really reach: eligible, neither invited
        nor applied already (as invitations.invite_eligible does)."""
        return sum(1 for row in self.eligible if not row.invited and not row.applied)


def screening_filter(user):
    """The households a user's screening covers: their scope of the register (a Community
    Manager's hubs, everything for programme and benefit staff)."""
    if user is None or isinstance(user, str):
        return Q()  # a command or the system
    return household_scope(user)


def screening_summary(*, call, on, user) -> ScreeningSummary:
    """The rule over every current household `user` may see, on `on`, in one pass: totals,
    totals by hub and by band, the count of each reason, and the eligible households.
    Raises rules.MissingParameter when the call has no value in force on `on`."""
    params = call.params_at(on)
    totals = Totals()
    hubs = defaultdict(Totals)
    bands = defaultdict(Totals)
    reasons = Counter()
    eligible = []
    for row in register_rows(season=call.season, on=on, household_filter=screening_filter(user)):
        outcome = rules.evaluate(row.facts, params, season=call.season, on=on, with_trace=False)
        totals.add(outcome)
        hubs[row.hub_id].add(outcome)
        bands[row.facts.rent_band].add(outcome)
        reasons.update(outcome.reasons)
        if outcome.eligible:
            eligible.append((row, outcome))

    hub_names = dict(Hub.objects.filter(pk__in=[pk for pk in hubs if pk])
                     .values_list("pk", "name"))
    no_hub = str(_("No Spazio CASA"))
    invited, applied = reached(call)
    band_labels = dict(RentBand.choices)
    rows = sorted(
        (EligibleRow(row.household_id, row.code, hub_names.get(row.hub_id, no_hub),
                     str(band_labels.get(row.facts.rent_band, row.facts.rent_band)),
                     outcome.isee.value if outcome.isee else None, outcome.amount,
                     row.household_id in invited, row.household_id in applied)
         for row, outcome in eligible),
        key=lambda item: item.code)
    return ScreeningSummary(
        call=call, on=on, totals=totals,
        by_hub=sorted(((hub_names.get(pk, no_hub), item) for pk, item in hubs.items()),
                      key=lambda pair: (pair[0] == no_hub, pair[0])),
        by_band=[(str(label), bands[value]) for value, label in RentBand.choices
                 if value in bands],
        reasons=[(code, reasons[code]) for code in rules.REASONS],
        eligible=rows,
    )


def open_calls(at=None):
    """The calls whose application window is open at `at` (now), closing soonest first."""
    at = at or timezone.now()
    return Call.objects.filter(opens_at__lte=at, closes_at__gt=at).order_by("closes_at")


def reached(call) -> tuple[set, set]:
    """(ids of the households invited to `call`, ids of those that applied to it)."""
    return (set(Invitation.objects.filter(call=call).values_list("household_id", flat=True)),
            set(Application.objects.filter(call=call).values_list("household_id", flat=True)))


def households_to_invite(*, call, on, user):
    """(household id, outcome) of every eligible household in `user`'s scope that has neither
    been invited to `call` nor applied to it yet."""
    params = call.params_at(on)
    invited, applied = reached(call)
    found = []
    for row in register_rows(season=call.season, on=on, household_filter=screening_filter(user)):
        if row.household_id in invited or row.household_id in applied:
            continue
        outcome = rules.evaluate(row.facts, params, season=call.season, on=on, with_trace=False)
        if outcome.eligible:
            found.append((row.household_id, outcome))
    return found


# --- One household ----------------------------------------------------------------------------

def tenant_household(user):
    """The current household the tenant belongs to, or None."""
    return (visible_households(user).filter(tenancy_end__isnull=True)
            .select_related("unit__building__hub").order_by("pk").first())


def household_outcome(*, call, household, on):
    """The rule for one household on `on`, with its trace; None when its tenancy is not
    current. Raises rules.MissingParameter when the call has no value in force on `on`."""
    params = call.params_at(on)
    row = next(register_rows(season=call.season, on=on,
                             household_filter=Q(pk=household.pk)), None)
    if row is None:
        return None
    return rules.evaluate(row.facts, params, season=call.season, on=on)


# --- The Community Manager's day (casa/portal/day.py) -------------------------------------------
# i11day. Only for who may read applications (energy.view_applications: not social
# coordinators nor care staff, whose register scope would otherwise reach them), within the
# queue's scope (queue.in_scope: a Community Manager's hubs).

def needing_information(user, *, limit=5):
    """(how many applications of `user`'s scope wait for the household's answer to a request
    for information, the first `limit` of them, asked longest ago first), each with
    `asked_at`. Two queries."""
    if not can(user, "energy.view_applications"):
        return 0, []
    asked = (StatusChange.objects.filter(application=OuterRef("pk"),
                                         to_status=ApplicationStatus.NEEDS_INFORMATION)
             .order_by("-at", "-id").values("at")[:1])
    applications = in_scope(user).filter(status=ApplicationStatus.NEEDS_INFORMATION)
    rows = list(applications.annotate(asked_at=Subquery(asked))
                .select_related("call", "household").order_by("asked_at", "pk")[:limit])
    return applications.count(), rows


def latest_applications(user, households) -> dict:
    """{household id: its latest application (the newest call's)} for those of `households`
    in `user`'s scope that applied; {} for who may not read applications. One query."""
    if not can(user, "energy.view_applications"):
        return {}
    latest = {}
    for application in (in_scope(user).filter(household__in=list(households))
                        .select_related("call").order_by("household_id", "-submitted_at",
                                                         "-pk")):
        latest.setdefault(application.household_id, application)
    return latest
