"""Signals the register sends to other apps, so that the register knows nothing about them."""

from django.dispatch import Signal

from .models import Member

# Sent once an import that created or changed heating charges has committed, with
# `household_ids` (a list of Household ids) and `actor` (who ran the import). The energy
# contribution recomputes those households' decisions on the new costs.
heating_charges_changed = Signal()

# Sent when a person of the register received support that the European Social Fund counts
# (issue 11): a case opened for them, an appointment with an outcome, an activity attended,
# an application made with their Community Manager's help. Send it with `give_support` below,
# inside the transaction that records the support. The FSE+ participants app receives it and
# makes the person a participant of the funded project of `hub` once, from `on`; the apps
# that give support know nothing of participants.
support_given = Signal()


def give_support(*, member, hub, on, source, actor):
    """Tell the receivers that `member` (a current registry.Member) received support at `hub`
    (a registry.Hub) on the date `on`. `source` says what it was, as "<app>:<what>:<id>"
    (e.g. "casework:case:12"), so that a participant's record names where it came from and
    the same support sent twice counts once."""
    support_given.send(sender=Member, member=member, hub=hub, on=on, source=source,
                       actor=actor)


# Issue 11: who in a household a support is for, when the supporting app knows the household
# rather than the person (an appointment, an application at the desk).
def person_supported(household, *, fiscal_code=None):
    """The current member of `household` a support is for: the one with `fiscal_code` (the
    tenant who booked or came), else the head of household, else the first current member;
    None for a household with no current member."""
    people = household.members.current()
    if fiscal_code:
        member = people.filter(fiscal_code=fiscal_code).first()
        if member is not None:
            return member
    return (people.filter(relation="head").first()
            or people.order_by("started_on", "id").first())
