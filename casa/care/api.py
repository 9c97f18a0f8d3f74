"""The care and vigilance staff's work in the JSON API (issue 11, i11api), with the pages' scope
and the pages' services: the buildings the caller patrols and the round's checklist; a round
sent with its submission key (services.round_submit, as the offline round.js: the same key sent
again gives back the first round, never a second); the problem report a problem found on a
round opens; incidents; the fragile residents due for a visit and a visit (one that found a
problem flags the hub's Community Managers); the open flags and closing one.

Every read goes through selectors.py (building_scope), every write through services.py.
Every operation requires a session and its capability (SessionWith: 403 before any parameter
is read); outside the caller's hubs, or no such record: 404, as on the pages. A fragile
resident's record, and the flags a visit raised, hold health and living conditions: each read
is audited (AuditAction.VIEW)."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Form, Router, Schema

from casa.core.api import SessionWith, api_page, invalid, page_answer, refusals
from casa.core.audit import AuditAction, audit_event, audit_record

from . import selectors, services
from .rules import INFORMED, ITEMS, ROUND_ITEMS, ItemStatus

router = Router(tags=["care"])


class CareBuildingOut(Schema):
    code: str
    address: str
    hub: str | None
    can_work: bool


class CareItemOut(Schema):
    code: str
    label: str
    help: str
    report_category: str
    report_place: str


class CareChecklistOut(Schema):
    items: list[CareItemOut]
    statuses: dict[str, str]


class CareCheckIn(Schema):
    status: str = ItemStatus.UNCHECKED
    note: str = ""


class CareRoundIn(Schema):
    submission_key: uuid.UUID
    note: str = ""
    checks: dict[str, CareCheckIn] = {}


class CareCheckOut(Schema):
    id: int
    item: str
    label: str
    status: str
    note: str
    has_photo: bool
    report: str | None


class CareRoundOut(Schema):
    id: int
    reference: str
    building: str
    done_at: dt.datetime
    done_by: str
    note: str
    checks: list[CareCheckOut]


class CareReportOut(Schema):
    id: int
    reference: str
    status: str


class CareIncidentIn(Schema):
    building: str = ""
    kind: str = ""
    urgency: str = ""
    occurred_at: dt.datetime | None = None
    description: str = ""
    informed: list[str] = []
    what_followed: str = ""


class CareIncidentOut(Schema):
    id: int
    reference: str
    building: str
    kind: str
    urgency: str
    occurred_at: dt.datetime
    description: str
    informed: list[str]
    what_followed: str
    recorded_at: dt.datetime


class CareResidentOut(Schema):
    id: int
    first_name: str
    last_name: str
    household: str
    building: str
    address: str
    reason: str
    visit_every_days: int
    next_visit_due: dt.date
    overdue: bool


class CareVisitIn(Schema):
    notes: str = ""
    problem_found: bool = False


class CareVisitOut(Schema):
    id: int
    resident: int
    visited_at: dt.datetime
    notes: str
    problem_found: bool
    flag: int | None


class CareFlagOut(Schema):
    id: int
    household: str
    address: str
    hub: str
    resident: str
    visit_notes: str
    visited_by: str
    raised_at: dt.datetime
    closed_at: dt.datetime | None


def _refused(error, field):
    """A service's refusal as the API's 422, each message where it belongs, in the caller's
    language (the services' messages)."""
    if hasattr(error, "message_dict"):
        raise invalid(("body", field), *[message for messages in error.message_dict.values()
                                         for message in messages])
    raise invalid(("body", field), *error.messages)


def _round(found):
    return {"id": found.pk, "reference": found.reference, "building": found.building.code,
            "done_at": found.done_at,
            "done_by": found.done_by.get_full_name() or found.done_by.email, "note": found.note,
            "checks": [{"id": check.pk, "item": check.item,
                        "label": str(ITEMS[check.item].label) if check.item in ITEMS else "",
                        "status": check.status, "note": check.note,
                        "has_photo": bool(check.photo),
                        "report": check.report.reference if check.report_id else None}
                       for check in found.checks.select_related("report").all()]}


def _incident(incident):
    return {"id": incident.pk, "reference": incident.reference,
            "building": incident.building.code, "kind": incident.kind,
            "urgency": incident.urgency, "occurred_at": incident.occurred_at,
            "description": incident.description,
            "informed": [code for code, (_label, column) in INFORMED.items()
                         if getattr(incident, column)],
            "what_followed": incident.what_followed, "recorded_at": incident.recorded_at}


def _flag(flag):
    visit = flag.visit
    member = visit.resident.member
    return {"id": flag.pk, "household": flag.household.code,
            "address": flag.household.unit.building.address, "hub": flag.hub.code,
            "resident": f"{member.first_name} {member.last_name}", "visit_notes": visit.notes,
            "visited_by": visit.visited_by.get_full_name() or visit.visited_by.email,
            "raised_at": flag.raised_at, "closed_at": flag.closed_at}


def _audit_each(user, records, note):
    """Personal data listed: each record's read in the trail, under its household."""
    from casa.core.models import AuditEvent

    AuditEvent.objects.bulk_create([
        audit_event(actor=user, action=AuditAction.VIEW,
                    target_type=record._meta.label_lower, target_id=record.pk,
                    target_repr=str(record), subject=record.audit_subject, note=note)
        for record in records])


# --- Rounds ------------------------------------------------------------------------------------

# No session: 401. Without care.view: 403.
@router.get("staff/care/buildings", response={200: list[CareBuildingOut], **refusals(401, 403)},
            url_name="care_buildings", summary="The buildings the caller patrols",
            auth=SessionWith("care.view"))
def care_buildings(request):
    """The buildings in the caller's scope; `can_work`: those they do rounds in (the buildings
    of their hubs, for care staff and Community Managers)."""
    user = request.auth
    return [{"code": building.code, "address": building.address,
             "hub": building.hub.code if building.hub_id else None,
             "can_work": selectors.works_in(user, building)}
            for building in selectors.visible_buildings(user).select_related("hub")
            .order_by("address")]


# No session: 401. Without care.view: 403.
@router.get("staff/care/checklist", response={200: CareChecklistOut, **refusals(401, 403)},
            url_name="care_checklist", summary="The checklist of a round",
            auth=SessionWith("care.view"))
def care_checklist(request):
    """The items of a round in the order they are walked, each with the report a problem
    found there opens, and what an item can be found to be."""
    return {"items": [{"code": item.code, "label": str(item.label), "help": str(item.help),
                       "report_category": item.category, "report_place": item.place}
                      for item in ROUND_ITEMS],
            "statuses": {value: str(label) for value, label in ItemStatus.choices}}


# No session: 401. Without care.work: 403. Not a building of the caller's hubs, or none: 404.
# Not JSON: 400. Refused (no key, a problem without a note, an unknown item): 422.
@router.post("staff/care/buildings/{code}/rounds",
             response={200: CareRoundOut, **refusals(400, 401, 403, 404)},
             url_name="care_round_submit", summary="Send a round",
             auth=SessionWith("care.work"))
def care_round_submit(request, code: str, data: CareRoundIn):
    """A round of building `code` as JSON: `checks` {item code: {status, note}} for the items
    walked (photos go with the page's form). `submission_key` is made once per round: the same
    key sent again gives back the round it saved, never a second one."""
    user = request.auth
    building = selectors.visible_buildings(user).filter(code=code).first()
    if building is None or not selectors.works_in(user, building):
        raise Http404
    try:
        done = services.round_submit(
            building=building, note=data.note, acting_user=user,
            submission_key=data.submission_key,
            checks={code: {"status": check.status, "note": check.note}
                    for code, check in data.checks.items()})
    except ValidationError as error:
        _refused(error, "checks")
    return _round(done)


# No session: 401. Without care.view: 403. Outside the caller's hubs, or none: 404.
@router.get("staff/care/rounds/{round_id}",
            response={200: CareRoundOut, **refusals(401, 403, 404)},
            url_name="care_round_detail", summary="A round with what was found",
            auth=SessionWith("care.view"))
def care_round_detail(request, round_id: int):
    found = selectors.visible_round(request.auth, round_id)
    if found is None:
        raise Http404
    return _round(found)


# No session: 401. Without care.work: 403. Not an item of that round in the caller's hubs:
# 404. An item found all right: 422. Again: the report it opened.
@router.post("staff/care/rounds/{round_id}/items/{check_id}/report",
             response={200: CareReportOut, **refusals(401, 403, 404)},
             url_name="care_round_item_report", summary="Open a report from a round's item",
             auth=SessionWith("care.work"))
def care_round_item_report(request, round_id: int, check_id: int):
    """The problem report of the item's category and place (services.round_item_open_report):
    one per item, however often it is asked."""
    user = request.auth
    check = selectors.visible_check(user, check_id)
    if check is None or check.round_id != round_id or not selectors.works_in(
            user, check.round.building):
        raise Http404
    try:
        report = services.round_item_open_report(check=check, acting_user=user)
    except ValidationError as error:
        _refused(error, "check_id")
    return {"id": report.pk, "reference": report.reference, "status": report.status}


# --- Incidents ---------------------------------------------------------------------------------

# No session: 401. Without care.view: 403.
@router.get("staff/care/incidents", response={200: list[CareIncidentOut], **refusals(401, 403)},
            url_name="care_incident_list", summary="Incidents in the caller's buildings",
            auth=SessionWith("care.view"))
def care_incident_list(request):
    """The latest 50 incidents, the most recent first: how urgent, who was informed, what
    followed."""
    return [_incident(incident) for incident in
            selectors.visible_incidents(request.auth).select_related("building")[:50]]


# No session: 401. Without care.work: 403. Refused (no building of the caller's hubs, a time
# in the future, who was informed not from the list...): 422 with the reasons.
@router.post("staff/care/incidents", response={200: CareIncidentOut, **refusals(401, 403)},
             url_name="care_incident_create", summary="Record an incident",
             auth=SessionWith("care.work"))
def care_incident_create(request, data: Form[CareIncidentIn]):
    """An incident, as a form: the building's code, `kind`, `urgency`, `occurred_at`
    (ISO 8601), `description`, `informed` (repeated: police, fire_brigade, technical_office,
    community_manager), `what_followed`."""
    user = request.auth
    building = selectors.visible_buildings(user).filter(code=data.building).first()
    try:
        incident = services.incident_record(
            building=building, kind=data.kind, urgency=data.urgency,
            occurred_at=data.occurred_at, description=data.description,
            informed=data.informed, what_followed=data.what_followed, acting_user=user)
    except ValidationError as error:
        _refused(error, "description")
    except PermissionDenied as error:
        _refused(ValidationError(str(error)), "building")
    return _incident(incident)


# --- Fragile residents -------------------------------------------------------------------------

class CareResidentPageOut(Schema):
    """A page of the fragile residents, shaped as the register's pages (casa/registry/api.py)."""
    count: int
    page: int
    pages: int
    results: list[CareResidentOut]


# No session: 401. Without care.view: 403. A page that is not a number: 422; past the last:
# the last.
@router.get("staff/care/residents",
            response={200: CareResidentPageOut, **refusals(401, 403)},
            url_name="care_resident_list", summary="Fragile residents, the visits due first",
            auth=SessionWith("care.view"))
def care_resident_list(request, due: bool = False, page: int = 1):
    """The fragile residents of the caller's buildings whose consent stands, the visits due
    first, RESIDENTS_PAGE_SIZE a page (i11page); `due=true`: only those due today or
    overdue. Health data: each read is audited."""
    user = request.auth
    current = api_page(selectors.residents_by_due(user, timezone.localdate(), due_only=due),
                       selectors.RESIDENTS_PAGE_SIZE, page)
    rows = current.object_list
    _audit_each(user, [resident for resident, _due, _overdue in rows], "residents (API)")
    out = []
    for resident, next_due, overdue in rows:
        member = resident.member
        building = member.household.unit.building
        out.append({"id": resident.pk, "first_name": member.first_name,
                    "last_name": member.last_name, "household": member.household.code,
                    "building": building.code, "address": building.address,
                    "reason": resident.reason, "visit_every_days": resident.visit_every_days,
                    "next_visit_due": next_due, "overdue": overdue})
    return page_answer(current, out)


# No session: 401. Without care.work: 403. Not a resident of the caller's hubs whose consent
# stands, or none: 404. Refused (a problem without notes, notes too long): 422.
@router.post("staff/care/residents/{resident_id}/visits",
             response={200: CareVisitOut, **refusals(401, 403, 404)},
             url_name="care_visit_record", summary="Record a visit",
             auth=SessionWith("care.work"))
def care_visit_record(request, resident_id: int, data: Form[CareVisitIn]):
    """A visit, as a form (`notes`, `problem_found`). One that found a problem flags the
    household for its hub's Community Managers, each told (services.visit_record)."""
    user = request.auth
    resident = selectors.visible_resident(user, resident_id)
    if resident is None:
        raise Http404
    try:
        visit = services.visit_record(resident=resident, notes=data.notes,
                                      problem_found=data.problem_found, acting_user=user)
    except ValidationError as error:
        _refused(error, "notes")
    except PermissionDenied:
        raise Http404 from None
    flag = getattr(visit, "flag", None)
    return {"id": visit.pk, "resident": resident.pk, "visited_at": visit.visited_at,
            "notes": visit.notes, "problem_found": visit.problem_found,
            "flag": flag.pk if flag else None}


# --- Flags -------------------------------------------------------------------------------------

# No session: 401. Without care.view: 403.
@router.get("staff/care/flags", response={200: list[CareFlagOut], **refusals(401, 403)},
            url_name="care_flag_list", summary="Open flags raised by visits",
            auth=SessionWith("care.view"))
def care_flag_list(request):
    """The open flags of the caller's hubs (selectors.open_flags_for): the households a visit
    found a problem with. What the visit found is personal data: each read is audited."""
    flags = list(selectors.open_flags_for(request.auth))
    _audit_each(request.auth, flags, "open flags (API)")
    return [_flag(flag) for flag in flags]


# No session: 401. Without care.work: 403, and for who is not a Community Manager of its hub.
# Not a flag of the caller's hubs, or none: 404.
@router.post("staff/care/flags/{flag_id}/close",
             response={200: CareFlagOut, **refusals(401, 403, 404)},
             url_name="care_flag_close", summary="Close a flag",
             auth=SessionWith("care.work"))
def care_flag_close(request, flag_id: int):
    """The Community Manager has followed the flag up: it leaves the open ones (closing it
    again changes nothing)."""
    flag = selectors.visible_flag(request.auth, flag_id)
    if flag is None:
        raise Http404
    closed = services.flag_close(flag=flag, acting_user=request.auth)
    flag.closed_at = closed.closed_at
    audit_record(actor=request.auth, action=AuditAction.VIEW, target=flag,
                 note="flag closed (API)")
    return _flag(flag)
