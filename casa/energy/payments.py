"""Payment runs of the energy contribution: the approved amounts not paid yet, as credits on
the tenants' bills (a CSV for the billing system) and as bank transfers (a SEPA credit transfer
file, pain.001.001.03, checked against its ISO 20022 schema).

A run pays each application the part of its approved amount that earlier lines did not pay,
under the decision that approved it; one line per decision at most (a database constraint), and
one run at a time per call (a row lock on the call), so running twice pays nobody twice. A run
is prepared (its lines and files saved in one transaction), delivered (the files written out or
downloaded), then confirmed by the billing system and the bank: only then are applications
paid and tenants told (casa.energy.workflow.transition).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, actor_label_for, audit_event, audit_record, user_or_none
from casa.core.models import AuditEvent

from . import workflow
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
)
from .workflow import Notice

CSV_COLUMNS = ["household", "unit", "season", "amount", "protocol"]
SEPA_SCHEMA = "pain.001.001.03"
ZERO = Decimal("0.00")
# Applications that may still be owed money: approved, or paid and raised since (a
# recomputation on actual costs keeps a paid application paid, with a higher amount).
PAYABLE_STATUSES = [ApplicationStatus.APPROVED, ApplicationStatus.PAID]


# --- Pure parts: the method, the two files ----------------------------------------------------

def payment_method(iban: str) -> str:
    """A bank transfer when the application gives an IBAN (autonomous heating), else a credit
    on the heating line of the tenant's bill (central heating)."""
    return PaymentMethod.TRANSFER if iban else PaymentMethod.BILL_CREDIT


def bill_credit_csv(lines) -> str:
    """The billing system's file: household, unit, season, amount (two decimals, a dot),
    protocol; one row per bill-credit line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow([line.household_code, line.unit_code, line.season,
                         f"{line.amount_eur:.2f}", line.protocol])
    return out.getvalue()


def sepa_credit_transfer(lines, *, debtor, execution_date) -> tuple[str, str]:
    """(pain.001 XML, message id) for the transfer lines, validated against the schema (sepaxml
    raises sepaxml.validation.ValidationError otherwise)."""
    from sepaxml import SepaTransfer

    transfer = SepaTransfer({"name": debtor["name"], "IBAN": debtor["IBAN"],
                             "BIC": debtor["BIC"], "batch": True, "currency": "EUR"},
                            schema=SEPA_SCHEMA)
    for line in lines:
        transfer.add_payment({
            "name": line.creditor_name,
            "IBAN": line.iban,
            "amount": int((line.amount_eur * 100).to_integral_exact()),
            "execution_date": execution_date,
            "description": f"Contributo energetico {line.season} {line.protocol}",
            "endtoend_id": line.end_to_end_id,
        })
    return transfer.export(validate=True).decode("utf-8"), transfer.msg_id


# --- What is owed ---------------------------------------------------------------------------

def unpaid_applications(call):
    """The call's applications with some approved amount not paid yet, with `paid_eur`."""
    paid = (PaymentLine.objects.filter(application=OuterRef("pk"))
            .exclude(state=PaymentLineState.RETURNED).values("application")
            .annotate(total=Sum("amount_eur")).values("total"))
    money = DecimalField(max_digits=12, decimal_places=2)
    return (Application.objects.filter(call=call, status__in=PAYABLE_STATUSES)
            .annotate(paid_eur=Coalesce(Subquery(paid, output_field=money),
                                        Value(ZERO, output_field=money)))
            .filter(approved_amount_eur__gt=F("paid_eur"))
            .select_related("household__unit__building")
            .order_by("protocol"))


@dataclass(frozen=True)
class Due:
    application: Application
    decision: Decision
    amount_eur: Decimal


def amounts_due(call) -> list[Due]:
    """What a run would pay now, each amount under the decision that grants it: the latest
    effective approval. A decision already paid is not paid again: more money needs a new
    decision (a recomputation or an appeal). Three queries, whatever the number of
    applications."""
    applications = list(unpaid_applications(call))
    latest = {}
    for decision in (Decision.objects
                     .filter(application__in=applications, state=DecisionState.EFFECTIVE,
                             outcome=ApplicationStatus.APPROVED)
                     .order_by("application_id", "decided_at", "id")):
        latest[decision.application_id] = decision
    paid = set(PaymentLine.objects.filter(decision__in=latest.values())
               .exclude(state=PaymentLineState.RETURNED)
               .values_list("decision_id", flat=True))
    return [Due(application, latest[application.pk],
                application.approved_amount_eur - application.paid_eur)
            for application in applications
            if application.pk in latest and latest[application.pk].pk not in paid]


@dataclass(frozen=True)
class Preview:
    count: int
    total_eur: Decimal
    transfers: int


def payment_preview(call) -> Preview:
    """What a run started now would pay: for the confirmation page."""
    due = amounts_due(call)
    return Preview(len(due), sum((d.amount_eur for d in due), ZERO),
                   sum(1 for d in due if d.application.iban))


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
    head = next((m for m in household.members.all() if m.relation == "head"), None)
    return f"{head.first_name} {head.last_name}" if head else household.code


def creditor_name(application, household):
    """The account holder recorded with the IBAN, else the head of household."""
    return application.iban_holder_name or _head_name(household)


def payment_run(*, call, acting_user, out_dir=None) -> PaymentRun:
    """Pay every approved amount of `call` not paid yet. Returns the run, saved with its lines
    and files; when nothing is owed nothing is written and the run returned is not saved
    (`run.pk is None`, no lines, no files). With `out_dir`, the files are also written there
    once the run is committed; their paths are in `run.written_files`."""
    run = _payment_run(call=call, acting_user=acting_user)
    run.written_files = []
    if out_dir is not None and run.pk is not None:
        run.written_files = write_files(run, Path(out_dir))
    return run


def file_names(run):
    stem = f"{run.call.code}-payment-run-{run.number}"
    return {"csv": f"{stem}-bill-credits.csv", "xml": f"{stem}-sepa-pain.001.xml"}


def write_files(run, out_dir: Path, *, actor="energy_payment_run") -> list[Path]:
    """Write the run's files into `out_dir` (each through a temporary name, so a reader never
    sees half a file) and record that they were handed over."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names(run)
    written = []
    for kind, text in (("csv", run.bill_credit_csv), ("xml", run.sepa_xml)):
        if text:
            path = out_dir / names[kind]
            partial = path.with_name(path.name + ".part")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
            written.append(path)
    mark_delivered(run, actor=actor)
    return written


def mark_delivered(run, *, actor):
    """The run's files left CASA (written out, or downloaded): prepared -> delivered."""
    updated = PaymentRun.objects.filter(pk=run.pk, state=PaymentRunState.PREPARED).update(
        state=PaymentRunState.DELIVERED, delivered_at=timezone.now(),
        delivered_by_label=actor_label_for(actor))
    if updated:
        run.refresh_from_db(fields=["state", "delivered_at", "delivered_by_label"])
        audit_record(actor=actor, action=AuditAction.UPDATE, target=run,
                     changes={"state": [PaymentRunState.PREPARED, PaymentRunState.DELIVERED]})


@transaction.atomic
def _payment_run(*, call, acting_user):
    # One run at a time per call: a second one waits here, then finds everything paid.
    call = Call.objects.select_for_update().get(pk=call.pk)
    due = amounts_due(call)
    if not due:
        return PaymentRun(call=call, created_by=user_or_none(acting_user),
                          created_by_label=actor_label_for(acting_user))
    last = call.payment_runs.order_by("-number").values_list("number", flat=True).first()
    run = PaymentRun.objects.create(
        call=call, number=(last or 0) + 1, created_by=user_or_none(acting_user),
        created_by_label=actor_label_for(acting_user))
    lines = []
    for item in due:
        application = item.application
        earlier = application.payment_lines.count()
        lines.append(PaymentLine(
            run=run, application=application, decision=item.decision,
            household=application.household, unit_code=application.household.unit.code,
            season=call.season, amount_eur=item.amount_eur,
            method=payment_method(application.iban), iban=application.iban,
            end_to_end_id=f"{application.protocol}-{earlier + 1}",
            protocol=application.protocol))
    PaymentLine.objects.bulk_create(lines)

    households = {line.household_id for line in lines}
    names = {}
    from casa.registry.models import Household

    for household in Household.objects.filter(pk__in=households).prefetch_related("members"):
        names[household.pk] = household
    file_lines = {method: [] for method in PaymentMethod.values}
    for line in lines:
        line.creditor_name = creditor_name(line.application, names[line.household_id])
        line.creditor_fiscal_code = line.application.iban_holder_fiscal_code
        file_lines[line.method].append(_FileLine(
            line.household.code, line.unit_code, line.season, line.amount_eur, line.protocol,
            line.iban, line.end_to_end_id, line.creditor_name))
    PaymentLine.objects.bulk_update(lines, ["creditor_name", "creditor_fiscal_code"])
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

    AuditEvent.objects.bulk_create([audit_event(
        actor=acting_user, action=AuditAction.CREATE,
        target_type=PaymentLine._meta.label_lower, target_id=line.end_to_end_id,
        target_repr=str(line), subject=line.application.audit_subject,
        changes={"amount_eur": str(line.amount_eur), "method": line.method,
                 "run": str(run), "decision": line.decision_id},
        note=f"payment run {run}") for line in lines])
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=run,
                 changes={"lines": run.lines_count, "total_eur": str(run.total_eur),
                          "bill_credits": len(file_lines[PaymentMethod.BILL_CREDIT]),
                          "transfers": len(file_lines[PaymentMethod.TRANSFER]),
                          "sepa_message_id": run.sepa_message_id})
    return run


@transaction.atomic
def payment_run_confirm(*, run, executed_on, reference="", acting_user) -> PaymentRun:
    """The billing system and the bank confirmed the run's files were executed on
    `executed_on`: its lines are paid, each application whose approved amount is now paid in
    full becomes "paid", and its household is told."""
    lock_call(run.call_id)  # one payment operation at a time per call
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.state != PaymentRunState.DELIVERED:
        raise ValidationError(_(
            "Payment run %(number)s cannot be confirmed: its files have not been handed "
            "over yet, or it is already confirmed.") % {"number": run.number})
    lines = list(run.lines.filter(state=PaymentLineState.SENT)
                 .select_related("application__household", "application__call"))
    PaymentLine.objects.filter(pk__in=[line.pk for line in lines]).update(
        state=PaymentLineState.PAID)
    run.state = PaymentRunState.CONFIRMED
    run.confirmed_on = executed_on
    run.confirmation_reference = (reference or "").strip()[:100]
    run.confirmed_at = timezone.now()
    run.confirmed_by = acting_user
    run.save(update_fields=["state", "confirmed_on", "confirmation_reference",
                            "confirmed_at", "confirmed_by"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=run,
                 changes={"state": [PaymentRunState.DELIVERED, PaymentRunState.CONFIRMED],
                          "executed_on": executed_on.isoformat(),
                          "reference": run.confirmation_reference})
    for line in lines:
        application = Application.objects.select_for_update().get(pk=line.application_id)
        if (application.status == ApplicationStatus.APPROVED
                and net_paid(application) >= application.approved_amount_eur):
            workflow.transition(
                application, ApplicationStatus.PAID, actor=acting_user,
                reason=_("Payment run %(number)s confirmed.") % {"number": run.number},
                notice=Notice("paid", {
                    "season": line.season, "amount_eur": line.amount_eur,
                    "transfer": line.method == PaymentMethod.TRANSFER,
                    "iban_end": line.iban[-4:]}),
                audit_changes={"paid_eur": str(line.amount_eur),
                               "end_to_end_id": line.end_to_end_id})
    return run
