"""The review queue as reads: what needs this user's action, the other views, the one search
box, the sort orders, and the application after a given one in the same filtered, sorted queue.

A page is read in two queries whatever the number of applications: `queue()` filters and
orders the ids alone (so the database sorts narrow rows), then `rows()` reads the page's
applications with everything a row shows annotated (the head of household's name, a shared
IBAN, a pending confirmation, an open appeal, an answered request). The user's duties are
querysets equivalent to casa.energy.controls.duty_conflict, so that "needs my action" lists
exactly what the decision services would let the user do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat

from casa.core.access import can
from casa.registry.access import household_scope, visible_households
from casa.registry.models import Household, Member, Relation
from casa.registry.selectors import FISCAL_CODE_RE, normalize_query
from casa.registry.selectors import _prefix_q as prefix_q

from .decisions import DECIDABLE
from .models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    Channel,
    Decision,
    DecisionState,
    InformationAnswer,
    StatusChange,
)

S = ApplicationStatus

# The views of the queue. "action" is the default of those who decide or confirm; the others
# open on "open" (in progress). Finished applications show only when asked ("finished", "all").
ACTION, OPEN, WAITLIST, FINISHED, ALL = "action", "open", "waitlist", "finished", "all"
VIEWS = (ACTION, OPEN, WAITLIST, FINISHED, ALL)
IN_PROGRESS = (S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION)
FINISHED_STATUSES = (S.APPROVED, S.PAID, S.REJECTED)

# Sort keys of the query string -> the field or annotation they order by. Each sort ends with
# the primary key, so that the order is total and "next application" is well defined.
SUBMITTED, AMOUNT, ISEE, POSITION = "submitted", "amount", "isee", "position"
SORT_FIELDS = {SUBMITTED: "submitted_at", AMOUNT: "shown_amount_eur", ISEE: "isee_used_eur",
               POSITION: "waitlist_position"}
NULLABLE_SORTS = {ISEE, POSITION}  # applications without a value come last, both directions
PROTOCOL_RE = re.compile(r"^CE-[0-9-]+$")


@dataclass(frozen=True)
class Sort:
    key: str = SUBMITTED
    descending: bool = False

    @classmethod
    def parse(cls, value: str) -> Sort | None:
        """`submitted`, `-amount`, ...; None when the key is unknown."""
        value = (value or "").strip()
        descending = value.startswith("-")
        key = value[1:] if descending else value
        return cls(key, descending) if key in SORT_FIELDS else None

    def __str__(self):
        return f"{'-' if self.descending else ''}{self.key}"

    @property
    def field(self) -> str:
        return SORT_FIELDS[self.key]

    def order_by(self) -> list:
        expression = F(self.field)
        if self.descending:
            expression = expression.desc(nulls_last=True)
        else:
            expression = expression.asc(nulls_last=True)
        return [expression, "pk"]


@dataclass(frozen=True)
class Filters:
    """What a queue shows: plain values (a view of VIEWS, the search text, a call, hub, channel,
    status or none, the two checkboxes, the sort)."""

    view: str = ACTION
    q: str = ""
    call: object = None  # a Call
    hub: object = None  # a Hub
    channel: str = ""
    status: str = ""
    to_confirm: bool = False
    appeal: bool = False
    sort: Sort = Sort()


def acts(user) -> bool:
    """True for those who decide or confirm: their queue opens on what needs their action."""
    return can(user, "energy.review") or can(user, "energy.confirm")


def default_view(user) -> str:
    return ACTION if acts(user) else OPEN


def default_sort(view) -> Sort:
    """The waiting list in its ranking; every other view oldest first."""
    return Sort(POSITION) if view == WAITLIST else Sort(SUBMITTED)


# --- The user's duties, as querysets -----------------------------------------------------------

def _pending():
    return Decision.objects.filter(application=OuterRef("pk"), state=DecisionState.PENDING)


def _open_appeal():
    return Appeal.objects.filter(application=OuterRef("pk"), status=AppealStatus.OPEN)


# The same conditions as filters: `pk IN (subquery)` is worked out once for the whole queue,
# where a correlated EXISTS would run once for each of its thousands of applications.

def _with_pending(**extra) -> Q:
    return Q(pk__in=Decision.objects.filter(state=DecisionState.PENDING, **extra)
             .values("application_id"))


def _with_open_appeal() -> Q:
    return Q(pk__in=Appeal.objects.filter(status=AppealStatus.OPEN).values("application_id"))


def filed_at_desk_by(user) -> Q:
    """Filed by `user` at a desk: they decide nothing on it (controls.Conflict.FILED_AT_DESK)."""
    return Q(channel=Channel.ASSISTED, submitted_by=user)


def to_confirm(user) -> Q:
    """A decision waits for a second person and `user` may give it: not their own decision, not
    an application they filed at the desk (controls.duty_conflict for Duty.CONFIRM)."""
    return _with_pending() & ~_with_pending(decided_by=user) & ~filed_at_desk_by(user)


def to_decide(user) -> Q:
    """Submitted or under review (an answered request included), not filed by `user` at the
    desk (Duty.DECIDE); or with an open appeal `user` may decide: they took part in no decision
    on it (Duty.DECIDE_APPEAL)."""
    took_part = Decision.objects.filter(Q(decided_by=user) | Q(confirmed_by=user),
                                        application=OuterRef("application_id"))
    appealed = (Appeal.objects.filter(status=AppealStatus.OPEN).exclude(Exists(took_part))
                .values("application_id"))
    appeal = Q(pk__in=appealed)
    return (Q(status__in=DECIDABLE) | appeal) & ~filed_at_desk_by(user)


def needs_action(user) -> Q:
    """What needs `user`'s action: for an officer, applications to decide; for an approver,
    decisions to confirm; for an administrator, both. Nothing for those who only read."""
    condition = Q(pk__in=[])
    if can(user, "energy.review"):
        condition |= to_decide(user)
    if can(user, "energy.confirm"):
        condition |= to_confirm(user)
    return condition


def view_filter(view, user) -> Q:
    if view == ACTION:
        return needs_action(user)
    if view == OPEN:
        return Q(status__in=IN_PROGRESS) | _with_open_appeal()
    if view == WAITLIST:
        return Q(status=S.WAITLISTED)
    if view == FINISHED:
        return Q(status__in=FINISHED_STATUSES)
    return Q()


# --- Search --------------------------------------------------------------------------------

def search_filter(query: str) -> Q:
    """One box: a protocol number, a household code or a fiscal code (exact, indexed), else the
    start of a member's name, surname first or not ("rossi", "rossi mar", "mario rossi"), as
    the register's search does (casa.registry.selectors)."""
    text = normalize_query(query)
    if not text:
        return Q()
    upper = text.upper()
    if PROTOCOL_RE.match(upper):
        return Q(protocol=upper)
    if FISCAL_CODE_RE.match(upper):
        return Q(household__in=Member.objects.current().filter(fiscal_code=upper)
                 .values("household_id").order_by())
    by_code = Household.objects.filter(code=upper).values("pk").order_by()
    by_name = Member.objects.current().filter(
        prefix_q("search_name", text) | prefix_q("search_name_reversed", text)
    ).values("household_id").order_by()
    return Q(household__in=by_code.union(by_name))


# --- The queue ------------------------------------------------------------------------------

def shown_amount(application):
    """The amount a row shows and sorts by: the approved amount once there is one, else the
    expected amount (the same as the `shown_amount_eur` annotation)."""
    if application.approved_amount_eur > 0:
        return application.approved_amount_eur
    return application.expected_amount_eur


def _amount():
    return Case(When(approved_amount_eur__gt=0, then=F("approved_amount_eur")),
                default=F("expected_amount_eur"))


def in_scope(user):
    """The applications of the households `user` may see. Whole-register readers get no
    filter at all: a `household IN (every household)` would make the database walk the
    register."""
    scope = household_scope(user)
    if not scope:  # an empty Q: the whole register
        return Application.objects.all()
    return Application.objects.filter(household__in=visible_households(user))


def queue(user, filters: Filters):
    """The applications of `user`'s scope in the queue `filters` describe, in their sort order,
    without the rows' annotations (see `rows`): for counting, paging and "next"."""
    applications = in_scope(user).filter(view_filter(filters.view, user))
    applications = applications.filter(search_filter(filters.q))
    if filters.call is not None:
        applications = applications.filter(call=filters.call)
    if filters.hub is not None:
        applications = applications.filter(household__unit__building__hub=filters.hub)
    if filters.channel:
        applications = applications.filter(channel=filters.channel)
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.to_confirm:
        applications = applications.filter(to_confirm(user))
    if filters.appeal:
        applications = applications.filter(_with_open_appeal())
    if filters.sort.key == AMOUNT:
        applications = applications.annotate(shown_amount_eur=_amount())
    return applications.order_by(*filters.sort.order_by())


def rows(ids) -> list[Application]:
    """The applications `ids` (a page of `queue`), in that order, with what each row shows:
    one query."""
    heads = Member.objects.current().filter(household=OuterRef("household_id"),
                                            relation=Relation.HEAD).order_by("pk")
    others_with_iban = (Application.objects.filter(iban=OuterRef("iban")).exclude(iban="")
                        .exclude(household_id=OuterRef("household_id")))
    # The latest request for information (as workflow.latest_information_request) answered.
    latest_request = (StatusChange.objects.filter(application=OuterRef(OuterRef("pk")),
                                                  to_status=S.NEEDS_INFORMATION)
                      .order_by("-at", "-id").values("pk")[:1])
    answered = InformationAnswer.objects.filter(application=OuterRef("pk"),
                                                request=Subquery(latest_request))
    found = Application.objects.filter(pk__in=list(ids)).annotate(
        head_name=Subquery(heads.annotate(
            name=Concat("last_name", Value(" "), "first_name")).values("name")[:1]),
        shown_amount_eur=_amount(),
        # Most applications have no IBAN: no lookup among the thousands of empty ones.
        shared_iban=Case(When(iban="", then=Value(False)), default=Exists(others_with_iban),
                         output_field=BooleanField()),
        has_pending=Exists(_pending()),
        has_open_appeal=Exists(_open_appeal()),
        latest_request_answered=Exists(answered),
    ).select_related("call", "household__unit__building__hub").order_by().in_bulk()
    return [found[pk] for pk in ids if pk in found]


def after(applications, application, sort: Sort):
    """The first of the sorted `applications` that comes after `application` (which need not
    be among them any more, e.g. once decided): None at the end of the queue."""
    field = SORT_FIELDS[sort.key]
    value = shown_amount(application) if sort.key == AMOUNT else getattr(application, field)
    later = "lt" if sort.descending else "gt"
    if value is None:  # among the last, those without a value, in key order
        condition = Q(**{f"{field}__isnull": True, "pk__gt": application.pk})
    else:
        condition = (Q(**{f"{field}__{later}": value})
                     | Q(**{field: value, "pk__gt": application.pk}))
        if sort.key in NULLABLE_SORTS:
            condition |= Q(**{f"{field}__isnull": True})
    return applications.filter(condition).first()


def is_answered(application) -> bool:
    """Under review with the tenant's answer to the latest request (annotated rows)."""
    return application.status == S.UNDER_REVIEW and application.latest_request_answered


def iban_sharers(application, user):
    """The other households whose applications give the same IBAN: (codes within `user`'s
    scope, how many outside it). One query."""
    if not application.iban:
        return [], 0
    in_scope = visible_households(user).filter(pk=OuterRef("household_id"))
    rows = (Application.objects.filter(iban=application.iban)
            .exclude(household_id=application.household_id)
            .annotate(visible=Exists(in_scope))
            .values_list("household__code", "visible").distinct().order_by("household__code"))
    codes, hidden = [], set()
    for code, visible in rows:
        if visible:
            if code not in codes:
                codes.append(code)
        else:
            hidden.add(code)
    return codes, len(hidden - set(codes))
