"""How long case files keep their personal data (casa/core/retention.py; the periods and why
in docs/decisions.md, "Retention"). Counted from the case's closure; an open case is never
touched. Pseudonymising keeps each record, its reference (PC-…), its dates, reason, outcome,
kinds and services, so that the counts stay; it removes the free text, the person and the
debt."""

from django.db.models import Exists, OuterRef, Q

from casa.core import retention

from .models import ArrearsStep, CaseFile, CaseStatus, Contact, Handover, PlanAction, Referral

MONTHS = 60  # five years after closure
REMOVED = ""


def pseudonymise_cases(cases):
    ids = list(cases.values_list("pk", flat=True))
    cases.update(closing_note=REMOVED, assessment_summary=REMOVED, member=None, debt_eur=None)
    PlanAction.objects.filter(case__in=ids).exclude(text=REMOVED).update(text=REMOVED)
    # The logs are append-only for the services (models.AppendOnly guards each row); removing
    # what expired is the one change retention makes to them, in the batch's transaction.
    ArrearsStep._base_manager.filter(case__in=ids).update(text=REMOVED)
    Handover._base_manager.filter(case__in=ids).update(reason=REMOVED)


def pseudonymise_contacts(contacts):
    contacts.update(notes=REMOVED, public_summary=REMOVED)


def pseudonymise_referrals(referrals):
    referrals.update(note=REMOVED, outcome=REMOVED)


CLOSED = Q(status=CaseStatus.CLOSED)


def _any(model, **removed):
    """The case has a row of `model` whose field is not yet removed (a subquery, not a join:
    a join would list a case once per row)."""
    return Q(Exists(model._base_manager.filter(case=OuterRef("pk")).exclude(**removed)))


retention.declare(
    "casework.case_file", model="casework.CaseFile", counts_from="closed_at", months=MONTHS,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_cases, only=CLOSED,
    still_personal=(~Q(closing_note=REMOVED) | ~Q(assessment_summary=REMOVED)
                    | Q(member__isnull=False) | Q(debt_eur__isnull=False)
                    | _any(PlanAction, text=REMOVED) | _any(ArrearsStep, text=REMOVED)
                    | _any(Handover, reason=REMOVED)),
    description="closed case files: assessment, closing note, plan, arrears, handovers",
)
retention.declare(
    "casework.contact", model="casework.Contact", counts_from="case__closed_at",
    months=MONTHS, action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_contacts,
    only=Q(case__status=CaseStatus.CLOSED),
    still_personal=~Q(notes=REMOVED) | ~Q(public_summary=REMOVED),
    description="contacts of closed case files",
)
retention.declare(
    "casework.referral", model="casework.Referral", counts_from="case__closed_at",
    months=MONTHS, action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_referrals,
    only=Q(case__status=CaseStatus.CLOSED),
    still_personal=~Q(note=REMOVED) | ~Q(outcome=REMOVED),
    description="referrals of closed case files",
)

__all__ = ["CaseFile", "Contact", "Referral"]
