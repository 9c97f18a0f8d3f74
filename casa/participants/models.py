"""FSE+ participants (issue 11): the six funded projects and their hubs, each person supported
recorded once per project with what Annex I of Reg. (EU) 2021/1057 asks, the support events
that made them a participant, the consent to record special-category data, and the indicator
figures as reported (snapshots)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Line(models.TextChoices):
    NEXT = "next", "CASA NEXT"
    OLTRE = "oltre", "CASA OLTRE"


class FundedProject(models.Model):
    """A funded project (progettualità) of PR FSE+ 2021-27, under CASA NEXT or CASA OLTRE, with
    its own hubs: a participant is counted once per project."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    line = models.CharField(_("line"), max_length=8, choices=Line.choices)
    hubs = models.ManyToManyField("registry.Hub", verbose_name=_("Spazi CASA"), blank=True,
                                  through="ProjectHub", related_name="funded_projects")
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["line", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="funded_project_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.get_line_display()} · {self.name}"

    @property
    def audit_key(self):
        return self.code


class ProjectHub(models.Model):
    """A hub's place in a funded project: each hub belongs to one project at most."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE,
                                related_name="project_hubs")
    hub = models.OneToOneField("registry.Hub", on_delete=models.PROTECT,
                               related_name="project_hub")

    class Meta:
        verbose_name = _("hub of a funded project")
        verbose_name_plural = _("hubs of funded projects")

    def __str__(self):
        return f"{self.project.code}: {self.hub.code}"


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    NON_BINARY = "non_binary", _("non-binary")


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed")
    INACTIVE = "inactive", _("inactive")
    EMPLOYED = "employed", _("employed, including self-employed")


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("ISCED 0-2 (up to lower secondary)")
    ISCED_3_4 = "isced_3_4", _("ISCED 3-4 (upper secondary, post-secondary)")
    ISCED_5_8 = "isced_5_8", _("ISCED 5-8 (tertiary)")


# The special categories of Annex I recorded only with the participant's consent in force
# (field name -> label). Withdrawing consent empties them (services.consent_withdraw).
SPECIAL_CATEGORIES = {
    "disability": _("participant with disabilities"),
    "foreign_background": _("participant with a foreign background"),
    "minority": _("participant from a minority"),
    "homeless": _("homeless or affected by housing exclusion"),
}


class Participant(models.Model):
    """A person who received support, once per funded project. The person is their fiscal
    code (a member of the register can move household: the participant stays one); `member`
    is the register row at entry, from which gender, date of birth and third-country status
    were prefilled."""

    project = models.ForeignKey(FundedProject, verbose_name=_("funded project"),
                                on_delete=models.PROTECT, related_name="participants")
    fiscal_code = models.CharField(_("fiscal code"), max_length=16)
    member = models.ForeignKey("registry.Member", verbose_name=_("member at entry"),
                               null=True, on_delete=models.PROTECT, related_name="+")
    # The hub of the first support: where the participant is counted per hub.
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA at entry"),
                            on_delete=models.PROTECT, related_name="+")
    entry_date = models.DateField(_("entry date"))
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    labour_status = models.CharField(_("labour-market status at entry"), max_length=24,
                                     choices=LabourStatus.choices, blank=True)
    education = models.CharField(_("education (ISCED)"), max_length=16,
                                 choices=Education.choices, blank=True)
    # From the register's citizenship (not an EU country): no separate consent. None when the
    # register has no citizenship.
    third_country_national = models.BooleanField(_("third-country national"), null=True)
    # Special categories: None unless recorded with consent in force.
    disability = models.BooleanField(SPECIAL_CATEGORIES["disability"], null=True, blank=True)
    foreign_background = models.BooleanField(SPECIAL_CATEGORIES["foreign_background"],
                                             null=True, blank=True)
    minority = models.BooleanField(SPECIAL_CATEGORIES["minority"], null=True, blank=True)
    homeless = models.BooleanField(SPECIAL_CATEGORIES["homeless"], null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["project", "entry_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_code", "project"],
                                    name="participant_once_per_project"),
            models.CheckConstraint(condition=Q(exit_date__isnull=True)
                                   | Q(exit_date__gte=F("entry_date")),
                                   name="participant_exits_after_entry"),
        ]
        indexes = [
            models.Index(fields=["project", "entry_date"], name="participant_project_idx"),
            models.Index(fields=["hub", "entry_date"], name="participant_hub_idx"),
        ]

    def __str__(self):
        # No personal data: this is what the audit trail keeps.
        return f"{self.project.code} #{self.pk}"

    @property
    def audit_subject(self):
        return f"household:{self.member.household.code}" if self.member_id else ""

    def consent_in_force(self):
        """The consent to record special categories in force, or None."""
        return self.consents.filter(given=True, withdrawn_at__isnull=True).first()


class SupportEvent(models.Model):
    """One support received (the signal support_given): `source` names it ("<app>:<what>:<id>"),
    so the same support sent twice counts once."""

    participant = models.ForeignKey(Participant, verbose_name=_("participant"),
                                    on_delete=models.PROTECT, related_name="events")
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"),
                            on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=120, unique=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("support event")
        verbose_name_plural = _("support events")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["hub", "participant"], name="support_event_hub_idx")]

    def __str__(self):
        return self.source


class ConsentHow(models.TextChoices):
    SIGNED_FORM = "signed_form", _("signed form")
    ORALLY_AT_DESK = "oral", _("orally at the desk, in front of staff")
    DIGITAL = "digital", _("digitally, from the tenant's account")


class Consent(models.Model):
    """The participant's answer to the consent question for special categories: given or
    refused, when, how, recorded by whom. A withdrawal sets `withdrawn_at`; from then on the
    special-category values are removed and no longer counted."""

    participant = models.ForeignKey(Participant, verbose_name=_("participant"),
                                    on_delete=models.PROTECT, related_name="consents")
    given = models.BooleanField(_("consent given"))
    given_at = models.DateTimeField(_("answered at"), default=timezone.now)
    how = models.CharField(_("how"), max_length=16, choices=ConsentHow.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        verbose_name = _("consent to special categories")
        verbose_name_plural = _("consents to special categories")
        ordering = ["participant", "-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["participant"],
                                    condition=Q(given=True, withdrawn_at__isnull=True),
                                    name="consent_one_in_force"),
        ]

    def __str__(self):
        return f"{self.participant} {self.given_at:%Y-%m-%d}"

    @property
    def audit_subject(self):
        return self.participant.audit_subject


class IndicatorSnapshot(models.Model):
    """The indicator figures as computed and reported for a project or hub and a period:
    later retention or consent changes do not change them."""

    project = models.ForeignKey(FundedProject, verbose_name=_("funded project"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"), null=True,
                            blank=True, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    figures = models.JSONField(_("figures"))
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taken by"),
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["-taken_at", "-id"]

    def __str__(self):
        return f"{self.period_start:%Y-%m-%d}/{self.period_end:%Y-%m-%d} #{self.pk}"
