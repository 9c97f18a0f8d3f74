"""What a Spazio CASA publishes and how it is staffed: its page (about, services, a point on
the map), its weekly opening hours, its closures, the weekly hours of its staff at the desk and
their absences; and the places whose coordinates name the nearest hub of a building that the
register leaves without one (docs/decisions.md, "The Spazi CASA").

The hub itself (code, name, address, phone) is the register's `registry.Hub`: these models
hang off it, and the register knows nothing of them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Monday is 0, as Python's date.weekday()."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Service(models.TextChoices):
    """What a Spazio CASA offers (DOMAIN.md, "The programme")."""

    LISTENING = "listening", _("Listening and orientation")
    BILLS = "bills", _("Help with bills, rent and arrears")
    ISEE = "isee", _("ISEE and tenant register forms")
    ENERGY = "energy", _("Energy contribution applications")
    NEIGHBOURS = "neighbours", _("Mediation between neighbours")
    DIGITAL = "digital", _("Digital help desk")
    REFERRALS = "referrals", _("Referral to social and health services")
    HEALTH = "health", _("Community health surgery")
    ANTI_VIOLENCE = "anti_violence", _("Anti-violence desk")
    WASTE = "waste", _("Waste, shared spaces and life in the building")


class HubProfile(models.Model):
    """The public page's own content; one per hub, created when staff first save it."""

    hub = models.OneToOneField("registry.Hub", verbose_name=_("Spazio CASA"),
                               on_delete=models.CASCADE, primary_key=True,
                               related_name="profile")
    about = models.TextField(_("about the Spazio CASA"), max_length=1000, blank=True)
    # Service values, in the order staff ticked them.
    services = models.JSONField(_("services"), default=list, blank=True)
    # WGS 84, five decimals (about a metre): the map link and the nearest hub.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True,
                                   blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True,
                                    blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("Spazio CASA page")
        verbose_name_plural = _("Spazio CASA pages")

    def __str__(self):
        return str(self.hub)

    @property
    def audit_key(self):
        return self.hub.code


class OpeningPeriod(models.Model):
    """The hub is open on `weekday` from `opens_at` to `closes_at` (hub time); a day may have
    a morning and an afternoon period."""

    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["hub", "weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")),
                                   name="opening_period_closes_after_it_opens"),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6),
                                   name="opening_period_weekday_0_to_6"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class SpanQuerySet(models.QuerySet):
    def overlapping(self, first, last):
        """The spans with at least one day in [first, last]."""
        return self.filter(starts_on__lte=last, ends_on__gte=first)

    def not_over(self, today):
        """The spans still to come or under way on `today`."""
        return self.filter(ends_on__gte=today)


class Span(models.Model):
    """Days off the desk, from `starts_on` to `ends_on`, both included, and why: a hub's
    closure or a staff member's absence. The services check the span and announce it
    (services.py); the database refuses one that ends before it starts."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = SpanQuerySet.as_manager()

    # Whether the audit trail keeps the reason: a closure's is public, an absence's is not.
    reason_audited = False

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="%(class)s_ends_after_it_starts"),
        ]

    @property
    def days_text(self):
        return f"{self.starts_on:%d/%m/%Y}-{self.ends_on:%d/%m/%Y}"

    def audit_facts(self):
        facts = {"from": self.starts_on.isoformat(), "to": self.ends_on.isoformat()}
        if self.reason_audited:
            facts["reason"] = self.reason
        return facts


class Closure(Span):
    """The hub is closed from `starts_on` to `ends_on`, both included (summer, a holiday
    bridge, works). Public holidays close every hub without a row (holidays.py)."""

    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.CASCADE, related_name="closures")

    reason_audited = True

    class Meta(Span.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["hub", "starts_on"]
        indexes = [models.Index(fields=["hub", "ends_on"], name="closure_hub_ends_idx")]

    def __str__(self):
        return f"{self.hub}: {self.days_text} {self.reason}"

    @property
    def audit_note(self):
        return self.hub.code


class StaffHours(models.Model):
    """A staff member is at the hub's desk on `weekday` from `starts_at` to `ends_at`: who is
    on duty, and for Community Managers the hours tenants can book (casa/appointments)."""

    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.CASCADE, related_name="staff_hours")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff member"),
                             on_delete=models.CASCADE, related_name="desk_hours")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        verbose_name = _("hours at the desk")
        verbose_name_plural = _("hours at the desk")
        ordering = ["hub", "user", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="staff_hours_end_after_they_start"),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6),
                                   name="staff_hours_weekday_0_to_6"),
        ]

    def __str__(self):
        return (f"{self.user} @ {self.hub}: {self.get_weekday_display()} "
                f"{self.starts_at:%H:%M}-{self.ends_at:%H:%M}")


class Absence(Span):
    """A staff member is away from `starts_on` to `ends_on`, both included (leave, training):
    off duty at every hub, and no appointments with them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff member"),
                             on_delete=models.CASCADE, related_name="absences")

    class Meta(Span.Meta):
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["user", "starts_on"]

    def __str__(self):
        return f"{self.user}: {self.days_text}"

    @property
    def audit_note(self):
        return self.user.email


class Place(models.Model):
    """A neighbourhood (or, with no neighbourhood, a whole municipality) and a point inside
    it: where a building of the register is, for the nearest hub (docs/decisions.md)."""

    municipality = models.CharField(_("municipality"), max_length=80)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=80, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["municipality", "neighbourhood"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "neighbourhood"],
                                    name="place_unique_neighbourhood"),
        ]

    def __str__(self):
        return f"{self.neighbourhood}, {self.municipality}" if self.neighbourhood \
            else self.municipality
