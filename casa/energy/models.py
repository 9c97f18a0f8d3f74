"""Calls (avvisi) for the energy contribution with their dated parameters; invitations,
applications, decisions and the budget ledger."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.core.append_only import AppendOnlyModel

from . import parameters, rules

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


# The parameters' names and labels, from the one table (parameters.SPECS).
PARAMETER_NAMES = parameters.NAMES


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


# --- Applications, decisions and the budget --------------------------------------------------


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    NEEDS_INFORMATION = "needs_information", _("needs information")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("approved, awaiting confirmation")
    APPROVED = "approved", _("approved")
    WAITLISTED = "waitlisted", _("on the waiting list")
    REJECTED = "rejected", _("rejected")
    PAID = "paid", _("paid")


class Channel(models.TextChoices):
    ONLINE = "online", _("online, by the tenant")
    ASSISTED = "assisted", _("at a Spazio CASA desk, with staff help")


class IdentityDocument(models.TextChoices):
    IDENTITY_CARD = "identity_card", _("identity card")
    PASSPORT = "passport", _("passport")
    DRIVING_LICENCE = "driving_licence", _("driving licence")
    RESIDENCE_PERMIT = "residence_permit", _("residence permit")


class IseeChoice(models.TextChoices):
    """Why the rule used the ISEE it used (rules.isee_choice), as a column."""

    ONLY_VALID = "only_valid", _("the only declaration valid on the date")
    CORRENTE_REPLACES = "corrente_replaces", _("a valid corrente replaces the ordinario")
    ISSUED_LAST = "issued_last", _("the declaration issued last")


class RuleFacts(models.Model):
    """The facts the rule worked with, as columns: the reference date, the ISEE it used (and
    why that one), and the cost base. Shown by every page and letter, never read back from
    the trace."""

    reference_on = models.DateField(_("reference date"), null=True, blank=True)
    isee_used_kind = models.CharField(_("ISEE used: kind"), max_length=16, blank=True)
    isee_used_eur = models.DecimalField(_("ISEE used (€)"), null=True, blank=True, **MONEY)
    isee_used_protocol = models.CharField(_("ISEE used: DSU protocol"), max_length=32,
                                          blank=True)
    isee_used_why = models.CharField(_("why this ISEE"), max_length=24, blank=True,
                                     choices=IseeChoice.choices)
    cost_base_eur = models.DecimalField(_("cost base (€)"), null=True, blank=True, **MONEY)
    cost_basis = models.CharField(_("cost basis"), max_length=16, blank=True)
    reasons = models.JSONField(_("reason codes"), default=list)
    trace = models.JSONField(_("trace"), default=list)

    class Meta:
        abstract = True

    def store_outcome(self, outcome: rules.Outcome, *, on: dt.date):
        """Copy a rule outcome's facts into the columns."""
        self.reference_on = on
        isee = outcome.isee
        self.isee_used_kind = isee.kind if isee else ""
        self.isee_used_eur = isee.value if isee else None
        self.isee_used_protocol = isee.protocol if isee else ""
        self.isee_used_why = outcome.isee_why or ""
        self.cost_base_eur = outcome.cost_base
        self.cost_basis = outcome.cost_basis or ""
        self.reasons = list(outcome.reasons)
        self.trace = list(outcome.trace)

    FACTS = ("reference_on", "isee_used_kind", "isee_used_eur", "isee_used_protocol",
             "isee_used_why", "cost_base_eur", "cost_basis", "reasons", "trace")

    def copy_facts(self, other):
        """The same facts as another decision or application (a decision restated)."""
        for name in self.FACTS:
            setattr(self, name, getattr(other, name))


class StatusGuard(models.Model):
    """An application's status changes only through casa.energy.workflow.transition: a save
    that changes it otherwise, or a queryset update of it, raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        saved = getattr(self, "_saved_status", None)
        if self.pk is None and self._state.adding:
            if self.status != ApplicationStatus.SUBMITTED:
                raise StatusChangeOutsideWorkflow(
                    f"an application starts as submitted, not {self.status!r}")
        elif self.status != saved and not getattr(self, "_in_transition", False):
            raise StatusChangeOutsideWorkflow(
                f"{self}: status {saved!r} -> {self.status!r} outside workflow.transition")
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = getattr(instance, "status", None)
        return instance

    def refresh_from_db(self, *args, fields=None, **kwargs):
        super().refresh_from_db(*args, fields=fields, **kwargs)
        if fields is None or "status" in fields:
            self._saved_status = self.status


class StatusChangeOutsideWorkflow(RuntimeError):
    """A status assigned without casa.energy.workflow.transition (a programming error)."""


class ApplicationQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            raise StatusChangeOutsideWorkflow("use casa.energy.workflow.transition")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "status" in fields:
            raise StatusChangeOutsideWorkflow("use casa.energy.workflow.transition")
        return super().bulk_update(objs, fields, *args, **kwargs)


class Application(StatusGuard, RuleFacts):
    """A household's application to a call. One per household and call (the database refuses a
    second), with what the tenant declared and the rule's outcome at submission (or at their
    answer to a request for information): the facts columns and the trace."""

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
    # At the desk: how staff checked the applicant's identity, and that they read the
    # declarations to them and had the printed form signed.
    identity_document = models.CharField(_("identity document"), max_length=24, blank=True,
                                         choices=IdentityDocument.choices)
    identity_document_number = models.CharField(_("document number"), max_length=32,
                                                blank=True)
    declarations_read_and_signed = models.BooleanField(
        _("declarations read to the applicant and form signed"), default=False)
    # A newer ISEE than the register's, declared by the tenant (empty: none declared).
    isee_kind = models.CharField(_("declared ISEE kind"), max_length=16, blank=True)
    isee_eur = models.DecimalField(_("declared ISEE (€)"), null=True, blank=True, **MONEY)
    dsu_protocol = models.CharField(_("declared DSU protocol"), max_length=32, blank=True)
    isee_issued_on = models.DateField(_("declared ISEE issued on"), null=True, blank=True)
    isee_valid_until = models.DateField(_("declared ISEE valid until"), null=True, blank=True)
    iban = models.CharField(_("IBAN for a bank transfer"), max_length=34, blank=True)
    # The account holder, a member of the household.
    iban_holder_name = models.CharField(_("account holder"), max_length=161, blank=True)
    iban_holder_fiscal_code = models.CharField(_("account holder's fiscal code"),
                                               max_length=16, blank=True)
    declarations = models.JSONField(_("declarations accepted"), default=list)
    # The rule's amount at submission: what the tenant was shown before submitting.
    expected_amount_eur = models.DecimalField(_("expected amount (€)"), **MONEY)
    # The amount currently committed against the budget for this application.
    approved_amount_eur = models.DecimalField(_("approved amount (€)"), default=0, **MONEY)
    # 1 for the first on the call's waiting list; kept by casa.energy.waitlist.
    waitlist_position = models.PositiveIntegerField(_("waiting list position"), null=True,
                                                    blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "household"],
                                    name="energy_application_once_per_household"),
        ]
        indexes = [models.Index(fields=["call", "status"]),
                   models.Index(fields=["call", "waitlist_position"]),
                   # The review queue: its views filter by status and leave out what the
                   # user filed at a desk, oldest first, and it sorts by ISEE or amount, from
                   # indexes alone (a row carries the rule's trace; PostgreSQL needs the id
                   # included, SQLite has it in every index); it flags an IBAN that other
                   # households give too.
                   models.Index(fields=["status", "channel", "submitted_by", "submitted_at"],
                                include=["id"], name="energy_application_queue_idx"),
                   models.Index(fields=["isee_used_eur"], name="energy_application_isee_idx"),
                   models.Index(fields=["approved_amount_eur", "expected_amount_eur"],
                                name="energy_application_amount_idx"),
                   models.Index(fields=["iban"], name="energy_application_iban_idx")]

    def __str__(self):
        return self.protocol

    @property
    def audit_key(self):
        return self.protocol

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"


class StatusChange(AppendOnlyModel):
    """One step of an application's history: who moved it from which status to which, when,
    why and on whose behalf. Append-only, written only by casa.energy.workflow.transition.
    Facts such as "the latest request for information" are read from here."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="status_changes",
                                    verbose_name=_("application"))
    from_status = models.CharField(_("from"), max_length=24, blank=True,
                                   choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=ApplicationStatus.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+", verbose_name=_("who"))
    actor_label = models.CharField(_("who (label)"), max_length=254)
    # A member of staff acting for the household (at the desk, on the phone).
    on_behalf_of = models.ForeignKey("registry.Household", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("on behalf of"))
    reason = models.TextField(_("why"), blank=True)
    decision = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("decision"))
    # Structured facts of the step, e.g. for a request for information which declaration
    # would change the outcome.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["application", "at", "id"]
        indexes = [models.Index(fields=["application", "to_status", "at"])]

    def __str__(self):
        return f"{self.application_id}: {self.from_status or '-'} -> {self.to_status}"


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("decision")
    RECOMPUTATION = "recomputation", _("recomputation on actual costs")
    APPEAL = "appeal", _("decision on appeal")
    WAITING_LIST = "waiting_list", _("approval from the waiting list")


class DecisionState(models.TextChoices):
    PENDING = "pending", _("awaiting a second person's confirmation")
    EFFECTIVE = "effective", _("effective")
    WITHDRAWN = "withdrawn", _("sent back without confirmation")


class Decision(RuleFacts):
    """An outcome for an application, with the rule's facts and trace. Append-only: a
    recomputation or an appeal is a new decision, the old one stays. A decision that commits
    an amount above the call's threshold is pending until a second person confirms it."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="decisions", verbose_name=_("application"))
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    outcome = models.CharField(_("outcome"), max_length=24, choices=ApplicationStatus.choices)
    state = models.CharField(_("state"), max_length=12, choices=DecisionState.choices,
                             default=DecisionState.EFFECTIVE)
    amount_eur = models.DecimalField(_("amount (€)"), **MONEY)
    # The amount committed for the application before this decision.
    previous_amount_eur = models.DecimalField(_("previous amount (€)"), default=0, **MONEY)
    note = models.TextField(_("reasons in words"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_by_label = models.CharField(_("decided by (label)"), max_length=254, blank=True)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    letter = models.FileField(_("decision letter"), upload_to="energy/letters/", blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["application", "decided_at", "id"]
        indexes = [models.Index(fields=["application", "state"])]

    def __str__(self):
        return f"{self.application.protocol} {self.outcome} {self.amount_eur}"

    @property
    def is_pending(self):
        return self.state == DecisionState.PENDING


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


class RecomputationRequest(models.Model):
    """A household whose heating charges changed, waiting for its applications to be worked
    out again. Written when an import commits; marked done in the transaction of the
    recomputation, so a worker that dies leaves it pending for the next run
    (`manage.py energy_recompute`)."""

    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("household"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    requested_by_label = models.CharField(_("requested by"), max_length=254)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recomputation request")
        verbose_name_plural = _("recomputation requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["household"], condition=models.Q(done_at=None),
                                    name="energy_recomputation_one_pending_per_household"),
        ]

    def __str__(self):
        return f"{self.household_id} {self.requested_at:%Y-%m-%d %H:%M}"


# --- Answers to requests for information ----------------------------------------------------


class InformationAnswer(models.Model):
    """The tenant's answer to a request for information (the StatusChange that asked): free
    text, and the ISEE, IBAN and attachments it brought."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="answers", verbose_name=_("application"))
    request = models.ForeignKey(StatusChange, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("request"))
    text = models.TextField(_("message"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("answered by"))

    class Meta:
        verbose_name = _("answer to a request for information")
        verbose_name_plural = _("answers to requests for information")
        ordering = ["application", "answered_at", "id"]

    def __str__(self):
        return f"{self.application_id} {self.answered_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A document sent with an answer (a PDF or a photo of a paper), checked by content,
    stored privately and served only to those who may see the application."""

    answer = models.ForeignKey(InformationAnswer, on_delete=models.PROTECT,
                               related_name="attachments", verbose_name=_("answer"))
    file = models.FileField(_("file"), upload_to="energy/attachments/%Y/%m/")
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["answer", "id"]

    def __str__(self):
        return self.original_name


# --- Payments -------------------------------------------------------------------------------


class PaymentRunState(models.TextChoices):
    PREPARED = "prepared", _("prepared: lines and files saved")
    DELIVERED = "delivered", _("files handed over")
    CONFIRMED = "confirmed", _("confirmed by the billing system and the bank")


class PaymentRun(models.Model):
    """One payment run of a call: the bill credits (CSV for the billing system) and the bank
    transfers (SEPA pain.001) of the approved amounts not paid yet. The files are saved with
    the run, in its transaction, so what was sent can always be downloaded again; a run is
    delivered once its files are written out or downloaded, and confirmed when the billing
    system and the bank say they were executed. Tenants are told only then."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT,
                             related_name="payment_runs")
    # 1, 2, 3... within the call: how staff and the URLs name a run.
    number = models.PositiveIntegerField(_("run number"))
    state = models.CharField(_("state"), max_length=12, choices=PaymentRunState.choices,
                             default=PaymentRunState.PREPARED)
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
    # Lines that could not go into the files (e.g. a name SEPA cannot carry), with why.
    held_back = models.JSONField(_("held back"), default=list, blank=True)
    delivered_at = models.DateTimeField(_("files handed over at"), null=True, blank=True)
    delivered_by_label = models.CharField(_("files handed over by"), max_length=254,
                                          blank=True)
    confirmed_on = models.DateField(_("executed on"), null=True, blank=True)
    confirmation_reference = models.CharField(_("confirmation reference"), max_length=100,
                                              blank=True)
    confirmed_at = models.DateTimeField(_("confirmation recorded at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("confirmation recorded by"))

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


class PaymentLineState(models.TextChoices):
    SENT = "sent", _("sent, awaiting confirmation")
    PAID = "paid", _("paid")
    RETURNED = "returned", _("returned")


class PaymentLine(models.Model):
    """One payment to one household: the part of its application's approved amount that no
    earlier line paid, under the decision that granted it. Negative for a bill-credit
    adjustment that recovers an overpayment. A decision is paid at most once (the database
    refuses a second line for it), unless the line was returned."""

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
    creditor_name = models.CharField(_("account holder"), max_length=161, blank=True)
    creditor_fiscal_code = models.CharField(_("account holder's fiscal code"), max_length=16,
                                            blank=True)
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, unique=True)
    protocol = models.CharField(_("protocol number"), max_length=32)
    state = models.CharField(_("state"), max_length=12, choices=PaymentLineState.choices,
                             default=PaymentLineState.SENT)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("return recorded by"))
    return_reason = models.TextField(_("why it was returned"), blank=True)

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "decision"],
                                    condition=~models.Q(state="returned"),
                                    name="energy_payment_once_per_decision"),
            models.CheckConstraint(
                condition=models.Q(amount_eur__gt=0) | models.Q(amount_eur__lt=0,
                                                                method="bill_credit"),
                name="energy_payment_amount_positive_or_bill_adjustment"),
        ]

    def __str__(self):
        return f"{self.protocol} {self.amount_eur}"

    @property
    def audit_key(self):
        return self.end_to_end_id

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"


class RecoveryState(models.TextChoices):
    OPEN = "open", _("to recover")
    ADJUSTED = "adjusted", _("deducted from a bill credit")
    RECOVERED = "recovered", _("recovered by the billing office")


class Recovery(models.Model):
    """An overpayment to recover: a recomputation lowered an amount already paid. A bill-credit
    household's next run carries a negative adjustment line; a bank transfer cannot, so the
    billing office recovers it and records it here."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="recoveries", verbose_name=_("application"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("decision"))
    amount_eur = models.DecimalField(_("amount to recover (€)"), **MONEY)
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod.choices)
    state = models.CharField(_("state"), max_length=12, choices=RecoveryState.choices,
                             default=RecoveryState.OPEN)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    adjustment = models.ForeignKey(PaymentLine, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("adjustment line"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("resolved by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("overpayment to recover")
        verbose_name_plural = _("overpayments to recover")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_eur__gt=0),
                                   name="energy_recovery_amount_positive"),
        ]

    def __str__(self):
        return f"{self.application_id} {self.amount_eur}"

    @property
    def audit_key(self):
        return f"{self.application_id}:{self.pk}"


# --- Appeals --------------------------------------------------------------------------------


class AppealStatus(models.TextChoices):
    OPEN = "open", _("open")
    DECIDED = "decided", _("decided")


class Appeal(models.Model):
    """A tenant's request to review a decision its letter announced, filed within the call's
    `appeal_days`. An officer who took no part in any decision on the application upholds or
    dismisses it; the outcome is a new Decision of kind "appeal". One open appeal per
    application, and one appeal per decision (the database refuses a second)."""

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
