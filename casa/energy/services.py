"""Writes for the energy contribution's calls and their dated parameters. Every write takes the
acting user and goes into the audit trail."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casa.core.audit import AuditAction, audit_record, user_or_none

from . import rules
from .models import Call, CallParameter
from .parameters import clean as clean_value
from .parameters import clean_money, consistency_errors, describe
from .parameters import label as label_of


def clean_parameter(name, value):
    """The value as stored (JSON), or ValidationError with the one message for that check
    (parameters.SPECS)."""
    return clean_value(name, value)


def _check_consistency(call, on, name=None):
    """The checks across parameters on the values in force on `on`; for a change of one
    parameter (`name`), only what concerns it."""
    try:
        in_force = call.params_at(on)
    except rules.MissingParameter:
        return
    errors = consistency_errors(
        {key: source.value for key, source in in_force.sources.items()})
    if name is not None:
        errors = {key: message for key, message in errors.items() if key == name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def call_create(*, code, title, season, opens_at, closes_at, budget_eur, parameters,
                valid_from, legal_reference="", four_eyes_above_eur="300.00", appeal_days=30,
                confirm_past=False, acting_user):
    """A new call with all its parameters in force from `valid_from`."""
    errors = {}
    if closes_at <= opens_at:
        errors["closes_at"] = _("The window must close after it opens.")
    if valid_from < timezone.localdate() and not confirm_past:
        errors["confirm_past"] = _(
            "The values would be in force from %(date)s, a date in the past: confirm that the "
            "call's rules apply from then.") % {"date": valid_from.strftime("%d/%m/%Y")}
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
    amounts = {}
    for name, value in (("budget_eur", budget_eur), ("four_eyes_above_eur",
                                                      four_eyes_above_eur)):
        try:
            amounts[name] = Decimal(clean_money(value, name=name))
        except ValidationError as error:
            errors.update(error.message_dict)
    if not errors:
        errors.update(consistency_errors(cleaned))
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(code=code, title=title, season=season, opens_at=opens_at,
                               closes_at=closes_at, appeal_days=appeal_days,
                               created_by=user_or_none(acting_user), **amounts)
    CallParameter.objects.bulk_create([
        CallParameter(call=call, name=name, value=value, valid_from=valid_from,
                      legal_reference=legal_reference, created_by=user_or_none(acting_user))
        for name, value in cleaned.items()
    ])
    _check_consistency(call, valid_from)
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=call,
                 changes={name: [None, value] for name, value in cleaned.items()})
    return call


def past_dated_effects(call, name, value, valid_from: dt.date, *, today=None) -> str:
    """What a value dated in the past, or before the call's first values, changes, in words;
    "" when it is dated today or later and not before the call's first values. Decisions
    already taken keep the values they used; applications not decided yet, and any
    recomputation or appeal, are worked out with the values in force on their reference date."""
    from .models import Application, Decision

    today = today or timezone.localdate()
    first = call.parameters.order_by("valid_from").values_list("valid_from", flat=True).first()
    if valid_from >= today and (first is None or valid_from >= first):
        return ""
    later = (call.parameters.filter(name=name, valid_from__gt=valid_from)
             .order_by("valid_from").values_list("valid_from", flat=True).first())
    window = {"reference_on__gte": valid_from}
    if later is not None:
        window["reference_on__lt"] = later
    old = (call.parameters.filter(name=name, valid_from__lte=valid_from)
           .order_by("-valid_from").first())
    values = {"name": label_of(name), "new": describe(name, clean_value(name, value)),
              "old": describe(name, old.value) if old else _("no value"),
              "since": valid_from.strftime("%d/%m/%Y"),
              "until": later.strftime("%d/%m/%Y") if later else "",
              "decided": Decision.objects.filter(application__call=call, **window).count(),
              "undecided": Application.objects.filter(
                  call=call, status__in=("submitted", "under_review", "needs_information"),
                  **window).count()}
    parts = [_("From %(since)s “%(name)s” would be %(new)s instead of %(old)s.") % values
             if not later else
             _("From %(since)s to %(until)s “%(name)s” would be %(new)s instead of %(old)s.")
             % values]
    if first is not None and valid_from < first:
        parts.append(_("This date is before the call's first values (%(first)s).") % {
            "first": first.strftime("%d/%m/%Y")})
    parts.append(ngettext(
        "%(decided)s decision already taken in that period keeps the value it used, but a "
        "recomputation or an appeal would use the new one.",
        "%(decided)s decisions already taken in that period keep the value they used, but a "
        "recomputation or an appeal would use the new one.", values["decided"]) % values)
    parts.append(ngettext(
        "%(undecided)s application not decided yet will be decided with it.",
        "%(undecided)s applications not decided yet will be decided with it.",
        values["undecided"]) % values)
    return " ".join(str(part) for part in parts)


@transaction.atomic
def call_parameter_set(*, call, name, value, valid_from: dt.date, legal_reference="",
                       confirm_past=False, acting_user):
    """Give a parameter a value from `valid_from` on. A value already in force is never edited:
    change it with a value from a later date. A date in the past, or before the call's first
    values, needs `confirm_past`: the error says what it would change."""
    cleaned = clean_parameter(name, value)
    existing = (CallParameter.objects.select_for_update()
                .filter(call=call, name=name, valid_from=valid_from).first())
    if existing is not None and existing.in_force():
        raise ValidationError({"valid_from": _(
            "This value is already in force and may have been used in decisions: add a new "
            "value from a later date instead.")})
    effects = past_dated_effects(call, name, cleaned, valid_from)
    if effects and not confirm_past:
        raise ValidationError({"confirm_past": effects})
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
    _check_consistency(call, valid_from, name)
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
