"""Reads of case files. Every read starts from `case_scope(user)`, the one scope:

- Community Managers and social coordinators read the case files of the households of their
  hubs' buildings (the household's hub today: a household that moves hub is read by its new
  hub, which is why a case is handed over then);
- nobody else reads a case file (care staff, programme managers, auditors, administrators);
- a tenant reads only `tenant_support`: the plan actions marked for them and the referrals of
  the cases about them, never a note.

A staff member opening one case file goes through `case_file_read`, which records the reading
in the audit trail (AuditAction.VIEW, subject household:CODE): pages and API alike.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, Subquery

from casa.accounts.models import Role
from casa.core.access import can
from casa.core.audit import AuditAction, audit_record
from casa.registry.access import visible_households
from casa.registry.selectors import tenant_household
from casa.registry.signals import person_supported as registry_person_supported

from . import rules
from .models import CaseFile, CaseStatus, PlanAction, Referral


def case_scope(user) -> Q:
    if not getattr(user, "is_authenticated", False) or not can(user, "casework.view"):
        return Q(pk__in=[])
    return Q(household__unit__building__hub__in=user.hubs.all())


def visible_cases(user):
    return CaseFile.objects.filter(case_scope(user))


def case_for_staff(user, pk):
    """The case `pk` with what its page shows, or None outside `user`'s scope. Not audited:
    for the writes (services), which audit what they do."""
    return (visible_cases(user)
            .select_related("household__unit__building__hub", "member", "owner", "opened_by")
            .filter(pk=pk).first())


def case_file_read(user, pk, *, note=""):
    """The case `pk` for `user` to read, its reading recorded in the audit trail; None
    outside their scope (and nothing recorded)."""
    case = case_for_staff(user, pk)
    if case is not None:
        audit_record(actor=user, action=AuditAction.VIEW, target=case, note=note)
    return case


# The open cases a page of the caseload shows (the staff page and the API).
CASELOAD_PAGE_SIZE = 50


def _next_due():
    """The due day of a case's earliest action not done, as a correlated subquery: one index
    read per case (planaction_pending_idx), where a grouped Min over the actions joined to
    every case's rows took a second for a hub's 935 open cases (bench/casework_scale.py)."""
    return Subquery(PlanAction.objects.filter(case=OuterRef("pk"), done_at__isnull=True)
                    .order_by("due_on").values("due_on")[:1])


# The contacts a case file's page shows, the latest; the others on its contacts' pages, as many
# a page.
CONTACTS_PAGE_SIZE = 20


def case_contacts(case):
    """The contacts of `case` (read through case_file_read), newest first."""
    return case.contacts.select_related("recorded_by").order_by("-at", "-id")


def caseload(user, *, mine=True):
    """The open cases in `user`'s scope (a Community Manager's own when `mine`), each with
    `next_due_on`, in the caseload's order: by the next due day (so the overdue first, the
    earliest first), then the cases with nothing due; the oldest opened first among equals.
    A query, sorted by the database, to page: the staff page and the API show
    CASELOAD_PAGE_SIZE at a time; `mark_overdue` marks a page's rows."""
    cases = visible_cases(user).filter(status=CaseStatus.OPEN)
    if mine:
        cases = cases.filter(owner=user)
    return (cases.select_related("household", "member", "owner")
            .annotate(next_due_on=_next_due())
            .order_by(F("next_due_on").asc(nulls_last=True), "opened_at", "id"))


def mark_overdue(cases, today):
    """The `cases` (of caseload()) as a list, each with `overdue`."""
    cases = list(cases)
    for case in cases:
        case.overdue = rules.is_overdue(case.next_due_on, None, today)
    return cases


# --- The Community Manager's day (casa/portal/day.py) -------------------------------------------
# i11day: the cases with a step due today or overdue, and the signed repayment plans; each a
# count and the first `limit` cases, in a fixed number of queries whatever the caseload.

def _open_cases(user, mine):
    cases = visible_cases(user).filter(status=CaseStatus.OPEN)
    return cases.filter(owner=user) if mine else cases


def cases_due(user, today, *, mine=True, limit=5):
    """(how many open cases in `user`'s scope have a step due today or overdue, the first
    `limit` of them): each with `next_due_on`, `next_step` (the text of the earliest step not
    done) and `overdue`, the most overdue first. Two queries."""
    pending = (PlanAction.objects.filter(case=OuterRef("pk"), done_at__isnull=True)
               .order_by("due_on", "id"))
    cases = (_open_cases(user, mine)
             .annotate(next_due_on=Subquery(pending.values("due_on")[:1]),
                       next_step=Subquery(pending.values("text")[:1]))
             .filter(next_due_on__lte=today))
    rows = list(cases.select_related("household", "member")
                .order_by("next_due_on", "opened_at", "id")[:limit])
    for case in rows:
        case.overdue = rules.is_overdue(case.next_due_on, None, today)
    return cases.count(), rows


def signed_repayment_plans(user, *, mine=True, limit=5):
    """(how many open cases in `user`'s scope record a signed repayment plan, the first `limit`
    of them) with their household (whose `repayment_plan` and `arrears_eur` are what the
    register says): those the register does not record yet first. Two queries."""
    cases = _open_cases(user, mine).filter(plan_signed_on__isnull=False)
    rows = list(cases.select_related("household")
                .order_by("household__repayment_plan", "-plan_signed_on", "id")[:limit])
    return cases.count(), rows


def household_cases(user, household):
    """The case files of `household` in `user`'s scope (the household page's panel)."""
    return list(visible_cases(user).filter(household=household)
                .select_related("owner", "member").order_by("-opened_at", "-id"))


def household_for_opening(user, code):
    """The current household `code` for which `user` may open a case, or None."""
    if not can(user, "casework.work"):
        return None
    return (visible_households(user).select_related("unit__building__hub")
            .filter(code=code, tenancy_end__isnull=True,
                    unit__building__hub__in=user.hubs.all()).first())


def current_members(household):
    return list(household.members.current().order_by("relation", "last_name", "first_name"))


def person_supported(case):
    """The member the case is for, or the household's head (else its first current member)
    when it is for the whole household; None if the household has no current member."""
    if case.member_id is not None:
        return case.member
    return registry_person_supported(case.household)


def case_managers(hub):
    """The active Community Managers of `hub`, who may own its cases."""
    from django.contrib.auth import get_user_model

    return (get_user_model().objects
            .filter(is_active=True, role=Role.COMMUNITY_MANAGER, hubs=hub)
            .order_by("last_name", "first_name", "email").distinct())


def overdue_actions(today):
    """The actions not done and past their due day, of open cases, with their case's owner."""
    return (PlanAction.objects
            .filter(done_at__isnull=True, due_on__lt=today, case__status=CaseStatus.OPEN)
            .select_related("case__owner", "case__household").order_by("due_on", "id"))


# --- The tenant's page -------------------------------------------------------------------------

def _tenant_cases(user):
    """The case files about the tenant: their household's cases for the whole household, and
    the cases for them in person (never a case for another member of the household)."""
    household = tenant_household(user)
    if household is None or not can(user, "casework.view_own"):
        return CaseFile.objects.none()
    return CaseFile.objects.filter(household=household).filter(
        Q(member__isnull=True) | Q(member__fiscal_code=user.fiscal_code,
                                   member__ended_on__isnull=True))


def tenant_support(user):
    """(the plan actions marked for the tenant, the referrals) of the cases about them: what
    the tenant's support page shows. Never a note, an assessment or a contact."""
    cases = _tenant_cases(user)
    actions = (PlanAction.objects.filter(case__in=cases, for_tenant=True)
               .only("id", "text", "owner_kind", "due_on", "done_at", "case_id")
               .order_by("done_at", "due_on", "id"))
    referrals = (Referral.objects.filter(case__in=cases)
                 .only("id", "to", "sent_on", "outcome", "outcome_on", "case_id")
                 .order_by("-sent_on", "-id"))
    return list(actions), list(referrals)
