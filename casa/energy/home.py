"""What the portal's pages say about the energy contribution: on the tenant's home, one line per
call saying where the household stands and the one thing to do next; on the public home, the
call open now (or the next one). Plain functions returning small dataclasses: the portal calls
them and lays them out (casa/templates/portal/), this app never imports the portal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .appeals import can_appeal
from .models import Application, ApplicationStatus, Call
from .selectors import open_calls

# Where a household stands with a call, as the tenant's home groups it.
TO_DO = "to_do"  # the call is open and the household has not applied
SUBMITTED = "submitted"  # applied, nothing to do but wait
NEEDS_ANSWER = "needs_answer"  # an officer asked the tenant for information
APPROVED = "approved"
WAITLISTED = "waitlisted"
PAID = "paid"
REJECTED = "rejected"

S = ApplicationStatus
# Every status of an application, in the tenant's words, and the place it takes on the home.
# An approval waiting for its second confirmation is not final: the tenant sees it checked.
TENANT_STATUS = {
    S.SUBMITTED: (SUBMITTED, _("Submitted")),
    S.UNDER_REVIEW: (SUBMITTED, _("Submitted, being checked")),
    S.AWAITING_CONFIRMATION: (SUBMITTED, _("Submitted, being checked")),
    S.NEEDS_INFORMATION: (NEEDS_ANSWER, _("Needs your answer")),
    S.APPROVED: (APPROVED, _("Approved")),
    S.WAITLISTED: (WAITLISTED, _("On the waiting list")),
    S.REJECTED: (REJECTED, _("Not approved")),
    S.PAID: (PAID, _("Paid")),
}


@dataclass(frozen=True)
class TenantLine:
    """One call on the tenant's home: where the household stands and one link to act."""

    call: Call
    state: str  # TO_DO, SUBMITTED, NEEDS_ANSWER, APPROVED, WAITLISTED, PAID or REJECTED
    label: str  # the state in plain words
    url: str
    link_label: str
    application: Application | None = None
    amount_eur: Decimal | None = None  # approved or paid
    appeal_until: dt.date | None = None  # rejected, while the tenant may still appeal


def tenant_line(call, application) -> TenantLine:
    """The line for `call`, to which the household applied with `application` (or None)."""
    if application is None:
        return TenantLine(call, TO_DO, _("To do"), reverse("energy:apply", args=[call.code]),
                          _("Apply"))
    page = reverse("energy:my_application", args=[call.code])
    state, label = TENANT_STATUS.get(application.status,
                                     (SUBMITTED, application.get_status_display()))
    if state == NEEDS_ANSWER:
        return TenantLine(call, state, label, page, _("Answer"), application)
    if state in (APPROVED, PAID):
        return TenantLine(call, state, label, page, _("See your application"), application,
                          amount_eur=application.approved_amount_eur)
    if state == REJECTED:
        appeal = can_appeal(application)
        if appeal is not None:
            return TenantLine(call, state, label, page, _("Ask for a review"), application,
                              appeal_until=appeal[1])
        return TenantLine(call, state, label, page, _("See why"), application)
    return TenantLine(call, state, label, page, _("See your application"), application)


def tenant_lines(household, *, at=None) -> list[TenantLine]:
    """A line for each call open at `at` (now) and each call the household applied to: the
    open calls first, closing soonest first, then the others, newest first."""
    at = at or timezone.now()
    applications = {application.call_id: application for application in
                    Application.objects.filter(household=household).select_related("call")}
    calls = list(open_calls(at))
    open_ids = {call.pk for call in calls}
    calls += sorted((application.call for application in applications.values()
                     if application.call_id not in open_ids),
                    key=lambda call: call.opens_at, reverse=True)
    return [tenant_line(call, applications.get(call.pk)) for call in calls]


@dataclass(frozen=True)
class PublicNotice:
    """What the public home says about the contribution."""

    open_calls: list  # the calls open now, closing soonest first
    next_call: Call | None  # when none is open: the next call to open, if one is planned


def public_notice(*, at=None) -> PublicNotice:
    at = at or timezone.now()
    calls = list(open_calls(at))
    next_call = None
    if not calls:
        next_call = Call.objects.filter(opens_at__gt=at).order_by("opens_at").first()
    return PublicNotice(calls, next_call)
