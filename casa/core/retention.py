"""Retention (GDPR art. 5(1)(e), storage limitation): a registry of policies that each app
fills in its own `retention.py`, and the one function that applies them
(`manage.py apply_retention`, and the daily periodic job `core.apply_retention`).

Core knows no domain: it holds the mechanism. An app declares, per record type:

    # casa/appointments/retention.py
    retention.declare(
        "appointments.appointment", model="appointments.Appointment",
        counts_from="starts_at", months=12, action=retention.PSEUDONYMISE,
        pseudonymise=blank_notes, still_personal=~Q(private_note="") | ...,
    )

- `counts_from`: the date (or date-time) field, possibly across a relation ("case__closed_at"),
  the period counts from. A record whose date is empty (an open case) is never touched.
- `months`: the documented default period; `CASA_RETENTION_MONTHS` (settings, or the
  environment as "name=months,name=months") overrides it per record type.
- `action`: PSEUDONYMISE (the app's function blanks or replaces the free text and the
  personal fields of a batch of records, keeping the record, its code and the statistics) or
  DELETE (the app's function, or a plain delete, removes them).
- `still_personal`: for PSEUDONYMISE, the records that still hold something to remove; a
  record already pseudonymised is not picked again, so a second run does nothing.
- `from_year_end`: the period counts from 31 December of the date's year (the ESF+ rule of
  Reg. (EU) 2021/1060 art. 82).

A record expires when its date is strictly before the cut-off (`now` less the period): a case
closed exactly 60 months ago is kept today and pseudonymised tomorrow.

Each batch is one transaction: the rows are locked, the app's function runs, the audit trail
says what was done (by code only), then it commits. A run killed half way leaves whole batches
done and the rest untouched; the next run picks up the rest.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

PSEUDONYMISE = "pseudonymise"
DELETE = "delete"
BATCH_SIZE = 500


@dataclass(frozen=True)
class Policy:
    name: str
    model: str
    counts_from: str
    months: int
    action: str
    pseudonymise: object = None  # function(queryset of a batch) for PSEUDONYMISE
    remove: object = None        # function(queryset of a batch) for DELETE; default .delete()
    still_personal: models.Q | None = None
    only: models.Q | None = None  # which records the policy is about (e.g. closed cases)
    from_year_end: bool = False
    description: str = ""
    # The audit trail's own policy: its events cannot be locked by the application's role
    # (no UPDATE privilege), and each batch is told by one event, not one per removed event.
    lock_and_audit_each: bool = True
    # A period no setting may shorten (a legal minimum: the ESF+ period, the audit trail's).
    minimum_months: int = 1
    # Counted by the real clock whatever `now` a caller passes (the audit trail: the database
    # checks its floor by its own clock).
    real_clock: bool = False

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def period_months(self):
        months = int(getattr(settings, "CASA_RETENTION_MONTHS", {}).get(self.name, self.months))
        if months < self.minimum_months:
            raise ImproperlyConfigured(
                f"CASA_RETENTION_MONTHS: {self.name} is kept at least {self.minimum_months} "
                f"months, not {months}")
        return months


POLICIES: dict[str, Policy] = {}


def declare(name, *, model, counts_from, months, action, pseudonymise=None, remove=None,
            still_personal=None, only=None, from_year_end=False, description="",
            lock_and_audit_each=True, minimum_months=1, real_clock=False):
    """Declare the retention of one record type (see the module's docstring)."""
    if action not in (PSEUDONYMISE, DELETE):
        raise ValueError(f"Retention {name!r}: the action is pseudonymise or delete")
    if action == PSEUDONYMISE and (pseudonymise is None or still_personal is None):
        raise ValueError(f"Retention {name!r}: pseudonymising needs the app's function and "
                         "the records that still hold personal data")
    if months < max(1, minimum_months):
        raise ValueError(f"Retention {name!r}: the period is at least {minimum_months} "
                         "month(s)")
    policy = Policy(name=name, model=model, counts_from=counts_from, months=months,
                    action=action, pseudonymise=pseudonymise, remove=remove,
                    still_personal=still_personal, only=only, from_year_end=from_year_end,
                    description=description, lock_and_audit_each=lock_and_audit_each,
                    minimum_months=minimum_months, real_clock=real_clock)
    if POLICIES.get(name, policy) != policy:
        raise ValueError(f"Retention {name!r} is declared twice, differently")
    POLICIES[name] = policy
    return policy


def remove_files(records, *fields):
    """Delete the stored files of `fields` of `records` (a batch being pseudonymised), before
    the batch's rows are blanked in the same transaction. Stopped half way, the transaction
    rolls back and the rows still name files that are gone: the next run finds them still
    personal, deletes what is left (a missing file is no error) and blanks them."""
    for record in records:
        for name in fields:
            stored = getattr(record, name)
            if stored:
                stored.storage.delete(stored.name)


def months_before(day, months):
    """`day` (a date or datetime) less `months` calendar months; the 31st becomes the last day
    of a shorter month."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _date_field(policy):
    """The model field `counts_from` names, following relations."""
    model = policy.model_class
    parts = policy.counts_from.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(parts[-1])


def cutoff(policy, now):
    """Records dated strictly before this have expired."""
    if policy.real_clock:
        now = min(now, timezone.now())
    if isinstance(_date_field(policy), models.DateTimeField):
        if policy.from_year_end:
            raise ValueError("from_year_end counts from a date field")
        return months_before(now, policy.period_months)
    today = timezone.localdate(now)
    limit = months_before(today, policy.period_months)
    if policy.from_year_end:
        # Kept until 31 December of the date's year plus the period: a date of year Y expires
        # once that day is past, i.e. when Y is before the year of today less the period.
        return dt.date(limit.year, 1, 1)
    return limit


def expired(policy, now):
    """The records of `policy` whose period has run out and that still hold something to
    remove."""
    queryset = policy.model_class._base_manager.filter(
        **{f"{policy.counts_from}__lt": cutoff(policy, now)})
    if policy.only is not None:
        queryset = queryset.filter(policy.only)
    if policy.action == PSEUDONYMISE:
        queryset = queryset.filter(policy.still_personal)
    return queryset.order_by("pk")


def oldest_kept(policy, now):
    """The oldest date still held by a record of `policy` that has not been pseudonymised or
    removed (None if there is none)."""
    queryset = policy.model_class._base_manager.filter(**{f"{policy.counts_from}__isnull": False})
    if policy.only is not None:
        queryset = queryset.filter(policy.only)
    if policy.action == PSEUDONYMISE:
        queryset = queryset.filter(policy.still_personal)
    return queryset.aggregate(oldest=models.Min(policy.counts_from))["oldest"]


@dataclass
class Outcome:
    policy: Policy
    cutoff: object
    done: int = 0
    batches: int = 0
    oldest_kept: object = None
    dry_run: bool = False
    codes: list = field(default_factory=list)


def apply_batch(policy, ids, *, now):
    """Pseudonymise or remove the records `ids` of `policy`, all or nothing. Returns how many
    it did: those of `ids` that are still expired once locked (a concurrent run may have done
    some)."""
    from .audit import audit_event
    from .models import AuditAction, AuditEvent

    with transaction.atomic():
        batch = expired(policy, now).filter(pk__in=ids)
        if connection.features.has_select_for_update and policy.lock_and_audit_each:
            batch = batch.select_for_update(of=("self",))
        records = list(batch)
        if not records:
            return 0
        batch = policy.model_class._base_manager.filter(pk__in=[r.pk for r in records])
        events = [] if not policy.lock_and_audit_each else [
            audit_event(actor="apply_retention",
                        action=AuditAction.UPDATE if policy.action == PSEUDONYMISE
                        else AuditAction.DELETE,
                        target_type=policy.model_class._meta.label_lower,
                        target_id=getattr(record, "audit_key", record.pk),
                        # The record's code, never its description: it may be what is removed.
                        target_repr=str(getattr(record, "audit_key", record.pk)),
                        note=f"retention: {policy.name}, {policy.action}")
            for record in records
        ]
        if policy.action == PSEUDONYMISE:
            policy.pseudonymise(batch)
        elif policy.remove is not None:
            policy.remove(batch)
        else:
            batch.delete()
        if not policy.lock_and_audit_each:
            events = [audit_event(
                actor="apply_retention", action=AuditAction.DELETE,
                target_type=policy.model_class._meta.label_lower,
                target_id=f"{len(records)} until {max(r.pk for r in records)}",
                note=f"retention: {policy.name}, {policy.action}")]
        AuditEvent.objects.bulk_create(events)
    return len(records)


def apply(policy, *, now=None, dry_run=False, batch_size=BATCH_SIZE, limit=None):
    """Apply one policy: every expired record, in batches of `batch_size`, each its own
    transaction. With `dry_run`, count what would be done and change nothing."""
    now = now or timezone.now()
    outcome = Outcome(policy=policy, cutoff=cutoff(policy, now), dry_run=dry_run)
    if dry_run:
        outcome.done = expired(policy, now).count()
    else:
        last = 0
        while limit is None or outcome.batches < limit:
            ids = list(expired(policy, now).filter(pk__gt=last)
                       .values_list("pk", flat=True)[:batch_size])
            if not ids:
                break
            outcome.done += apply_batch(policy, ids, now=now)
            outcome.batches += 1
            last = ids[-1]
    outcome.oldest_kept = oldest_kept(policy, now)
    return outcome


def apply_all(*, now=None, dry_run=False, names=None, batch_size=BATCH_SIZE):
    """Apply every declared policy (or those named), in name order; the audit trail's own
    pruning (audit_pruning.py) runs after them."""
    now = now or timezone.now()
    # The audit trail's own pruning last: the events the others write are in it.
    chosen = sorted(POLICIES, key=lambda name: (POLICIES[name].real_clock, name)) \
        if names is None else names
    unknown = [name for name in chosen if name not in POLICIES]
    if unknown:
        raise KeyError(", ".join(unknown))
    misnamed = sorted(set(getattr(settings, "CASA_RETENTION_MONTHS", {})) - set(POLICIES))
    if misnamed:
        raise ImproperlyConfigured(f"CASA_RETENTION_MONTHS names no record type: "
                                   f"{', '.join(misnamed)} (see apply_retention --list)")
    return [apply(POLICIES[name], now=now, dry_run=dry_run, batch_size=batch_size)
            for name in chosen]
