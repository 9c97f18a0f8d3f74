"""Case files in the JSON API, with the same scope as the pages: a Community Manager's caseload
(a social coordinator's: their hubs' open cases) and one case file, its reading audited
(selectors.case_file_read). Every operation requires a session (casa/api.py) and
casework.view."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from casa.core.access import can, require
from casa.core.api import api_page, page_answer, refusals

from . import selectors

router = Router(tags=["casework"])


class CaseLineOut(Schema):
    id: int
    reference: str
    household: str
    reason: str
    reason_label: str
    owner: str
    next_due_on: dt.date | None
    overdue: bool


class ActionOut(Schema):
    id: int
    text: str
    owner_kind: str
    due_on: dt.date
    done_at: dt.datetime | None
    for_tenant: bool
    overdue: bool


class ContactOut(Schema):
    id: int
    kind: str
    at: dt.datetime
    notes: str
    public_summary: str


class ReferralOut(Schema):
    id: int
    to: str
    sent_on: dt.date
    note: str
    outcome: str
    outcome_on: dt.date | None


class CaseOut(Schema):
    id: int
    reference: str
    household: str
    member: str | None
    reason: str
    status: str
    owner: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    outcome: str
    assessment_summary: str
    needs: dict[str, str]
    debt_eur: str | None
    plan_signed_on: dt.date | None
    actions: list[ActionOut]
    contacts: list[ContactOut]
    referrals: list[ReferralOut]


class CasePageOut(Schema):
    """A page of the caseload, shaped as the register's pages (casa/registry/api.py)."""
    count: int
    page: int
    pages: int
    results: list[CaseLineOut]


# No session: 401. No case files to read (care staff, tenants...): 403. A page that is not a
# number: 422; past the last: the last.
@router.get("cases", response={200: CasePageOut, **refusals(401, 403)},
            url_name="case_list", summary="My caseload (staff)")
def case_list(request, page: int = 1):
    """The open case files: a Community Manager's own, a social coordinator's hubs', overdue
    first, then by the next action due; CASELOAD_PAGE_SIZE a page (i11page)."""
    user = require(request, "casework.view")
    today = timezone.localdate()
    current = api_page(selectors.caseload(user, mine=can(user, "casework.work")),
                       selectors.CASELOAD_PAGE_SIZE, page)
    return page_answer(current, [
        {"id": case.pk, "reference": case.reference, "household": case.household.code,
         "reason": case.reason, "reason_label": case.get_reason_display(),
         "owner": str(case.owner), "next_due_on": case.next_due_on, "overdue": case.overdue}
        for case in selectors.mark_overdue(current.object_list, today)])


# Outside the caller's hubs, or no such case: 404.
@router.get("cases/{int:case_id}", response={200: CaseOut, **refusals(401, 403, 404)},
            url_name="case_detail", summary="A case file (staff)")
def case_detail(request, case_id: int):
    user = require(request, "casework.view")
    case = selectors.case_file_read(user, case_id, note="API")
    if case is None:
        raise Http404
    today = timezone.localdate()
    return {
        "id": case.pk, "reference": case.reference, "household": case.household.code,
        "member": str(case.member) if case.member else None, "reason": case.reason,
        "status": case.status, "owner": str(case.owner), "opened_at": case.opened_at,
        "closed_at": case.closed_at, "outcome": case.outcome,
        "assessment_summary": case.assessment_summary,
        "needs": {need.area: need.level for need in case.needs.all()},
        "debt_eur": None if case.debt_eur is None else str(case.debt_eur),
        "plan_signed_on": case.plan_signed_on,
        "actions": [{"id": a.pk, "text": a.text, "owner_kind": a.owner_kind,
                     "due_on": a.due_on, "done_at": a.done_at, "for_tenant": a.for_tenant,
                     "overdue": a.done_at is None and a.due_on < today}
                    for a in case.actions.all()],
        "contacts": [{"id": c.pk, "kind": c.kind, "at": c.at, "notes": c.notes,
                      "public_summary": c.public_summary} for c in case.contacts.all()],
        "referrals": [{"id": r.pk, "to": r.to, "sent_on": r.sent_on, "note": r.note,
                       "outcome": r.outcome, "outcome_on": r.outcome_on}
                      for r in case.referrals.all()],
    }
