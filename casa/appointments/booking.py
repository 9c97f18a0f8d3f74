"""The booking contract: what CASA's pages (and the API) ask of an agenda, so that an external
agenda (a municipality's booking system, a CRM) could replace the local one without touching
them. A plain Python interface, as Open Forms' appointment plugins: topics, hubs, days, times,
book, move, cancel.

`get_agenda()` returns the agenda named by the CASA_APPOINTMENTS_AGENDA setting;
`LocalAgenda`, the default, books in CASA's own tables (availability.py reads, services.py
writes). An external agenda would implement `Agenda` and keep an `Appointment` row per booking
(the tenant's pages, reminders and outcomes read those).

Every method takes the acting user: a tenant books their own household at their hub, from a
lead time up to a horizon, and moves or cancels until the cut-off; a Community Manager books a
tenant who phones into their own agenda (availability.policy_for). Refusals raise
`BookingError` with a message in the user's language.
"""

import datetime as dt
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

from . import availability, services
from .availability import Slot, TopicOption
from .services import BookingError


@runtime_checkable
class Agenda(Protocol):
    def topics(self, hub) -> list[TopicOption]:
        """The topics tenants can book at `hub`, with how long a meeting lasts."""

    def hubs(self, household) -> list:
        """The hubs (registry.Hub) where `household` can book."""

    def days(self, hub, topic, *, acting_user, exclude=None) -> list[dt.date]:
        """The days with at least one free time for `topic` (`exclude`: the appointment being
        moved, whose own time counts as free)."""

    def times(self, hub, topic, day, *, acting_user, exclude=None) -> list[Slot]:
        """The free times of `day`, one per start."""

    def book(self, *, household, hub, topic, starts_at, note, acting_user):
        """Book a free time; returns the Appointment."""

    def move(self, *, appointment, starts_at, acting_user):
        """Move a booked appointment to another free time; returns it."""

    def cancel(self, *, appointment, acting_user):
        """Cancel a booked appointment; returns it."""


class LocalAgenda:
    """CASA's own agenda: the Community Managers' hours at the desk (casa/hubs) and the
    Appointment table."""

    def topics(self, hub):
        return availability.topic_options(hub)

    def hubs(self, household):
        return services.bookable_hubs(household)

    def days(self, hub, topic, *, acting_user, exclude=None):
        policy = availability.policy_for(acting_user, hub)
        return availability.free_days(hub, topic, policy, exclude=exclude)

    def times(self, hub, topic, day, *, acting_user, exclude=None):
        policy = availability.policy_for(acting_user, hub)
        return availability.free_times(hub, topic, day, policy, exclude=exclude)

    def book(self, *, household, hub, topic, starts_at, note, acting_user):
        return services.appointment_book(household=household, hub=hub, topic=topic,
                                         starts_at=starts_at, note=note,
                                         acting_user=acting_user)

    def move(self, *, appointment, starts_at, acting_user):
        return services.appointment_move(appointment=appointment, starts_at=starts_at,
                                         acting_user=acting_user)

    def cancel(self, *, appointment, acting_user):
        return services.appointment_cancel(appointment=appointment, acting_user=acting_user)


def get_agenda() -> Agenda:
    return import_string(settings.CASA_APPOINTMENTS_AGENDA)()


def chosen_topic(topics, value) -> TopicOption:
    """The option of `topics` (an agenda's topics) whose value is `value`: a topic that is not
    among them is refused (BookingError "topic") before any day or time is asked for it."""
    for option in topics:
        if option.value == value:
            return option
    raise services.refusal("topic")


__all__ = ["Agenda", "BookingError", "LocalAgenda", "Slot", "TopicOption", "chosen_topic",
           "get_agenda"]
