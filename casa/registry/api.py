"""The register in the JSON API: household search, one household, and the current user.

Same selectors and scope as the pages; every operation requires a session (casa/api.py) and
checks its capability with `require`.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.http import Http404
from ninja import Router, Schema

from casa.core.access import require
from casa.core.api import api_page, page_answer, refusals
from casa.core.audit import AuditAction, audit_record

from . import selectors

router = Router(tags=["register"])


class HubOut(Schema):
    code: str
    name: str


class HouseholdSummaryOut(Schema):
    code: str
    head_of_household: str | None
    address: str
    municipality: str
    unit: str
    hub: HubOut | None
    rent_band: str
    current: bool


class HouseholdPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[HouseholdSummaryOut]


class UnitOut(Schema):
    code: str
    address: str
    municipality: str
    entrance: str
    floor: str
    door: str


class MemberOut(Schema):
    fiscal_code: str
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: str
    relation: str
    citizenship: str
    started_on: dt.date


class IseeOut(Schema):
    kind: str
    value_eur: Decimal
    dsu_protocol: str
    issued_on: dt.date
    valid_until: dt.date


class HeatingChargeOut(Schema):
    season: str
    basis: str
    amount_eur: Decimal
    other_aid_eur: Decimal | None


class HouseholdOut(Schema):
    code: str
    unit: UnitOut
    hub: HubOut | None
    rent_band: str
    isee_erp_eur: Decimal | None
    arrears_eur: Decimal
    repayment_plan: bool
    email: str
    phone: str
    language: str
    tenancy_start: dt.date
    tenancy_end: dt.date | None
    members: list[MemberOut]
    isee_declarations: list[IseeOut]
    heating_charges: list[HeatingChargeOut]


class MeOut(Schema):
    email: str | None  # a tenant's account may have none (issue 13, SPID/CIE)
    role: str
    hubs: list[HubOut]
    household_code: str | None


def _hub(hub):
    return {"code": hub.code, "name": hub.name} if hub else None


def _summary(household):
    head = household.heads[0] if household.heads else None
    building = household.unit.building
    return {
        "code": household.code,
        "head_of_household": f"{head.last_name} {head.first_name}" if head else None,
        "address": building.address,
        "municipality": building.municipality,
        "unit": household.unit.code,
        "hub": _hub(building.hub),
        "rent_band": household.rent_band,
        "current": household.is_current,
    }


# No session: 401. No capability: 403. A parameter that is not a number or a yes/no: 422.
@router.get("households", response={200: HouseholdPageOut, **refusals(401, 403)},
            url_name="household_list", summary="Search households")
def household_list(request, q: str = "", page: int = 1, hub: str = "", band: str = "",
                   ended: bool = False):
    """Households in the caller's scope matching `q` (code, fiscal code, name, address)."""
    user = require(request, "registry.search_households")
    households = selectors.household_search(user=user, query=q, hub=hub or None,
                                            band=band or None, include_ended=ended)
    current = api_page(households, settings.CASA_PAGE_SIZE, page)
    return page_answer(current, [_summary(household) for household in current.object_list])


# No session: 401. No capability: 403. Not in the caller's scope, or no such household: 404.
# A control character anywhere: 422 (every operation).
@router.get("households/{code}", response={200: HouseholdOut, **refusals(401, 403, 404)},
            url_name="household_detail", summary="One household")
def household_detail(request, code: str):
    """A household in the caller's scope (404 otherwise). Recorded in the audit trail."""
    user = require(request, "registry.view_household")
    household = selectors.household_for_page(user=user, code=code)
    if household is None:
        raise Http404
    audit_record(actor=user, action=AuditAction.VIEW, target=household, note="api")
    unit, building = household.unit, household.unit.building
    return {
        "code": household.code,
        "unit": {"code": unit.code, "address": building.address,
                 "municipality": building.municipality, "entrance": unit.entrance,
                 "floor": unit.floor, "door": unit.door},
        "hub": _hub(building.hub),
        "rent_band": household.rent_band,
        "isee_erp_eur": household.isee_erp_eur,
        "arrears_eur": household.arrears_eur,
        "repayment_plan": household.repayment_plan,
        "email": household.email,
        "phone": household.phone,
        "language": household.language,
        "tenancy_start": household.tenancy_start,
        "tenancy_end": household.tenancy_end,
        "members": selectors.members_in_order(household),
        "isee_declarations": list(household.isee_declarations.all()),
        "heating_charges": list(household.heating_charges.all()),
    }


# Any logged-in user may ask: only 401 without a session (and 422 to a control character).
@router.get("me", response={200: MeOut, **refusals(401)}, url_name="me",
            summary="The current user")
def me(request):
    """Any logged-in user: their role, hubs, and for a tenant their household code."""
    user = request.user
    household = selectors.tenant_household(user)
    return {
        "email": user.email,
        "role": user.role,
        "hubs": [_hub(hub) for hub in user.hubs.order_by("name")],
        "household_code": household.code if household else None,
    }
