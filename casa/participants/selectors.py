"""Reads of FSE+ participants. Every staff read starts from `visible_participants(user)`, the
one scope: Community Managers the participants supported at their hubs, programme managers,
auditors and administrators all of them, anyone else none. `indicators` computes the Annex I
common output indicators (rules.count_indicators) from the participant records."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import can

from .models import Consent, FundedProject, Participant, SupportEvent
from .rules import Record, count_indicators

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


def _with_consent(participants):
    in_force = Consent.objects.filter(participant=OuterRef("pk"), given=True,
                                      withdrawn_at__isnull=True)
    answered = Consent.objects.filter(participant=OuterRef("pk"))
    return participants.annotate(has_consent=Exists(in_force),
                                 consent_answered=Exists(answered))


MISSING = Q(labour_status="") | Q(education="") | Q(consent_answered=False)


def hub_participants(user, hub, *, missing_only=True):
    """The participants supported at `hub` in `user`'s scope, those with missing data
    (labour status, education, the consent question unanswered) when `missing_only`."""
    at_hub = SupportEvent.objects.filter(hub=hub).values("participant_id")
    participants = _with_consent(visible_participants(user).filter(pk__in=at_hub))
    if missing_only:
        participants = participants.filter(MISSING)
    # The member's household: each row's audit event names it (Participant.audit_subject).
    return (participants.select_related("project", "member__household")
            .order_by("entry_date", "id"))


def with_consent(participant):
    return _with_consent(Participant.objects.filter(pk=participant.pk)).get()


def indicators(project=None, hub=None, period=None) -> dict:
    """The Annex I common output indicators of the participants who entered in `period`
    ((start, end), both included; None for all time), of `project` and/or counted at `hub`
    (their hub at entry). Special categories are counted only with consent in force."""
    participants = _with_consent(Participant.objects.all())
    if project is not None:
        participants = participants.filter(project=project)
    if hub is not None:
        participants = participants.filter(hub=hub)
    if period is not None:
        start, end = period
        participants = participants.filter(entry_date__gte=start, entry_date__lte=end)
    fields = ("entry_date", "gender", "birth_date", "labour_status", "education",
              "third_country_national", "disability", "foreign_background", "minority",
              "homeless")
    rows = participants.values(*fields, "has_consent")
    return count_indicators(
        Record(**{name: row[name] for name in fields}, consent_in_force=row["has_consent"])
        for row in rows.iterator())
