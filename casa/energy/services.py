"""Writes for the energy contribution's calls and their dated parameters. Every write takes the
acting user and goes into the audit trail."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, audit_record, user_or_none
from casa.registry.models import IseeKind, RentBand

from . import rules
from .models import Call, CallParameter


def _money(value, name):
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({name: _("Enter an amount in euro.")}) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({name: _("Enter a non-negative amount with at most two decimals.")})
    return str(amount)


def clean_parameter(name, value):
    """The value as stored (JSON), or ValidationError with a message for that parameter."""
    if name in ("isee_min", "isee_max", "max_amount"):
        return _money(value, name)
    if name == "share":
        try:
            share = Decimal(str(value))
        except (InvalidOperation, ValueError):
            share = None
        if share is None or not Decimal("0") < share <= Decimal("1"):
            raise ValidationError({name: _("The share must be above 0 and at most 1 (100 %).")})
        return str(share)
    if name == "eligible_bands":
        bands = sorted(set(value), key=list(RentBand.values).index) if set(value) <= set(
            RentBand.values) else None
        if not bands:
            raise ValidationError({name: _("Choose at least one rent band.")})
        return bands
    if name == "isee_kinds":
        if not value or not set(value) <= set(IseeKind.values):
            raise ValidationError({name: _("Choose at least one ISEE kind.")})
        return sorted(set(value))
    if name == "min_tenancy_months":
        try:
            months = int(value)
        except (TypeError, ValueError):
            months = -1
        if months < 0 or months > 600:
            raise ValidationError({name: _("Enter a number of months from 0 to 600.")})
        return months
    if name == "arrears_exclude_without_plan":
        if not isinstance(value, bool):
            raise ValidationError({name: _("Answer yes or no.")})
        return value
    if name == "allocation_rule":
        if value not in rules.ALLOCATION_RULES:
            raise ValidationError({name: _("Choose an allocation rule.")})
        return value
    raise ValidationError({"name": _("Unknown parameter.")})


def _check_consistency(call, on):
    try:
        params = call.params_at(on)
    except rules.MissingParameter:
        return
    if params.isee_min > params.isee_max:
        raise ValidationError({"isee_min": _("The minimum ISEE is above the maximum.")})


@transaction.atomic
def call_create(*, code, title, season, opens_at, closes_at, budget_eur, parameters,
                valid_from, legal_reference="", four_eyes_above_eur="300.00", appeal_days=30,
                acting_user):
    """A new call with all its parameters in force from `valid_from`."""
    errors = {}
    if closes_at <= opens_at:
        errors["closes_at"] = _("The window must close after it opens.")
    if not rules.season_is_valid(season):
        errors["season"] = _("Write the season as 2025-26.")
    if Call.objects.filter(code=code).exists():
        errors["code"] = _("A call with this code already exists.")
    cleaned = {}
    for name in rules.PARAMETERS:
        if name not in parameters:
            errors[name] = _("This value is required.")
            continue
        try:
            cleaned[name] = clean_parameter(name, parameters[name])
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(code=code, title=title, season=season, opens_at=opens_at,
                               closes_at=closes_at, budget_eur=Decimal(_money(budget_eur,
                                                                              "budget_eur")),
                               four_eyes_above_eur=Decimal(_money(four_eyes_above_eur,
                                                                  "four_eyes_above_eur")),
                               appeal_days=appeal_days,
                               created_by=user_or_none(acting_user))
    CallParameter.objects.bulk_create([
        CallParameter(call=call, name=name, value=value, valid_from=valid_from,
                      legal_reference=legal_reference, created_by=user_or_none(acting_user))
        for name, value in cleaned.items()
    ])
    _check_consistency(call, valid_from)
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=call,
                 changes={name: [None, value] for name, value in cleaned.items()})
    return call


@transaction.atomic
def call_parameter_set(*, call, name, value, valid_from: dt.date, legal_reference="",
                       acting_user):
    """Give a parameter a value from `valid_from` on. A value already in force is never edited:
    change it with a value from a later date."""
    cleaned = clean_parameter(name, value)
    existing = (CallParameter.objects.select_for_update()
                .filter(call=call, name=name, valid_from=valid_from).first())
    if existing is not None and existing.in_force():
        raise ValidationError({"valid_from": _(
            "This value is already in force and may have been used in decisions: add a new "
            "value from a later date instead.")})
    if existing is None:
        parameter = CallParameter.objects.create(
            call=call, name=name, value=cleaned, valid_from=valid_from,
            legal_reference=legal_reference, created_by=user_or_none(acting_user))
        old = None
    else:
        old = existing.value
        existing.value, existing.legal_reference = cleaned, legal_reference
        existing.save(update_fields=["value", "legal_reference"])
        parameter = existing
    _check_consistency(call, valid_from)
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=call,
                 changes={f"{name}@{valid_from.isoformat()}": [old, cleaned]},
                 note=legal_reference)
    return parameter


def default_window(today=None):
    """Open from ten days ago to four weeks ahead, closing at noon (Europe/Rome)."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    opens = dt.datetime.combine(today - dt.timedelta(days=10), dt.time(9, 0), tzinfo=tz)
    closes = dt.datetime.combine(today + dt.timedelta(days=28), dt.time(12, 0), tzinfo=tz)
    return opens, closes
