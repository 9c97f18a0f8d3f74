"""Calls (avvisi) for the energy contribution and their dated parameters."""

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
