"""Events at a Spazio CASA (workshops, the digital help desk, energy-saving courses) and the
households registered for them: confirmed within the capacity, else on a waiting list served
in order when places free up (services.py, under a lock on the event's row)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class Event(models.Model):
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    # People, not households: a household registers with the number of people coming.
    capacity = models.PositiveIntegerField(_("places"))
    max_people = models.PositiveSmallIntegerField(_("people per household, at most"),
                                                  default=4)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["hub", "starts_at"], name="event_hub_start_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="event_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_has_places"),
            models.CheckConstraint(condition=Q(max_people__gte=1),
                                   name="event_admits_one_person"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def free_places(self):
        """The places left, for an event read with selectors.with_places (`taken`)."""
        return rules.free_places(self.capacity, self.taken)

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    @property
    def audit_key(self):
        return f"event-{self.pk}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("came")
    ABSENT = "absent", _("did not come")


class Registration(models.Model):
    """A household's registration for an event, for `people` people: confirmed, waiting (in
    the order of `created_at`) or cancelled. One active registration per household and event."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT,
                              related_name="registrations")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="event_registrations")
    people = models.PositiveSmallIntegerField(_("people"))
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"),
                                      on_delete=models.PROTECT, related_name="+")
    # Staff registered the household (at the desk, on the phone).
    on_behalf = models.BooleanField(_("on the household's behalf"), default=False)
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    attendance = models.CharField(_("attendance"), max_length=16, blank=True,
                                  choices=Attendance.choices)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True,
                                                  blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("attendance recorded by"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "household"],
                                    condition=Q(status__in=["confirmed", "waiting"]),
                                    name="registration_one_active_per_household"),
            models.CheckConstraint(condition=Q(people__gte=1),
                                   name="registration_has_people"),
        ]

    def __str__(self):
        # Read where the event and household are at hand (the services, the audit trail).
        return f"{self.household.code} – {self.event.title}"

    @property
    def is_active(self):
        return self.status in ACTIVE

    @property
    def audit_key(self):
        return f"registration-{self.pk}"

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"
