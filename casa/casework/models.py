"""Case files (presa in carico). A case is opened for a household, or for one current member
of it; it holds a short needs assessment, a plan of actions, a log of contacts, referrals to
other services, the arrears support, handovers between Community Managers, and its closure.

The logs (contacts, arrears steps, handovers) are append-only: a row, once written, is never
changed or deleted. Private notes (a contact's notes, a referral's note, the assessment, the
closing note) are read only through selectors.py by the staff in scope; tenants see only
what `for_tenant` and referrals show (selectors.tenant_support)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casa.core.append_only import AppendOnlyModel
from casa.registry.models import MONEY


class Reason(models.TextChoices):
    ARREARS = "arrears", _("arrears")
    ENERGY_POVERTY = "energy_poverty", _("energy poverty")
    ISOLATION = "isolation", _("isolation")
    CONFLICT = "conflict", _("conflict")
    HEALTH = "health", _("health")
    DISABILITY = "disability", _("disability")
    REGISTER_PAPERWORK = "register_paperwork", _("register paperwork")
    HOUSING_CONDITIONS = "housing_conditions", _("housing conditions")
    OTHER = "other", _("other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    GOALS_MET = "goals_met", _("goals met")
    PARTLY_MET = "partly_met", _("goals partly met")
    REFERRED_ON = "referred_on", _("followed by another service")
    DECLINED = "declined", _("the tenant declined further support")
    MOVED_AWAY = "moved_away", _("the household left the estate")
    OTHER = "other", _("other")


class NeedArea(models.TextChoices):
    HOUSING = "housing", _("housing and home")
    INCOME = "income", _("income and debts")
    HEALTH = "health", _("health and care")
    SOCIAL = "social", _("social ties")
    WORK = "work", _("work and training")
    PAPERWORK = "paperwork", _("paperwork and digital skills")


class NeedLevel(models.TextChoices):
    NONE = "none", _("no need")
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class CaseFile(models.Model):
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="case_files")
    # The person the case is for; None: the whole household.
    member = models.ForeignKey("registry.Member", verbose_name=_("person"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="case_files")
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"),
                                  on_delete=models.PROTECT, related_name="+")
    # The Community Manager in charge (handovers change it, services.case_hand_over).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Community Manager"),
                              on_delete=models.PROTECT, related_name="case_files")
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices,
                              default=CaseStatus.OPEN)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices,
                               blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    # The needs assessment: a free summary; the areas are NeedAssessment rows.
    assessment_summary = models.TextField(_("assessment summary"), blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    # Arrears support: the debt as recorded, and the day the repayment plan was signed.
    debt_eur = models.DecimalField(_("debt (€)"), null=True, blank=True, **MONEY)
    plan_signed_on = models.DateField(_("repayment plan signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["owner", "status"], name="casefile_owner_status_idx")]

    def __str__(self):
        # No personal data: it is the audit trail's description of the record.
        return f"{self.reference}"

    @property
    def reference(self):
        return f"PC-{self.pk}"

    @property
    def audit_key(self):
        return self.reference

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"

    @property
    def is_open(self):
        return self.status == CaseStatus.OPEN


class NeedAssessment(models.Model):
    """One area of the needs assessment, with its level (the latest assessment)."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("area"), max_length=16, choices=NeedArea.choices)
    level = models.CharField(_("level"), max_length=8, choices=NeedLevel.choices)

    class Meta:
        verbose_name = _("area of need")
        verbose_name_plural = _("areas of need")
        constraints = [models.UniqueConstraint(fields=["case", "area"],
                                               name="need_one_level_per_area")]

    def __str__(self):
        return f"{self.area}: {self.level}"


class ActionOwner(models.TextChoices):
    STAFF = "staff", _("staff")
    HOUSEHOLD = "household", _("the tenant")


class PlanAction(models.Model):
    """A goal or action of the plan, with its owner and due date."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner_kind = models.CharField(_("who does it"), max_length=10, choices=ActionOwner.choices)
    due_on = models.DateField(_("due on"))
    # Shown to the tenant on their support page.
    for_tenant = models.BooleanField(_("shown to the tenant"), default=False)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="planaction_pending_idx")]

    def __str__(self):
        return f"{self.case.reference} action {self.pk}"


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    PHONE = "phone", _("phone call")
    HOME_VISIT = "home_visit", _("home visit")
    EMAIL = "email", _("e-mail")
    MESSAGE = "message", _("message")


class Contact(AppendOnlyModel):
    """A contact with the household: its notes are private to the staff in scope."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    at = models.DateTimeField(_("when"))
    notes = models.TextField(_("notes (private)"))
    public_summary = models.CharField(_("summary for the tenant"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "at"], name="contact_case_at_idx")]

    def __str__(self):
        return f"contact {self.pk}"


class Service(models.TextChoices):
    SOCIAL_SERVICES = "social_services", _("municipal social services")
    HEALTH = "health", _("health services")
    ANTI_VIOLENCE = "anti_violence", _("anti-violence desk")
    EMPLOYMENT = "employment", _("employment services")
    ASSOCIATIONS = "associations", _("associations")
    OTHER = "other", _("other service")


class Referral(models.Model):
    """A referral to another service; the tenant sees the service, the date and the outcome,
    never the note."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="referrals")
    to = models.CharField(_("referred to"), max_length=16, choices=Service.choices)
    sent_on = models.DateField(_("sent on"))
    note = models.TextField(_("note (private)"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    outcome = models.CharField(_("outcome (the tenant sees it)"), max_length=300, blank=True)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return f"referral {self.pk}"


class ArrearsStep(AppendOnlyModel):
    """A step towards a repayment plan (a meeting with the rent office, documents sent)."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="arrears_steps")
    text = models.CharField(_("step"), max_length=300)
    on = models.DateField(_("on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("arrears step")
        verbose_name_plural = _("arrears steps")
        ordering = ["on", "id"]

    def __str__(self):
        return f"arrears step {self.pk}"


class Handover(AppendOnlyModel):
    """The case passed from one Community Manager to another."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="handovers")
    from_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    to_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    reason = models.CharField(_("why"), max_length=300)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["at", "id"]

    def __str__(self):
        return f"handover {self.pk}"
