"""Appointments with a Community Manager at a Spazio CASA, and the walk-ins they record.

The hours tenants can book are the Community Managers' hours at the desk (casa/hubs
StaffHours), less closures, public holidays and absences; a slot lasts as long as its topic
(DEFAULT_MINUTES, or the hub's own TopicLength). No two active bookings of a Community Manager
start at the same time: a conditional unique constraint, with the overlap check run under a
row lock on the Community Manager (services.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    BILLS = "bills", _("Bills and arrears")
    ISEE = "isee", _("ISEE and tenant register forms")
    ENERGY = "energy", _("Energy contribution")
    NEIGHBOURS = "neighbours", _("Problems with neighbours")
    HOME_VISIT = "home_visit", _("Home visit")
    OTHER = "other", _("Something else")


# Minutes a meeting on each topic takes, unless the hub set its own (TopicLength).
DEFAULT_MINUTES = {
    Topic.BILLS: 30,
    Topic.ISEE: 30,
    Topic.ENERGY: 30,
    Topic.NEIGHBOURS: 45,
    Topic.HOME_VISIT: 60,
    Topic.OTHER: 30,
}


class TopicLength(models.Model):
    """A hub's own length for meetings on a topic."""

    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.CASCADE, related_name="topic_lengths")
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("length of a meeting")
        verbose_name_plural = _("lengths of meetings")
        constraints = [
            models.UniqueConstraint(fields=["hub", "topic"], name="topic_length_once_per_hub"),
            models.CheckConstraint(condition=Q(minutes__gte=10, minutes__lte=240),
                                   name="topic_length_10_to_240_minutes"),
        ]

    def __str__(self):
        return f"{self.hub}: {self.get_topic_display()} {self.minutes}'"


class Kind(models.TextChoices):
    APPOINTMENT = "appointment", _("appointment")
    WALK_IN = "walk_in", _("walk-in")


class Status(models.TextChoices):
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("held")
    NO_SHOW = "no_show", _("did not come")


class BookedVia(models.TextChoices):
    APP = "app", _("by the tenant, online")
    PHONE = "phone", _("by phone, by the Spazio CASA")
    DESK = "desk", _("at the desk")


class CancelledBecause(models.TextChoices):
    TENANT = "tenant", _("cancelled by the tenant")
    STAFF = "staff", _("cancelled by the Spazio CASA")
    CLOSURE = "closure", _("the Spazio CASA is closed")
    ABSENCE = "absence", _("the Community Manager is away")


ACTIVE = ~Q(status=Status.CANCELLED)


class Appointment(models.Model):
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="appointments")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Community Manager"),
                                on_delete=models.PROTECT, related_name="appointments")
    # None only for a walk-in by someone who is not in the register.
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="appointments")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.APPOINTMENT)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.BOOKED)
    booked_via = models.CharField(_("booked"), max_length=8, choices=BookedVia.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    note = models.TextField(_("note from the tenant"), max_length=500, blank=True)
    # Written by the Community Manager after the meeting: the summary the tenant reads, and a
    # short note only staff read.
    summary = models.TextField(_("summary for the tenant"), max_length=1000, blank=True)
    private_note = models.TextField(_("private note"), max_length=1000, blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked by"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    cancelled_because = models.CharField(_("why cancelled"), max_length=16, blank=True,
                                         choices=CancelledBecause.choices)
    # Grows with each change, as the calendar file's SEQUENCE: a calendar replaces the event.
    sequence = models.PositiveIntegerField(_("version"), default=0)
    # The start the day-before reminder was sent for: a moved appointment is reminded again.
    reminded_for = models.DateTimeField(_("reminded for"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        constraints = [
            # The backstop of the lock in services.py: one active booking per Community
            # Manager and start, whatever happens between concurrent requests.
            models.UniqueConstraint(fields=["manager", "starts_at"],
                                    condition=Q(kind="appointment") & ~Q(status="cancelled"),
                                    name="appointment_one_booking_per_slot"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="appointment_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(kind="walk_in") | Q(household__isnull=False),
                                   name="appointment_has_a_household"),
        ]
        indexes = [
            models.Index(fields=["manager", "starts_at"], name="appointment_agenda_idx"),
            models.Index(fields=["household", "starts_at"], name="appointment_household_idx"),
            models.Index(fields=["status", "starts_at"], name="appointment_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_topic_display()} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def audit_subject(self):
        return f"household:{self.household.code}" if self.household_id else ""

    @property
    def is_booked(self):
        return self.status == Status.BOOKED

    @property
    def minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


# --- Tenants to call back (issue 11) ----------------------------------------------------------

class CallbackSource(models.TextChoices):
    APP = "app", _("asked in the app")
    DESK = "desk", _("asked at the desk")
    PHONE = "phone", _("phone message")


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("to call back")
    DONE = "done", _("called back")
    CANCELLED = "cancelled", _("cancelled")


class BestTime(models.TextChoices):
    ANY = "any", _("any time")
    MORNING = "morning", _("in the morning")
    AFTERNOON = "afternoon", _("in the afternoon")


class CallbackRequest(models.Model):
    """A household asks a Community Manager of its hub to call it back, on a topic. Open until
    the call is done (with what was agreed) or cancelled; a call with no answer is an attempt
    and keeps it open. One open request per household and topic: the service checks it under a
    lock on the household, and the conditional unique constraint is its backstop."""

    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="callbacks")
    # The member of the register who asked (a tenant's own row), when known.
    member = models.ForeignKey("registry.Member", verbose_name=_("asked by (member)"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="callbacks")
    phone = models.CharField(_("phone to call"), max_length=32)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    best_time = models.CharField(_("best time to call"), max_length=16,
                                 choices=BestTime.choices, default=BestTime.ANY)
    note = models.TextField(_("note"), max_length=500, blank=True)
    source = models.CharField(_("asked"), max_length=8, choices=CallbackSource.choices)
    status = models.CharField(_("status"), max_length=16, choices=CallbackStatus.choices,
                              default=CallbackStatus.OPEN)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("called back by"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    done_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    outcome = models.TextField(_("what was agreed"), max_length=1000, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "topic"], condition=Q(status="open"),
                                    name="callback_one_open_per_household_topic"),
            models.CheckConstraint(condition=~Q(status="done") | Q(done_at__isnull=False),
                                   name="callback_done_has_a_time"),
        ]
        indexes = [models.Index(fields=["hub", "status", "created_at"],
                                name="callback_waiting_idx")]

    def __str__(self):
        return f"{self.household_id and self.household.code}: {self.get_topic_display()}"

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"

    @property
    def is_open(self):
        return self.status == CallbackStatus.OPEN


class CallbackAttempt(models.Model):
    """A call to a household that asked to be called back, with no answer: the request stays
    open and shows the tries."""

    request = models.ForeignKey(CallbackRequest, verbose_name=_("call-back request"),
                                on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("tried at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tried by"),
                           null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("call with no answer")
        verbose_name_plural = _("calls with no answer")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M}"
