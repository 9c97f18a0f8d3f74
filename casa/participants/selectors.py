"""Reads of FSE+ participants. Every staff read starts from `visible_participants(user)`, the
one scope: Community Managers the participants supported at their hubs, programme managers,
auditors and administrators all of them, anyone else none. `indicators` computes the Annex I
common output indicators (rules.count_groups) from the participant records, grouped and counted
by the database."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Cast, ExtractDay, ExtractMonth, ExtractYear

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import can

from .models import Consent, FundedProject, Participant, SupportEvent
from .rules import SPECIAL, Group, count_groups

WIDE_READERS = frozenset({Role.PROGRAMME_MANAGER, Role.AUDITOR, Role.ADMIN})


def participant_scope(user) -> Q:
    if not can(user, "participants.view"):
        return Q(pk__in=[])
    if user.role in HUB_SCOPED_ROLES:
        supported_here = SupportEvent.objects.filter(hub__in=user.hubs.all())
        return Q(pk__in=supported_here.values("participant_id"))
    if user.role in WIDE_READERS:
        return Q()
    return Q(pk__in=[])


def visible_participants(user):
    return Participant.objects.filter(participant_scope(user))


def visible_participant(user, pk):
    return (visible_participants(user).select_related("project", "hub", "member__household")
            .filter(pk=pk).first())


def project_of_hub(hub):
    """The funded project `hub` belongs to, or None."""
    return FundedProject.objects.filter(hubs=hub).first()


def hubs_for(user):
    """The hubs whose participants `user` may list: a Community Manager's own, everyone
    else's all hubs that belong to a project."""
    from casa.registry.models import Hub

    hubs = Hub.objects.filter(project_hub__isnull=False)
    if user.role in HUB_SCOPED_ROLES:
        hubs = hubs.filter(pk__in=user.hubs.all())
    return hubs.order_by("name")


def _consent_in_force():
    return Exists(Consent.objects.filter(participant=OuterRef("pk"), given=True,
                                         withdrawn_at__isnull=True))


def _with_consent(participants):
    answered = Consent.objects.filter(participant=OuterRef("pk"))
    return participants.annotate(has_consent=_consent_in_force(),
                                 consent_answered=Exists(answered))


MISSING = Q(labour_status="") | Q(education="") | Q(consent_answered=False)


# The participants of a hub shown on a page (the staff's page and the API).
HUB_PAGE_SIZE = 50


class HubParticipants:
    """The participants supported at `hub` in `user`'s scope, those with missing data (labour
    status, education, the consent question unanswered) when `missing_only`, by entry date: a
    sequence to page (i11ind). Counting them and choosing a page's rows is a light query over
    the participants alone; only the page's rows are read in full, with their member and
    household (the list shows the name, each row's audit event names the household). Reading
    the hub's 3,100 participants with their member and household to keep the first 200 took
    370 ms (bench/casework_scale.py)."""

    def __init__(self, user, hub, *, missing_only=True):
        at_hub = SupportEvent.objects.filter(hub=hub).values("participant_id")
        self.user = user
        participants = _with_consent(visible_participants(user).filter(pk__in=at_hub))
        if missing_only:
            participants = participants.filter(MISSING)
        self.light = participants.order_by("entry_date", "id")

    def count(self):
        return self.light.count()

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        chosen = list(self.light.values_list("pk", flat=True)[index])
        full = {participant.pk: participant for participant in _with_consent(
            visible_participants(self.user).filter(pk__in=chosen))
            .select_related("project", "member__household")}
        return [full[pk] for pk in chosen if pk in full]


def hub_participants(user, hub, *, missing_only=True):
    """HubParticipants: the participants of `hub` in `user`'s scope, to page."""
    return HubParticipants(user, hub, missing_only=missing_only)


def with_consent(participant):
    return _with_consent(Participant.objects.filter(pk=participant.pk)).get()


def indicators(project=None, hub=None, period=None) -> dict:
    """The Annex I common output indicators of the participants who entered in `period`
    ((start, end), both included; None for all time), of `project` and/or counted at `hub`
    (their hub at entry). Special categories are counted only with consent in force."""
    participants = Participant.objects.all()
    if project is not None:
        participants = participants.filter(project=project)
    if hub is not None:
        participants = participants.filter(hub=hub)
    if period is not None:
        start, end = period
        participants = participants.filter(entry_date__gte=start, entry_date__lte=end)
    # Grouped by the database (a few thousand groups for 20,000 participants), counted by
    # rules.count_groups: the bands and categories stay defined in rules.py alone.
    groups = (participants.annotate(consent_in_force=_consent_in_force(), age=age_at_entry())
              .values("gender", "age", "labour_status", "education",
                      "third_country_national", "consent_in_force", *SPECIAL)
              .annotate(n=Count("pk")).order_by())
    return count_groups(Group(**row) for row in groups)


def age_at_entry():
    """rules.age_on(birth_date, entry_date) in SQL: the dates as numbers yyyymmdd, their
    difference divided by 10,000 (integer division): the whole years, less one when the
    birthday falls later in the year than the entry (a date of birth after the entry, which
    cannot be, gives 0 where age_on gives -1: under 18 either way). Six date parts a row,
    computed once: a CASE over the bands repeated them for each band and took twice as long
    on the bench."""
    def number(field):
        return ExtractYear(field) * 10_000 + ExtractMonth(field) * 100 + ExtractDay(field)

    return Cast(number("entry_date") - number("birth_date"), IntegerField()) / Value(10_000)
