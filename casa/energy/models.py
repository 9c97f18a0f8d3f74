"""Calls (avvisi) for the energy contribution with their dated parameters; invitations,
applications, decisions and the budget ledger."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules

MONEY = {"max_digits": 12, "decimal_places": 2}


class Call(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    season = models.CharField(_("heating season"), max_length=7,
                              help_text=_("For example 2025-26."))
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    budget_eur = models.DecimalField(_("budget (€)"), **MONEY)
    # Kept equal to the sum of the call's BudgetEntry rows, updated under a row lock on the
    # call in the same transaction as each decision, so approvals never exceed the budget.
    committed_eur = models.DecimalField(_("committed (€)"), default=0, **MONEY)
    # Approvals above this amount need a second person (an approver) to confirm them.
    four_eyes_above_eur = models.DecimalField(_("second approval above (€)"), default=300,
                                              **MONEY)
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal a decision"), default=30)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    @property
    def audit_key(self):
        return self.code

    def is_open(self, at=None):
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    def parameter_history(self):
        return [p.as_rule_value() for p in self.parameters.all()]

    def params_at(self, on: dt.date) -> rules.Params:
        """The parameters in force on `on`; raises rules.MissingParameter."""
        return rules.parameters_at(self.parameter_history(), on)


PARAMETER_NAMES = [
    ("eligible_bands", _("eligible rent bands")),
    ("isee_min", _("minimum ISEE (€, included)")),
    ("isee_max", _("maximum ISEE (€, included)")),
    ("isee_kinds", _("accepted ISEE kinds")),
    ("min_tenancy_months", _("minimum tenancy (months)")),
    ("arrears_exclude_without_plan", _("arrears exclude unless a repayment plan is signed")),
    ("share", _("share of heating costs")),
    ("max_amount", _("maximum amount (€)")),
    ("allocation_rule", _("allocation when requests exceed the budget")),
]
assert {name for name, _label in PARAMETER_NAMES} == set(rules.PARAMETERS)


class CallParameter(models.Model):
    """One dated value of a call's parameter, with its legal reference. Values already in force
    are never edited: a change is a new value from a later date, so every decision can be
    explained with the values it used."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="parameters")
    name = models.CharField(_("parameter"), max_length=40, choices=PARAMETER_NAMES)
    value = models.JSONField(_("value"))
    valid_from = models.DateField(_("in force from"))
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("call parameter")
        verbose_name_plural = _("call parameters")
        ordering = ["name", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name", "valid_from"],
                                    name="call_parameter_one_value_per_date"),
        ]

    def __str__(self):
        return f"{self.name} = {self.value} ({self.valid_from:%d/%m/%Y})"

    @property
    def audit_key(self):
        return f"{self.call_id}:{self.name}:{self.valid_from.isoformat()}"

    def as_rule_value(self):
        return rules.ParameterValue(self.name, self.value, self.valid_from, self.legal_reference)

    def in_force(self, today=None):
        return self.valid_from <= (today or timezone.localdate())


class Invitation(models.Model):
    """A household found eligible by a screening and invited to apply. One per household and
    call, so nobody is invited twice; the amount and ISEE are those of the screening."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT,
                             related_name="invitations")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="energy_invitations")
    screened_on = models.DateField(_("screening date"))
    amount_eur = models.DecimalField(_("expected amount (€)"), **MONEY)
    isee_eur = models.DecimalField(_("ISEE (€)"), null=True, blank=True, **MONEY)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["call", "household"]
        constraints = [
            models.UniqueConstraint(fields=["call", "household"],
                                    name="energy_invitation_once_per_household"),
        ]

    def __str__(self):
        return f"{self.call.code}:{self.household.code}"

    @property
    def audit_key(self):
        return f"{self.call_id}:{self.household_id}"


# --- Applications, decisions and the budget (issue 4) ----------------------------------------


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    NEEDS_INFORMATION = "needs_information", _("needs information")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("approved, awaiting confirmation")
    APPROVED = "approved", _("approved")
    WAITLISTED = "waitlisted", _("on the waiting list")
    REJECTED = "rejected", _("rejected")
    PAID = "paid", _("paid")


S = ApplicationStatus
# The workflow as data: from each status, the statuses an application may move to.
ALLOWED_TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION, S.APPROVED,
                  S.WAITLISTED, S.REJECTED},
    S.UNDER_REVIEW: {S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION, S.APPROVED, S.WAITLISTED,
                     S.REJECTED},
    S.NEEDS_INFORMATION: {S.UNDER_REVIEW},
    S.AWAITING_CONFIRMATION: {S.APPROVED, S.WAITLISTED, S.UNDER_REVIEW},
    S.WAITLISTED: {S.APPROVED, S.REJECTED},
    # Approved and rejected decisions can be recomputed or reviewed on appeal.
    S.APPROVED: {S.PAID, S.REJECTED, S.APPROVED},
    S.REJECTED: {S.UNDER_REVIEW, S.APPROVED},
    S.PAID: {S.PAID},
}


class Channel(models.TextChoices):
    ONLINE = "online", _("online, by the tenant")
    ASSISTED = "assisted", _("at a Spazio CASA desk, with staff help")


class Application(models.Model):
    """A household's application to a call. One per household and call (the database refuses a
    second), with what the tenant declared and the rule's outcome at submission."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT,
                             related_name="applications")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="energy_applications")
    protocol = models.CharField(_("protocol number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=24, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("submitted by"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # A newer ISEE than the register's, declared by the tenant (empty: the register's is used).
    isee_kind = models.CharField(_("declared ISEE kind"), max_length=16, blank=True)
    isee_eur = models.DecimalField(_("declared ISEE (€)"), null=True, blank=True, **MONEY)
    dsu_protocol = models.CharField(_("declared DSU protocol"), max_length=32, blank=True)
    isee_issued_on = models.DateField(_("declared ISEE issued on"), null=True, blank=True)
    isee_valid_until = models.DateField(_("declared ISEE valid until"), null=True, blank=True)
    iban = models.CharField(_("IBAN for a bank transfer"), max_length=34, blank=True)
    declarations = models.JSONField(_("declarations accepted"), default=list)
    # The rule at submission: what the tenant was shown before submitting.
    expected_amount_eur = models.DecimalField(_("expected amount (€)"), **MONEY)
    reasons = models.JSONField(_("reasons"), default=list)
    trace = models.JSONField(_("trace"), default=list)
    # The amount currently committed against the budget for this application.
    approved_amount_eur = models.DecimalField(_("approved amount (€)"), default=0, **MONEY)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "household"],
                                    name="energy_application_once_per_household"),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return self.protocol

    @property
    def audit_key(self):
        return self.protocol

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"

    def can_move_to(self, status):
        return status in ALLOWED_TRANSITIONS.get(self.status, set())


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("decision")
    RECOMPUTATION = "recomputation", _("recomputation on actual costs")
    APPEAL = "appeal", _("decision on appeal")


class Decision(models.Model):
    """An outcome for an application, with the rule's trace and the parameters' dates it used.
    Append-only: a recomputation or an appeal is a new decision, the old one stays."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="decisions", verbose_name=_("application"))
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    outcome = models.CharField(_("outcome"), max_length=24, choices=ApplicationStatus.choices)
    amount_eur = models.DecimalField(_("amount (€)"), **MONEY)
    reasons = models.JSONField(_("reason codes"), default=list)
    trace = models.JSONField(_("trace"), default=list)
    evaluated_on = models.DateField(_("rule evaluated on"))
    note = models.TextField(_("reasons in words"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    # Four-eyes: approvals above the call's threshold need a second person.
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    letter = models.FileField(_("decision letter"), upload_to="energy/letters/", blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["application", "decided_at", "id"]

    def __str__(self):
        return f"{self.application.protocol} {self.outcome} {self.amount_eur}"


class BudgetEntry(models.Model):
    """The call's budget ledger: every amount committed or released, in the same transaction as
    the decision that caused it. The sum of a call's entries is what is committed."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="budget_entries")
    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="budget_entries")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+",
                                 null=True, blank=True)
    amount_eur = models.DecimalField(_("amount (€), negative when released"), **MONEY)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("budget entry")
        verbose_name_plural = _("budget entries")
        ordering = ["call", "created_at", "id"]

    def __str__(self):
        return f"{self.call_id}:{self.application_id} {self.amount_eur}"


# --- Payments (issue 4) -------------------------------------------------------------------------


class PaymentRun(models.Model):
    """One payment run of a call: the bill credits (CSV for the billing system) and the bank
    transfers (SEPA pain.001) of the approved amounts not paid yet. The files are kept as
    written, so what was sent can always be downloaded again."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT,
                             related_name="payment_runs")
    # 1, 2, 3... within the call: how staff and the URLs name a run.
    number = models.PositiveIntegerField(_("run number"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("started by"))
    # Who started it when no user did (a scheduled command).
    created_by_label = models.CharField(_("started by"), max_length=200, blank=True)
    lines_count = models.PositiveIntegerField(_("lines"), default=0)
    total_eur = models.DecimalField(_("total (€)"), default=0, **MONEY)
    bill_credit_csv = models.TextField(_("bill credits (CSV)"), blank=True)
    sepa_xml = models.TextField(_("bank transfers (SEPA pain.001)"), blank=True)
    sepa_message_id = models.CharField(_("SEPA message id"), max_length=35, blank=True)

    class Meta:
        verbose_name = _("payment run")
        verbose_name_plural = _("payment runs")
        ordering = ["call", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"],
                                    name="energy_payment_run_number_per_call"),
        ]

    def __str__(self):
        return f"{self.call.code} #{self.number}"

    @property
    def audit_key(self):
        return f"{self.call_id}:{self.number}"


class PaymentMethod(models.TextChoices):
    BILL_CREDIT = "bill_credit", _("credit on the bill")
    TRANSFER = "transfer", _("bank transfer")


class PaymentLine(models.Model):
    """One payment to one household: the part of its application's approved amount that no
    earlier line paid, under the decision that approved it. A decision is paid at most once
    (the database refuses a second line for it)."""

    run = models.ForeignKey(PaymentRun, verbose_name=_("payment run"), on_delete=models.PROTECT,
                            related_name="lines")
    application = models.ForeignKey(Application, verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="payment_lines")
    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.PROTECT,
                                 related_name="payment_lines")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="energy_payments")
    unit_code = models.CharField(_("unit"), max_length=32)
    season = models.CharField(_("heating season"), max_length=7)
    amount_eur = models.DecimalField(_("amount (€)"), **MONEY)
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod.choices)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, unique=True)
    protocol = models.CharField(_("protocol number"), max_length=32)

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "decision"],
                                    name="energy_payment_once_per_decision"),
            models.CheckConstraint(condition=models.Q(amount_eur__gt=0),
                                   name="energy_payment_amount_positive"),
        ]

    def __str__(self):
        return f"{self.protocol} {self.amount_eur}"

    @property
    def audit_key(self):
        return self.end_to_end_id

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"


# --- Appeals (issue 4) --------------------------------------------------------------------------


class AppealStatus(models.TextChoices):
    OPEN = "open", _("open")
    DECIDED = "decided", _("decided")


class Appeal(models.Model):
    """A tenant's request to review a final decision, filed within the call's `appeal_days`.
    An officer other than the one who made (or confirmed) the decision upholds or dismisses
    it; the outcome is a new Decision of kind "appeal". One open appeal per application, and
    one appeal per decision (the database refuses a second)."""

    application = models.ForeignKey(Application, verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="appeals")
    decision = models.ForeignKey(Decision, verbose_name=_("decision appealed"),
                                 on_delete=models.PROTECT, related_name="appeals")
    reason = models.TextField(_("reasons for the appeal"))
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("filed by"))
    status = models.CharField(_("status"), max_length=8, choices=AppealStatus.choices,
                              default=AppealStatus.OPEN)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    note = models.TextField(_("officer's note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("decision on appeal"))

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["application"],
                                    condition=models.Q(status="open"),
                                    name="energy_appeal_one_open_per_application"),
            models.UniqueConstraint(fields=["decision"], name="energy_appeal_once_per_decision"),
        ]

    def __str__(self):
        return f"{self.application.protocol} appeal {self.pk}"

    @property
    def audit_key(self):
        return f"{self.application.protocol}:{self.pk}"

    @property
    def audit_subject(self):
        return f"household:{self.application.household.code}"
