"""Reads of the register for staff and tenants: search, the household page, the tenant's home.

Every read starts from `visible_households(user)`, so scope is applied once, here.
"""

import re

from django.db import connection
from django.db.models import Prefetch, Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role, User
from casa.core.access import readable_events
from casa.core.compiled import Compiled
from casa.core.models import AuditEvent

from .access import visible_households
from .models import Building, Household, Hub, Member, Relation, Unit

# A person's fiscal code: 16 characters, letters and digits where the format puts them
# (digits may be replaced by letters for homonyms: omocodia).
_DIGIT = "[0-9LMNPQRSTUV]"
FISCAL_CODE_RE = re.compile(rf"^[A-Z]{{6}}{_DIGIT}{{2}}[A-Z]{_DIGIT}{{2}}[A-Z]{_DIGIT}{{3}}[A-Z]$")
HISTORY_LIMIT = 50
# Beyond every code point: "abc" <= x < "abc" + this is "x starts with abc" in binary order.
_AFTER_PREFIX = "\U0010ffff"


def normalize_query(query):
    """Collapse blanks and lowercase a free-text query."""
    return " ".join((query or "").split()).lower()


def _prefix_q(field, prefix):
    """An index-friendly "starts with" filter on a lowercased column.

    PostgreSQL uses the varchar_pattern_ops index for LIKE 'prefix%'. SQLite only uses an
    index for LIKE with a NOCASE index, so there we ask for the equivalent range instead,
    which the plain (binary) index serves.
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _AFTER_PREFIX})


def _with_head(households):
    heads = (Member.objects.current().filter(relation=Relation.HEAD)
             .order_by("last_name", "first_name"))
    return households.select_related("unit__building__hub").prefetch_related(
        Prefetch("members", queryset=heads, to_attr="heads")
    )


def household_search(*, user, query, hub=None, band=None, include_ended=False):
    """The households `user` may see that match `query`, ordered by code.

    The query is matched as a household code or a fiscal code (exact, indexed), else as the
    start of a member's name ("rossi", "rossi mar", "mario rossi") or a word of the building
    address. `hub` is a Hub or a hub code; `band` a RentBand value. A fiscal code or name
    matches the household of a current membership; with `include_ended`, also the households
    the person has left (someone looking for an old tenancy is looking for its people).
    """
    households = visible_households(user)
    if not include_ended:
        households = households.filter(tenancy_end__isnull=True)
    if hub:
        households = households.filter(
            unit__building__hub__code=hub.code if isinstance(hub, Hub) else hub
        )
    if band:
        households = households.filter(rent_band=band)

    text = normalize_query(query)
    if text:
        people = (Member.objects.all() if include_ended  # history: old tenancies' people
                  else Member.objects.current())
        households = households.filter(pk__in=_matching_ids(text, people))
    return _with_head(households).order_by("code")


def _matching_ids(text, people):
    """A subquery of the ids of households matching a normalized query, whatever the scope;
    people are looked up in `people` (a Member queryset).

    Each branch starts from an index and the branches are joined with UNION, so the database
    looks up the few matching households instead of testing all of them against an OR.
    """
    upper = text.upper()
    if FISCAL_CODE_RE.match(upper):
        return people.filter(fiscal_code=upper).values("household_id").order_by()
    by_code = Household.objects.filter(code=upper).values("pk").order_by()
    if by_code.exists():
        return by_code
    by_name = people.filter(
        _prefix_q("search_name", text) | _prefix_q("search_name_reversed", text)
    ).values("household_id").order_by()
    buildings = Building.objects.filter(address__icontains=text).values("pk").order_by()
    units = Unit.objects.filter(building_id__in=buildings).values("pk").order_by()
    by_address = Household.objects.filter(unit_id__in=units).values("pk").order_by()
    return by_name.union(by_address)


def search_hub_choices(user):
    """The hubs a user may filter the search by: their own for hub-scoped roles."""
    if user.role in HUB_SCOPED_ROLES:
        return user.hubs.order_by("name")
    return Hub.objects.order_by("name")


def household_for_page(*, user, code):
    """The household with its ISEE and charges, or None outside the user's scope (its
    members: `members_in_order`)."""
    return (
        visible_households(user)
        .select_related("unit__building__hub")
        .prefetch_related("isee_declarations", "heating_charges")
        .filter(code=code)
        .first()
    )


RELATION_ORDER = {Relation.HEAD: 0, Relation.SPOUSE: 1, Relation.CHILD: 2, Relation.OTHER: 3}


def members_in_order(household):
    """The current members: head of household first, then spouse, children, others; by age
    within each."""
    return sorted(household.members.current(),
                  key=lambda member: (RELATION_ORDER.get(member.relation, 9), member.birth_date))


def former_members(household):
    """The memberships of the household that have ended, the latest first (for staff)."""
    past = household.members.exclude(ended_on=None)  # history: the staff page shows it
    return list(past.order_by("-ended_on", "last_name"))


def household_history(household, *, user, limit=HISTORY_LIMIT):
    """The household's latest events that `user` may read (casa.core.access.readable_events:
    events about records of a kind the user may not read are left out)."""
    events = AuditEvent.objects.filter(subject=household.audit_subject)
    return list(readable_events(user, events).select_related("actor")[:limit])


def current_household(*, user, code=None):
    """The household `code` if it is current (tenancy not ended) and in `user`'s scope, with
    its unit, building and hub; without `code`, the first current household in the scope (a
    tenant's own). None otherwise."""
    households = visible_households(user).filter(tenancy_end__isnull=True)
    if code is not None:
        households = households.filter(code=code)
    return households.select_related("unit__building__hub").first()


def tenant_household(user):
    """The current household of a tenant, found through their fiscal code, or None."""
    if user.role != Role.TENANT:
        return None
    return current_household(user=user)


def tenant_household_id(user):
    """The id of `tenant_household(user)`, for the pages served from a cache that still check
    the scope on every request (the tenant's home, casa/portal/page_cache.py): the same SQL,
    the ORM's own for the scope of casa/registry/access.py, built once (casa/core/compiled.py),
    at a tenth of the cost."""
    if user.role != Role.TENANT or not user.fiscal_code:
        return None
    row = _TENANT_HOUSEHOLD.first_row(user.fiscal_code)
    return row[0] if row else None


def _tenant_households(fiscal_code):
    tenant = User(role=Role.TENANT, fiscal_code=fiscal_code)
    return (visible_households(tenant).filter(tenancy_end__isnull=True)
            .order_by("code").values_list("pk", flat=True)[:1])


_TENANT_HOUSEHOLD = Compiled(_tenant_households, "CASA-STAND-IN-FISCAL-CODE")
