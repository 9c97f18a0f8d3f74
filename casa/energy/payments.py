"""Payment runs of the energy contribution: the approved amounts not paid yet, as credits on
the tenants' bills (a CSV for the billing system) and as bank transfers (a SEPA credit transfer
file, pain.001.001.03, checked against its ISO 20022 schema).

A run pays each application the part of its approved amount that earlier lines did not pay,
under the decision that approved it; one line per decision at most (a database constraint), and
one run at a time per call (a row lock on the call), so running twice pays nobody twice.

A run's life (PaymentRun.state):

- **prepared**: its lines and both files are saved in one transaction. Nothing is paid yet.
- **delivered**: the files left CASA, written out by `energy_payment_run` or downloaded from
  the back office (the first time, audited). A run still prepared is a run whose files nobody
  has: the command writes it out (or refuses to go on) and the back office shows it first.
- **confirmed**: the billing system and the bank say the files were executed, on a date, with
  a reference, recorded by a person. Only then are lines paid, applications "paid" and tenants
  told (`payment_run_confirm`, through casa.energy.workflow).

Any line can be returned with a reason (`payment_line_return`): it no longer counts as paid, a
paid application is approved again (its household told), and the next run pays it again under
the same decision.

Text that goes into the SEPA file is transliterated to the SEPA character set (`sepa_text`). A
transfer whose account holder's name has no letters left once written in it (only symbols,
emoji or control characters), or whose IBAN is not valid, is held back: not in the files,
listed in `PaymentRun.held_back` with its reason, and paid by a later run once fixed. It never
stops the run or the bill credits.

Overpayments (a recomputation lowered an amount below what was paid): a bill-credit household's
next run carries a negative adjustment line, recorded as a `Recovery` already "adjusted"; a
bank transfer cannot carry one, so decisions._commit puts it on the billing office's recovery
list, and casa.energy.recoveries records that it came back. Either way `budget.net_paid`
goes down by the overpayment (the negative line counts in it; a recovered Recovery is
subtracted from it) and the ledger releases it in the same transaction, so the call's
committed amount stays equal to the sum of the ledger.

Every step takes a fixed number of queries whatever the number of lines (bulk writes in
batches of 500).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import iban as stdnum_iban

from casa.core.audit import AuditAction, actor_label_for, audit_event, audit_record, user_or_none
from casa.core.models import AuditEvent
from casa.core.spreadsheet import csv_writer

from . import budget, workflow
from .budget import lock_call, net_paid
from .models import (
    Application,
    ApplicationStatus,
    Call,
    Decision,
    DecisionState,
    PaymentLine,
    PaymentLineState,
    PaymentMethod,
    PaymentRun,
    PaymentRunState,
    Recovery,
    RecoveryState,
)
from .workflow import Notice

CSV_COLUMNS = ["household", "unit", "season", "amount", "protocol"]
SEPA_SCHEMA = "pain.001.001.03"
ZERO = Decimal("0.00")
BATCH = 500
# Applications that may still be owed money (or owe some back): approved, or paid and
# recomputed since (a recomputation keeps a paid application paid, with a new amount).
PAYABLE_STATUSES = [ApplicationStatus.APPROVED, ApplicationStatus.PAID]


# --- Crash points: where tests stop the command with SIGKILL ----------------------------------

KILL_AT_VARIABLE = "CASA_TEST_KILL_AT"
STEPS = ("before_commit", "after_commit", "after_first_file", "after_delivery")


def checkpoint(step):
    """When the environment names this step (tests only), die here as `kill -9` would: no
    cleanup, no commit of an open transaction."""
    if os.environ.get(KILL_AT_VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGKILL)


# --- SEPA text --------------------------------------------------------------------------------

# The characters every SEPA bank accepts (EPC guidelines, "Latin character set").
SEPA_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "/-?:().,'+ ")
# Letters that do not decompose into a base letter and a mark, and common punctuation.
_SPELLED = {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o",
            "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th",
            "Þ": "TH", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N",
            "&": "+", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "–": "-", "—": "-",
            "_": "-", "\"": "'", "“": "'", "”": "'", "«": "'", "»": "'", ";": ",", "!": ".",
            "@": "(at)", "#": "", "*": "", "=": "-", "[": "(", "]": ")", "{": "(", "}": ")"}


def sepa_text(value: str, *, limit: int = 70) -> str:
    """`value` in the SEPA character set: accented letters become their base letter (è -> e,
    Ž -> Z), a few letters are spelled out (ß -> ss), letters of other scripts are
    romanised (anyascii: محمد -> mhmd, 王 -> Wang), spaces and line breaks become one space,
    control characters, symbols and emoji are dropped; at most `limit` characters."""
    from anyascii import anyascii

    out = []

    def put(char):
        if char in SEPA_CHARACTERS:
            out.append(char)
        elif char in _SPELLED:
            out.append(_SPELLED[char])

    for char in unicodedata.normalize("NFKD", value or ""):
        if char in SEPA_CHARACTERS or char in _SPELLED:
            put(char)
        elif unicodedata.combining(char):
            continue
        elif char.isspace():
            out.append(" ")
        elif unicodedata.category(char)[0] in "LN":
            for ascii_char in anyascii(char):
                put(ascii_char)
        # anything else (controls, symbols, emoji) carries no part of a name
    return " ".join("".join(out).split())[:limit].strip()


# Why a transfer is held back; the page and the command say it in words.
HELD_BACK_REASONS = {
    "name_empty": gettext_lazy(
        "The account holder's name has no letters once written in the SEPA character set. "
        "Record the name as the bank account shows it: the next run pays it."),
    "iban_invalid": gettext_lazy(
        "The IBAN is not valid. Ask the tenant for the right one: the next run pays it."),
}


def held_back_reason(item) -> str:
    return str(HELD_BACK_REASONS.get(item.get("reason"), item.get("reason", "")))


def transfer_problem(*, name: str, iban: str) -> str | None:
    """Why a transfer cannot go into the SEPA file (a HELD_BACK_REASONS code), or None."""
    if not stdnum_iban.is_valid(iban or ""):
        return "iban_invalid"
    if not any(char.isalpha() for char in sepa_text(name)):
        return "name_empty"
    return None


def masked_iban(iban: str) -> str:
    """IT60 •••• 3456: the country, check digits and last four, for pages."""
    iban = "".join((iban or "").split())
    if len(iban) < 8:
        return iban
    return f"{iban[:4]} \N{BULLET}\N{BULLET}\N{BULLET}\N{BULLET} {iban[-4:]}"


# --- Pure parts: the method, the two files ----------------------------------------------------

def payment_method(iban: str) -> str:
    """A bank transfer when the application gives an IBAN (autonomous heating), else a credit
    on the heating line of the tenant's bill (central heating)."""
    return PaymentMethod.TRANSFER if iban else PaymentMethod.BILL_CREDIT


def bill_credit_csv(lines) -> str:
    """The billing system's file: household, unit, season, amount (two decimals, a dot; a
    negative amount deducts an overpayment), protocol; one row per bill-credit line."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow([line.household_code, line.unit_code, line.season,
                         f"{line.amount_eur:.2f}", line.protocol])
    return out.getvalue()


def sepa_credit_transfer(lines, *, debtor, execution_date) -> tuple[str, str]:
    """(pain.001 XML, message id) for the transfer lines, validated against the schema (sepaxml
    raises sepaxml.validation.ValidationError otherwise). Names and descriptions are written
    in the SEPA character set."""
    from sepaxml import SepaTransfer

    transfer = SepaTransfer({"name": sepa_text(debtor["name"]), "IBAN": debtor["IBAN"],
                             "BIC": debtor["BIC"], "batch": True, "currency": "EUR"},
                            schema=SEPA_SCHEMA)
    for line in lines:
        transfer.add_payment({
            "name": sepa_text(line.creditor_name),
            "IBAN": "".join(line.iban.split()).upper(),
            "amount": int((line.amount_eur * 100).to_integral_exact()),
            "execution_date": execution_date,
            "description": sepa_text(f"Contributo energetico {line.season} {line.protocol}",
                                     limit=140),
            "endtoend_id": sepa_text(line.end_to_end_id, limit=35),
        })
    return transfer.export(validate=True).decode("utf-8"), transfer.msg_id


# --- What is owed ---------------------------------------------------------------------------

MONEY = DecimalField(max_digits=12, decimal_places=2)


def unpaid_applications(call):
    """The call's applications with some approved amount not paid yet, or (paid by bill
    credit) paid more than their amount now is, with `paid_eur` and `lines_before` (every line
    so far, returned ones too: the next end-to-end id)."""
    from casa.registry.models import Member

    paid = (PaymentLine.objects.filter(application=OuterRef("pk"))
            .exclude(state=PaymentLineState.RETURNED).values("application")
            .annotate(total=Sum("amount_eur")).values("total"))
    recovered = (Recovery.objects.filter(application=OuterRef("pk"),
                                         state=RecoveryState.RECOVERED)
                 .values("application").annotate(total=Sum("amount_eur")).values("total"))
    lines = (PaymentLine.objects.filter(application=OuterRef("pk")).values("application")
             .annotate(n=Count("id")).values("n"))
    return (Application.objects.filter(call=call, status__in=PAYABLE_STATUSES)
            .annotate(paid_eur=Coalesce(Subquery(paid, output_field=MONEY),
                                        Value(ZERO, output_field=MONEY))
                      - Coalesce(Subquery(recovered, output_field=MONEY),
                                 Value(ZERO, output_field=MONEY)),
                      lines_before=Coalesce(Subquery(lines), Value(0)))
            .filter(Q(approved_amount_eur__gt=F("paid_eur"))
                    | Q(approved_amount_eur__lt=F("paid_eur"), iban=""))
            .select_related("household__unit__building", "call")
            .prefetch_related(Prefetch("household__members",
                                       queryset=Member.objects.current().filter(
                                           relation="head"),
                                       to_attr="heads"))
            .order_by("protocol"))


@dataclass(frozen=True)
class Due:
    application: Application
    decision: Decision
    amount_eur: Decimal  # negative: a bill-credit adjustment of an overpayment

    @property
    def method(self):
        return payment_method(self.application.iban)

    @property
    def creditor_name(self):
        return creditor_name(self.application, self.application.household)

    @property
    def problem(self):
        if self.method != PaymentMethod.TRANSFER:
            return None
        return transfer_problem(name=self.creditor_name, iban=self.application.iban)


def amounts_due(call) -> list[Due]:
    """What a run would pay now, each amount under the decision that grants it: the latest
    effective decision. A decision already paid is not paid again: more money needs a new
    decision (a recomputation or an appeal). A fixed number of queries, whatever the number
    of applications."""
    applications = list(unpaid_applications(call))
    latest = {}
    for start in range(0, len(applications), 900):
        for decision in (Decision.objects
                         .filter(application__in=applications[start:start + 900],
                                 state=DecisionState.EFFECTIVE,
                                 outcome__in=[ApplicationStatus.APPROVED,
                                              ApplicationStatus.REJECTED])
                         .order_by("application_id", "decided_at", "id")):
            latest[decision.application_id] = decision
    paid = set()
    decisions = [d.pk for d in latest.values()]
    for start in range(0, len(decisions), 900):
        paid.update(PaymentLine.objects.filter(decision__in=decisions[start:start + 900])
                    .exclude(state=PaymentLineState.RETURNED)
                    .values_list("decision_id", flat=True))
    due = []
    for application in applications:
        decision = latest.get(application.pk)
        amount = application.approved_amount_eur - application.paid_eur
        if decision is None or decision.pk in paid:
            continue
        if amount > 0 and decision.outcome != ApplicationStatus.APPROVED:
            continue
        due.append(Due(application, decision, amount))
    return due


@dataclass(frozen=True)
class Preview:
    count: int
    total_eur: Decimal
    transfers: int
    adjustments: int = 0
    held_back: tuple = ()


def held_back_item(item: Due, reason: str) -> dict:
    return {"protocol": item.application.protocol,
            "household": item.application.household.code,
            "amount_eur": str(item.amount_eur), "method": item.method,
            "name": item.creditor_name, "iban": masked_iban(item.application.iban),
            "reason": reason}


def split_due(call) -> tuple[list, list]:
    """(what can be paid now, what must be held back with why): the one place that decides."""
    due, held = [], []
    for item in amounts_due(call):
        problem = item.problem
        if problem:
            held.append(held_back_item(item, problem))
        else:
            due.append(item)
    return due, held


def payment_preview(call) -> Preview:
    """What a run started now would pay, and what it would hold back (with why)."""
    due, held = split_due(call)
    return Preview(len(due), sum((d.amount_eur for d in due), ZERO),
                   sum(1 for d in due if d.method == PaymentMethod.TRANSFER),
                   sum(1 for d in due if d.amount_eur < 0), tuple(held))


# --- The run ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _FileLine:
    household_code: str
    unit_code: str
    season: str
    amount_eur: Decimal
    protocol: str
    iban: str = ""
    end_to_end_id: str = ""
    creditor_name: str = ""


def _head_name(household):
    heads = getattr(household, "heads", None)
    if heads is None:
        heads = list(household.members.current().filter(relation="head"))
    head = heads[0] if heads else None
    return f"{head.first_name} {head.last_name}" if head else household.code


def creditor_name(application, household):
    """The account holder recorded with the IBAN, else the head of household."""
    return application.iban_holder_name or _head_name(household)


def payment_run(*, call, acting_user, out_dir=None) -> PaymentRun:
    """Pay every amount of `call` due now (see `amounts_due`). Returns the run, saved with its
    lines and files, state "prepared"; when nothing can be paid nothing is written and the run
    returned is not saved (`run.pk is None`), with what was held back in `run.held_back`. With
    `out_dir`, the files are also written there once the run is committed (the run becomes
    "delivered"); their paths are in `run.written_files`."""
    run = _payment_run(call=call, acting_user=acting_user)
    checkpoint("after_commit")
    run.written_files = []
    if out_dir is not None and run.pk is not None:
        run.written_files = write_files(run, Path(out_dir), actor=acting_user)
    return run


def file_names(run):
    stem = f"{run.call.code}-payment-run-{run.number}"
    return {"csv": f"{stem}-bill-credits.csv", "xml": f"{stem}-sepa-pain.001.xml"}


def write_files(run, out_dir: Path, *, actor="energy_payment_run") -> list[Path]:
    """Write the run's files into `out_dir` and record that they were handed over. Each file
    goes through a temporary name and a rename, so a reader never sees half a file; writing
    again writes the same bytes (idempotent)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names(run)
    written = []
    for kind, text in (("csv", run.bill_credit_csv), ("xml", run.sepa_xml)):
        if text:
            path = out_dir / names[kind]
            partial = path.with_name(path.name + ".part")
            with open(partial, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            partial.replace(path)
            written.append(path)
            if len(written) == 1:
                checkpoint("after_first_file")
    mark_delivered(run, actor=actor, how="written", where=str(out_dir))
    checkpoint("after_delivery")
    return written


def mark_delivered(run, *, actor, how="downloaded", where=""):
    """The run's files left CASA (written out, or downloaded): prepared -> delivered, once."""
    now = timezone.now()
    updated = PaymentRun.objects.filter(pk=run.pk, state=PaymentRunState.PREPARED).update(
        state=PaymentRunState.DELIVERED, delivered_at=now,
        delivered_by_label=actor_label_for(actor))
    if updated:
        run.state, run.delivered_at = PaymentRunState.DELIVERED, now
        run.delivered_by_label = actor_label_for(actor)
        audit_record(actor=actor, action=AuditAction.UPDATE, target=run,
                     changes={"state": [PaymentRunState.PREPARED, PaymentRunState.DELIVERED],
                              "how": how, **({"where": where} if where else {})})
    return bool(updated)


def undelivered_runs(call):
    """The call's runs whose files nobody has: never written out nor downloaded."""
    return call.payment_runs.filter(state=PaymentRunState.PREPARED).order_by("number")


@transaction.atomic
def _payment_run(*, call, acting_user):
    # One run at a time per call: a second one waits here, then finds everything paid.
    call = Call.objects.select_for_update().get(pk=call.pk)
    run = PaymentRun(call=call, created_by=user_or_none(acting_user),
                     created_by_label=actor_label_for(acting_user))
    due, held_back = split_due(call)
    run.held_back = held_back
    if not due:
        return run
    last = call.payment_runs.order_by("-number").values_list("number", flat=True).first()
    run.number = (last or 0) + 1
    run.save()
    lines = []
    for item in due:
        application = item.application
        transfer = item.method == PaymentMethod.TRANSFER
        lines.append(PaymentLine(
            run=run, application=application, decision=item.decision,
            household=application.household, unit_code=application.household.unit.code,
            season=call.season, amount_eur=item.amount_eur, method=item.method,
            iban=application.iban, creditor_name=item.creditor_name[:161],
            creditor_fiscal_code=application.iban_holder_fiscal_code if transfer else "",
            end_to_end_id=f"{application.protocol}-{application.lines_before + 1}",
            protocol=application.protocol))
    PaymentLine.objects.bulk_create(lines, batch_size=BATCH)

    file_lines = {method: [] for method in PaymentMethod.values}
    for line in lines:
        file_lines[line.method].append(_FileLine(
            line.household.code, line.unit_code, line.season, line.amount_eur, line.protocol,
            line.iban, line.end_to_end_id, line.creditor_name))
    if file_lines[PaymentMethod.BILL_CREDIT]:
        run.bill_credit_csv = bill_credit_csv(file_lines[PaymentMethod.BILL_CREDIT])
    if file_lines[PaymentMethod.TRANSFER]:
        run.sepa_xml, run.sepa_message_id = sepa_credit_transfer(
            file_lines[PaymentMethod.TRANSFER], debtor=settings.CASA_SEPA_DEBTOR,
            execution_date=timezone.localdate())
    run.lines_count = len(lines)
    run.total_eur = sum((line.amount_eur for line in lines), ZERO)
    run.save(update_fields=["bill_credit_csv", "sepa_xml", "sepa_message_id", "lines_count",
                            "total_eur"])
    adjustments = [line for line in lines if line.amount_eur < 0]
    if adjustments:
        _record_adjustments(call, adjustments, acting_user=acting_user)

    AuditEvent.objects.bulk_create([audit_event(
        actor=acting_user, action=AuditAction.CREATE,
        target_type=PaymentLine._meta.label_lower, target_id=line.end_to_end_id,
        target_repr=str(line), subject=line.application.audit_subject,
        changes={"amount_eur": str(line.amount_eur), "method": line.method,
                 "run": str(run), "decision": line.decision_id},
        note=f"payment run {run}") for line in lines], batch_size=BATCH)
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=run,
                 changes={"lines": run.lines_count, "total_eur": str(run.total_eur),
                          "bill_credits": len(file_lines[PaymentMethod.BILL_CREDIT]),
                          "transfers": len(file_lines[PaymentMethod.TRANSFER]),
                          "adjustments": len(adjustments),
                          "held_back": [item["protocol"] for item in held_back],
                          "sepa_message_id": run.sepa_message_id})
    checkpoint("before_commit")
    return run


def _record_adjustments(call, lines, *, acting_user):
    """Negative bill-credit lines deduct overpayments: each is recorded as a Recovery already
    "adjusted" (an open one of the application is reused, e.g. after an adjustment was
    returned), and the ledger releases what the line brought net paid down to."""
    now = timezone.now()
    by_application = {line.application_id: line for line in lines}
    open_ones = {recovery.application_id: recovery for recovery in Recovery.objects.filter(
        application_id__in=list(by_application), state=RecoveryState.OPEN,
        method=PaymentMethod.BILL_CREDIT)}
    new, reused = [], []
    for application_id, line in by_application.items():
        recovery = open_ones.get(application_id) or Recovery(
            application_id=application_id, decision=line.decision, amount_eur=-line.amount_eur,
            method=PaymentMethod.BILL_CREDIT)
        recovery.state, recovery.adjustment = RecoveryState.ADJUSTED, line
        recovery.resolved_at, recovery.resolved_by = now, user_or_none(acting_user)
        (reused if recovery.pk else new).append(recovery)
    Recovery.objects.bulk_create(new, batch_size=BATCH)
    Recovery.objects.bulk_update(reused, ["state", "adjustment", "resolved_at", "resolved_by"],
                                 batch_size=BATCH)
    budget.settle_many(call, [(line.application, line.decision) for line in lines])


# --- Confirmation, returns, recoveries --------------------------------------------------------

def check_execution_date(run, executed_on: dt.date):
    """The files cannot have been executed before the run existed, nor in the future."""
    today = timezone.localdate()
    created = timezone.localdate(run.created_at)
    if executed_on > today:
        raise ValidationError({"executed_on": _(
            "The execution date %(date)s is in the future: write the date the bank and the "
            "billing system executed the files.") % {"date": executed_on.strftime("%d/%m/%Y")}})
    if executed_on < created:
        raise ValidationError({"executed_on": _(
            "The execution date %(date)s is before the run was prepared (%(created)s): the "
            "files cannot have been executed then.") % {
            "date": executed_on.strftime("%d/%m/%Y"), "created": created.strftime("%d/%m/%Y")}})


@transaction.atomic
def payment_run_confirm(*, run, executed_on, reference="", acting_user) -> PaymentRun:
    """The billing system and the bank confirmed the run's files were executed on
    `executed_on`: its lines (those not returned) are paid, each application whose amount is
    now paid in full becomes "paid", and its household is told. The only place where that
    happens; a fixed number of queries whatever the number of lines."""
    lock_call(run.call_id)  # one payment operation at a time per call
    run = PaymentRun.objects.select_for_update().select_related("call").get(pk=run.pk)
    if run.state == PaymentRunState.PREPARED:
        raise ValidationError(_(
            "Payment run %(number)s cannot be confirmed: its files have not been handed over "
            "yet. Download them (or let energy_payment_run write them out) first.") % {
            "number": run.number})
    if run.state == PaymentRunState.CONFIRMED:
        raise ValidationError(_("Payment run %(number)s is already confirmed.") % {
            "number": run.number})
    check_execution_date(run, executed_on)
    lines = list(run.lines.filter(state=PaymentLineState.SENT))
    run.lines.filter(state=PaymentLineState.SENT).update(state=PaymentLineState.PAID)
    run.state = PaymentRunState.CONFIRMED
    run.confirmed_on = executed_on
    run.confirmation_reference = (reference or "").strip()[:100]
    run.confirmed_at = timezone.now()
    run.confirmed_by = user_or_none(acting_user)
    run.save(update_fields=["state", "confirmed_on", "confirmation_reference",
                            "confirmed_at", "confirmed_by"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=run,
                 changes={"state": [PaymentRunState.DELIVERED, PaymentRunState.CONFIRMED],
                          "executed_on": executed_on.isoformat(),
                          "reference": run.confirmation_reference,
                          "lines_paid": len(lines)})
    by_application = {line.application_id: line for line in lines}
    applications = []
    ids = list(by_application)
    for start in range(0, len(ids), 900):
        applications += list(Application.objects.select_for_update(of=("self",))
                             .filter(pk__in=ids[start:start + 900],
                                     status=ApplicationStatus.APPROVED)
                             .select_related("household", "call"))
    paid = budget.net_paid_by_application([a.pk for a in applications])
    now_paid = [a for a in applications if paid[a.pk] >= a.approved_amount_eur]
    notices, changes = {}, {}
    for application in now_paid:
        line = by_application[application.pk]
        notices[application.pk] = Notice("paid", {
            "season": line.season, "amount_eur": line.amount_eur,
            "transfer": line.method == PaymentMethod.TRANSFER, "iban_end": line.iban[-4:]})
        changes[application.pk] = {"paid_eur": str(line.amount_eur),
                                   "end_to_end_id": line.end_to_end_id}
    workflow.transition_many(
        now_paid, ApplicationStatus.PAID, actor=acting_user,
        reason=_("Payment run %(number)s confirmed.") % {"number": run.number},
        notices=notices, audit_changes=changes)
    return run


@transaction.atomic
def payment_line_return(*, line, reason, acting_user) -> PaymentLine:
    """The bank or the billing system returned one line (a closed account, a wrong IBAN, a
    bill that no longer exists): it no longer counts as paid. A paid application is approved
    again and its household told, in its language; the next run pays it again under the same
    decision. A returned deduction (a negative line) puts its overpayment back on the
    recovery list and in the ledger."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the payment was returned.")})
    call = lock_call(line.run.call_id)
    line = (PaymentLine.objects.select_for_update(of=("self",)).select_related("run")
            .get(pk=line.pk))
    if line.state == PaymentLineState.RETURNED:
        raise ValidationError(_("This payment was already recorded as returned."))
    if line.run.state == PaymentRunState.PREPARED:
        raise ValidationError(_(
            "The files of this run have not been handed over yet: nothing can have been "
            "returned."))
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("call", "household").get(pk=line.application_id))
    before = line.state
    line.state = PaymentLineState.RETURNED
    line.returned_at = timezone.now()
    line.returned_by = user_or_none(acting_user)
    line.return_reason = reason
    line.save(update_fields=["state", "returned_at", "returned_by", "return_reason"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=line,
                 changes={"state": [before, PaymentLineState.RETURNED], "reason": reason},
                 note=f"payment run {line.run}")
    if line.amount_eur < 0:
        Recovery.objects.filter(adjustment=line).update(
            state=RecoveryState.OPEN, adjustment=None, resolved_at=None, resolved_by=None)
    budget.settle(call, application, line.decision, application.approved_amount_eur)
    if (application.status == ApplicationStatus.PAID
            and net_paid(application) < application.approved_amount_eur):
        workflow.transition(
            application, ApplicationStatus.APPROVED, actor=acting_user, reason=reason,
            notice=Notice("payment_returned", {
                "amount_eur": line.amount_eur, "season": line.season,
                "transfer": line.method == PaymentMethod.TRANSFER,
                "iban_end": line.iban[-4:]}),
            audit_changes={"end_to_end_id": line.end_to_end_id})
    return line
