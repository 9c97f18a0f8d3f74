"""The Community Manager's day (issue 11): one page gathering what waits for a Community Manager
(or a social coordinator) today, each section a count and its first items, each item one tap
from its page.

Each section reads through its domain's own selector, which applies that domain's scope (the
user's hubs); the portal filters nothing of another app's models itself. A section the user
may not see (no capability) is None and is not shown; an empty one says so. Every section
reads a fixed number of queries whatever the number of items (tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casa.appointments import selectors as appointments
from casa.appointments.models import Kind
from casa.appointments.models import Status as AppointmentStatus
from casa.care import selectors as care
from casa.casework import selectors as casework
from casa.core.access import can
from casa.core.money import format_euro
from casa.energy import rules as energy_rules
from casa.energy import selectors as energy
from casa.reports import queue as reports
from casa.reports.rules import Status as ReportStatus
from casa.reports.rules import place_label

# How many items each section lists; the count says how many there are in all.
TOP = 5

# The query string's toggle of the cases: the user's own (default) or their hubs'.
HUB_CASES = "hub"

# A tenant who has waited this many days for a call stands out (in red).
CALLBACK_LATE_DAYS = 2


@dataclass
class Item:
    title: str
    url: str
    detail: str = ""
    badge: str = ""
    badge_kind: str = "secondary"  # a Bootstrap colour: danger, warning, success, secondary
    household: str = ""  # the household's code, for the page's audit event

    @property
    def badge_class(self):
        # Dark text on yellow: white would fail the contrast check (WCAG AA).
        return "bg-warning text-dark" if self.badge_kind == "warning" else f"bg-{self.badge_kind}"


@dataclass
class Section:
    key: str  # the card's id, "day-<key>"
    title: str
    count: int
    items: list[Item]
    empty: str  # what the card says when there is nothing
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    note: str = ""


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _time(value):
    return formats.time_format(timezone.localtime(value), "TIME_FORMAT")


def _head(household):
    """The head of household's name, when the selector read them (appointments do)."""
    heads = getattr(household, "heads", None) or []
    return str(heads[0]) if heads else ""


# --- The sections -------------------------------------------------------------------------------

def appointments_section(user, today) -> Section | None:
    if not can(user, "appointments.run_agenda"):
        return None
    rows = [appointment for appointment in appointments.agenda(user, today, today)[today]
            if appointment.status != AppointmentStatus.CANCELLED]
    items = []
    for appointment in rows[:TOP]:
        household = appointment.household
        who = " · ".join(part for part in (household.code if household else "",
                                           _head(household) if household else "") if part)
        badge, kind = "", "secondary"
        if appointment.kind == Kind.WALK_IN:
            badge = _("walk-in")
        elif appointment.status == AppointmentStatus.ATTENDED:
            badge, kind = _("held"), "success"
        elif appointment.status == AppointmentStatus.NO_SHOW:
            badge, kind = _("did not come"), "warning"
        items.append(Item(
            title=f"{_time(appointment.starts_at)} · {appointment.get_topic_display()}",
            detail=who or _("someone not in the register"),
            url=reverse("appointments:staff_appointment", args=[appointment.pk]),
            badge=badge, badge_kind=kind, household=household.code if household else ""))
    return Section("appointments", _("Today's appointments and walk-ins"), len(rows), items,
                   _("No appointments today."),
                   links=[(_("Open the agenda"), reverse("appointments:agenda_day")),
                          (_("Record a walk-in"), reverse("appointments:walk_in"))])


def cases_section(user, today, *, hub=False) -> Section | None:
    if not can(user, "casework.view"):
        return None
    # Those who do not work on cases themselves (social coordinators) see their hubs'.
    mine = can(user, "casework.work") and not hub
    count, rows = casework.cases_due(user, today, mine=mine, limit=TOP)
    items = [Item(title=f"{case.reference} · {case.household.code}"
                  + (f" · {case.member}" if case.member_id else ""),
                  detail=case.next_step,
                  url=reverse("casework_staff:detail", args=[case.pk]),
                  badge=(_("overdue since %(date)s") % {"date": _date(case.next_due_on)}
                         if case.overdue else _("due today")),
                  badge_kind="danger" if case.overdue else "warning",
                  household=case.household.code)
             for case in rows]
    links = [(_("Open the caseload"), reverse("casework_staff:caseload")
              + ("" if mine else "?all=1"))]
    note = ""
    if can(user, "casework.work"):
        if mine:
            hub_count, _rows = casework.cases_due(user, today, mine=False, limit=0)
            note = ngettext("%(count)s case of your Spazi CASA has a step due or overdue.",
                            "%(count)s cases of your Spazi CASA have a step due or overdue.",
                            hub_count) % {"count": hub_count}
            links.append((_("Show your Spazi CASA's cases"), f"?cases={HUB_CASES}"))
        else:
            links.append((_("Show only mine"), "?"))
    return Section("cases", _("Case steps due today and overdue") if mine
                   else _("Case steps due in your Spazi CASA"), count, items,
                   _("No case has a step due today or overdue."), links=links, note=note)


def reports_section(user, now) -> Section | None:
    if not can(user, "reports.view"):
        return None
    count, rows = reports.waiting_for(user, now=now, limit=TOP)
    items = []
    for report in rows:
        if report.late:
            badge, kind = _("late"), "danger"
        elif report.status == ReportStatus.NEW:
            badge, kind = _("new"), "warning"
        else:
            badge, kind = report.get_status_display(), "secondary"
        items.append(Item(
            title=f"{report.category.label} · {place_label(report.place)}",
            detail=str(report.building), badge=badge, badge_kind=kind,
            url=reverse("reports_staff:detail", args=[report.pk])))
    queue = reverse("reports_staff:queue")
    return Section("reports", _("Problem reports waiting for you"), count, items,
                   _("No problem report is waiting for you."),
                   links=[(_("New reports"), f"{queue}?status={ReportStatus.NEW}"),
                          (_("Late reports"), f"{queue}?late=on")])


def flags_section(user) -> Section | None:
    if not can(user, "care.view"):
        return None
    flags = care.open_flags_for(user)
    rows = list(flags[:TOP])
    items = [Item(title=f"{flag.household.code} · {flag.visit.resident.member}",
                  detail=_("A visit on %(date)s found a problem.") % {
                      "date": _date(timezone.localtime(flag.raised_at))},
                  url=reverse("care:resident_detail", args=[flag.visit.resident_id]),
                  household=flag.household.code)
             for flag in rows]
    return Section("flags", _("Households flagged by care staff"), flags.count(), items,
                   _("No household is flagged."),
                   links=[(_("Fragile residents"), reverse("care:residents"))])


def callbacks_section(user, today, now) -> Section | None:
    """Tenants who asked to be called back (in the app, at the desk or by phone), oldest
    first, with how long they have waited and the calls that found no answer."""
    if not can(user, "appointments.run_agenda"):
        return None
    waiting = appointments.callbacks_waiting(user, today)
    rows = list(waiting[:TOP])
    items = []
    for request in rows:
        household = request.household
        tries = len(request.attempts.all())
        parts = [request.phone, request.get_best_time_display()]
        if tries:
            parts.append(ngettext("%(count)s call with no answer",
                                  "%(count)s calls with no answer", tries) % {"count": tries})
        waited = (now - request.created_at).days
        items.append(Item(
            title=f"{household.code} · {request.get_topic_display()}",
            detail=" · ".join(parts),
            url=reverse("appointments:staff_callback", args=[request.pk]),
            badge=(ngettext("waiting %(days)s day", "waiting %(days)s days", waited)
                   % {"days": waited}) if waited else _("asked today"),
            badge_kind="danger" if waited >= CALLBACK_LATE_DAYS else "secondary",
            household=household.code))
    return Section("callbacks", _("Tenants to call back"), waiting.count(), items,
                   _("No tenant is waiting for a call."),
                   links=[(_("All the requests"), reverse("appointments:callbacks")),
                          (_("Record a request taken by phone"),
                           reverse("appointments:callback_record"))])


def energy_section(user) -> Section | None:
    if not can(user, "energy.view_applications"):
        return None
    count, rows = energy.needing_information(user, limit=TOP)
    items = [Item(title=f"{application.protocol} · {application.household.code}",
                  detail=(_("Information asked on %(date)s") % {
                      "date": _date(timezone.localtime(application.asked_at))}
                      if application.asked_at else ""),
                  url=reverse("energy:review_application", args=[application.protocol]),
                  badge=application.get_status_display(), badge_kind="warning",
                  household=application.household.code)
             for application in rows]
    queue = reverse("energy:review_queue")
    return Section("energy", _("Energy-contribution applications that need information"),
                   count, items, _("No application is waiting for information."),
                   links=[(_("All of them in the review queue"),
                           f"{queue}?show=open&status=needs_information")])


def arrears_section(user) -> Section | None:
    """The cases whose repayment plan CASA records as signed, beside what the register says:
    the energy contribution's rule reads the register's `repayment_plan`, so signing the plan
    changes the household's outcome only once the register records it."""
    if not can(user, "casework.view"):
        return None
    count, rows = casework.signed_repayment_plans(user, mine=can(user, "casework.work"),
                                                  limit=TOP)
    outcomes = energy.latest_applications(user, [case.household_id for case in rows])
    items = []
    for case in rows:
        household = case.household
        parts = [_("Plan signed on %(date)s.") % {"date": _date(case.plan_signed_on)}]
        if household.repayment_plan:
            parts.append(_("The register records the plan (arrears %(amount)s).") % {
                "amount": format_euro(household.arrears_eur)})
        else:
            parts.append(_("The register does not record it yet (arrears %(amount)s): until "
                           "it does, the energy contribution still counts the arrears.") % {
                "amount": format_euro(household.arrears_eur)})
        application = outcomes.get(household.pk)
        if application is not None:
            if energy_rules.ARREARS in (application.reasons or []):
                parts.append(_("Energy contribution %(protocol)s: %(status)s, excluded for "
                               "arrears.") % {"protocol": application.protocol,
                                              "status": application.get_status_display()})
            else:
                parts.append(_("Energy contribution %(protocol)s: %(status)s.") % {
                    "protocol": application.protocol,
                    "status": application.get_status_display()})
        items.append(Item(
            title=f"{case.reference} · {household.code}", detail=" ".join(parts),
            url=reverse("casework_staff:detail", args=[case.pk]),
            badge=_("recorded by the register") if household.repayment_plan
            else _("not in the register yet"),
            badge_kind="success" if household.repayment_plan else "warning",
            household=household.code))
    return Section("arrears", _("Signed repayment plans"), count, items,
                   _("No open case records a signed repayment plan."))


def day_sections(user, *, now=None, hub_cases=False) -> list[Section]:
    """The sections `user` may see, in the page's order."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sections = [
        appointments_section(user, today),
        cases_section(user, today, hub=hub_cases),
        reports_section(user, now),
        flags_section(user),
        callbacks_section(user, today, now),
        energy_section(user),
        arrears_section(user),
    ]
    return [section for section in sections if section is not None]


def households_shown(sections) -> list[str]:
    return sorted({item.household for section in sections for item in section.items
                   if item.household})

