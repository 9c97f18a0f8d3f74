"""The care and vigilance staff's records: rounds of a building with the state of each item
(and the report a problem opened), incidents, the fragile residents they look in on with their
consent, the visits, and the flags a visit raises for the hub's Community Managers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rules import (
    ROUND_ITEMS,
    ConsentHow,
    FragileReason,
    IncidentKind,
    ItemStatus,
    Urgency,
)


class Round(models.Model):
    """One walk through a building, sent from the phone as one form."""

    building = models.ForeignKey("registry.Building", verbose_name=_("building"),
                                 on_delete=models.PROTECT, related_name="care_rounds")
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("done by"),
                                on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(_("done on"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    # The form's own key, made when the form was opened: a form sent again (a double tap, a
    # resend from the phone when the network returns) saves one round.
    submission_key = models.UUIDField(_("submission key"), unique=True, editable=False)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-done_at", "-id"]
        indexes = [models.Index(fields=["building", "done_at"], name="care_round_building_idx")]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"G-{self.pk:06d}" if self.pk else "G-?"


class RoundCheck(models.Model):
    """What one item of the checklist (rules.ROUND_ITEMS) was found to be, with a note, an
    optional photo (checked and cleaned by casa.core.uploads.check_photo, stored under a private
    path, served by photo_views) and the problem report it opened."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="checks")
    item = models.CharField(_("item"), max_length=32,
                            choices=[(item.code, item.label) for item in ROUND_ITEMS])
    status = models.CharField(_("found"), max_length=16, choices=ItemStatus.choices,
                              default=ItemStatus.UNCHECKED)
    note = models.TextField(_("note"), blank=True)
    photo = models.FileField(_("photo"), upload_to="care/photos/%Y/%m/", blank=True)
    thumbnail = models.FileField(_("thumbnail"), upload_to="care/thumbnails/%Y/%m/", blank=True)
    report = models.OneToOneField("reports.Report", verbose_name=_("problem report"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("round item")
        verbose_name_plural = _("round items")
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "item"],
                                               name="care_round_item_once")]

    def __str__(self):
        return f"{self.round_id} {self.item} {self.status}"


class Incident(models.Model):
    building = models.ForeignKey("registry.Building", verbose_name=_("building"),
                                 on_delete=models.PROTECT, related_name="care_incidents")
    kind = models.CharField(_("what happened"), max_length=16, choices=IncidentKind.choices)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices)
    occurred_at = models.DateTimeField(_("when"))
    description = models.TextField(_("description"))
    informed_police = models.BooleanField(_("police informed"), default=False)
    informed_fire_brigade = models.BooleanField(_("fire brigade informed"), default=False)
    informed_technical_office = models.BooleanField(_("technical office informed"),
                                                    default=False)
    informed_community_manager = models.BooleanField(_("Community Manager informed"),
                                                     default=False)
    what_followed = models.TextField(_("what followed"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"E-{self.pk:06d}" if self.pk else "E-?"


class FragileResident(models.Model):
    """A current member of a household whom care staff look in on, with their explicit consent.
    Withdrawing it stops the visits and hides the record from then on (selectors)."""

    member = models.ForeignKey("registry.Member", verbose_name=_("resident"),
                               on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("why"), max_length=16, choices=FragileReason.choices)
    consent_on = models.DateField(_("consent given on"))
    consent_how = models.CharField(_("consent given how"), max_length=16,
                                   choices=ConsentHow.choices)
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                            verbose_name=_("consent recorded by"),
                                            on_delete=models.PROTECT, related_name="+")
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    consent_withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                             verbose_name=_("withdrawal recorded by"),
                                             null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="+")
    visit_every_days = models.PositiveSmallIntegerField(_("visit every (days)"))
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("fragile resident")
        verbose_name_plural = _("fragile residents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member"],
                                    condition=Q(consent_withdrawn_on__isnull=True),
                                    name="care_resident_once_while_consenting"),
            models.CheckConstraint(condition=Q(visit_every_days__gte=1),
                                   name="care_resident_visit_every_day_or_more"),
        ]

    def __str__(self):
        return f"R-{self.pk:06d}" if self.pk else "R-?"

    @property
    def audit_subject(self):
        return f"household:{self.member.household.code}"


class Visit(models.Model):
    resident = models.ForeignKey(FragileResident, verbose_name=_("resident"),
                                 on_delete=models.PROTECT, related_name="visits")
    visited_at = models.DateTimeField(_("visited on"), default=timezone.now)
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("visited by"),
                                   on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    problem_found = models.BooleanField(_("a problem was found"), default=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at", "-id"]
        indexes = [models.Index(fields=["resident", "visited_at"], name="care_visit_idx")]

    def __str__(self):
        return f"{self.resident} {self.visited_at:%Y-%m-%d}"

    @property
    def audit_subject(self):
        return self.resident.audit_subject


class Flag(models.Model):
    """A household flagged by care staff after a visit that found a problem: the hub's
    Community Managers are told, and their day page lists the open ones
    (selectors.open_flags_for)."""

    visit = models.OneToOneField(Visit, verbose_name=_("visit"), on_delete=models.PROTECT,
                                 related_name="flag")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="+")
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised on"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["hub", "closed_at"], name="care_flag_hub_idx")]

    def __str__(self):
        return f"{self.household_id} {self.raised_at:%Y-%m-%d}"

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"
