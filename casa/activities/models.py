"""Group activities at a Spazio CASA (workshops, the digital help desk, energy-saving courses,
health days): their sessions, the people of the register who attended each session, the
people not in the register counted only as a number, and the volunteers and partner
organisations with their hours. An activity may reuse an event (casa/events) for its public
page and the households' registrations."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    DIGITAL_HELP = "digital_help", _("digital help desk")
    ENERGY_SAVING = "energy_saving", _("energy-saving course")
    HEALTH_DAY = "health_day", _("health day")
    OTHER = "other", _("other activity")


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    COOPERATIVE = "cooperative", _("social cooperative")
    PUBLIC = "public", _("public body")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class Partner(models.Model):
    """A partner organisation that runs or helps at activities (kept in the admin)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=PartnerKind.choices)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    # The event whose public page and registrations the activity uses, if any.
    event = models.ForeignKey("events.Event", verbose_name=_("event"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="activities")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["hub", "title", "id"]

    def __str__(self):
        return self.title

    @property
    def audit_key(self):
        return f"activity-{self.pk}"


class Session(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"),
                                 on_delete=models.PROTECT, related_name="sessions")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    # People who came but are not in the register: a number only, never a name.
    anonymous_attendees = models.PositiveIntegerField(_("other attendees (not in the register)"),
                                                      default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["day", "starts_at", "id"]
        indexes = [models.Index(fields=["activity", "day"], name="session_activity_day_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="session_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.activity.title} {self.day:%d/%m/%Y}"

    @property
    def hub(self):
        return self.activity.hub

    @property
    def audit_key(self):
        return f"session-{self.pk}"


class Attendance(models.Model):
    """A person of the register at a session. `attended` False means unmarked (the row stays,
    with who unmarked it). The support is told once, when first marked (`support_given_at`)."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT,
                                related_name="attendances")
    member = models.ForeignKey("registry.Member", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="activity_attendances")
    attended = models.BooleanField(_("attended"), default=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked by"),
                                  on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)
    unmarked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("unmarked by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    unmarked_at = models.DateTimeField(_("unmarked"), null=True, blank=True)
    support_given_at = models.DateTimeField(_("support told"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "member__last_name", "member__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"],
                                    name="attendance_one_per_person_and_session"),
        ]

    def __str__(self):
        return f"{self.member} – {self.session}"

    @property
    def audit_key(self):
        return f"attendance-{self.pk}"

    @property
    def audit_subject(self):
        return f"household:{self.member.household.code}"


class Contribution(models.Model):
    """Hours given at a session by a volunteer (a name, or a member of staff) and/or a partner
    organisation."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT,
                                related_name="contributions")
    volunteer_name = models.CharField(_("volunteer"), max_length=120, blank=True)
    volunteer_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff"),
                                       null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    partner = models.ForeignKey(Partner, verbose_name=_("partner organisation"), null=True,
                                blank=True, on_delete=models.PROTECT,
                                related_name="contributions")
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=rules.MAX_HOURS),
                                   name="contribution_hours_in_a_day"),
            models.CheckConstraint(
                condition=~Q(volunteer_name="", volunteer_user__isnull=True,
                             partner__isnull=True),
                name="contribution_names_someone"),
            models.CheckConstraint(
                condition=Q(volunteer_name="") | Q(volunteer_user__isnull=True),
                name="contribution_one_volunteer"),
        ]

    def __str__(self):
        # No personal data: it is the audit trail's description of the record.
        return self.audit_key

    @property
    def who(self):
        person = self.volunteer_name or (str(self.volunteer_user) if self.volunteer_user_id
                                         else "")
        if person and self.partner_id:
            return f"{person} ({self.partner})"
        return person or str(self.partner)

    @property
    def audit_key(self):
        return f"contribution-{self.pk}"

    @property
    def audit_who(self):
        """Who gave the hours as the audit trail keeps it: a member of staff's account, the
        partner organisation, or "volunteer": a volunteer's name is personal data that
        retention removes (casa/activities/retention.py), which the append-only trail could
        not."""
        parts = []
        if self.volunteer_user_id:
            parts.append(getattr(self.volunteer_user, "audit_key", str(self.volunteer_user_id)))
        elif self.volunteer_name:
            parts.append("volunteer")
        if self.partner_id:
            parts.append(f"partner:{self.partner.name}")
        return ", ".join(parts)
