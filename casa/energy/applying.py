"""Applying for the energy contribution: the tenant's (or the desk's) application with its
declarations, the rule's expected outcome at submission, the protocol number and the receipt
message; and the tenant's answer to a request for information."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from casa.accounts.models import Role
from casa.accounts.services import password_confirm
from casa.core.audit import AuditAction, audit_record
from casa.registry.importing.parse import Invalid, parse_dsu_protocol
from casa.registry.models import Heating, IseeKind
from casa.registry.signals import give_support, person_supported

from . import rules, workflow
from .attachments import check_uploads, removed_on_rollback, store_attachment
from .models import (
    Application,
    ApplicationStatus,
    Channel,
    IdentityDocument,
    InformationAnswer,
    PaymentLineState,
)
from .screening import register_rows
from .workflow import Notice

# The declarations every application must accept: (code, text the applicant reads).
REQUIRED_DECLARATIONS = [
    ("truthful", gettext_lazy(
        "I declare that the data in this application are true. I know that false declarations are "
        "punished by law and lose the contribution (DPR 445/2000, articles 46, 47, 75 and 76).")),
    ("no_other_aid", gettext_lazy(
        "I declare that my household gets no other help for heating this season, apart from the "
        "help Aler Milano already knows about (for example the regional solidarity contribution, "
        "or the social bonus for the building's shared gas).")),
    ("privacy", gettext_lazy(
        "I have read the privacy notice. It explains how Aler Milano uses my data for this "
        "contribution.")),
]
DECLARATION_CODES = [code for code, _text in REQUIRED_DECLARATIONS]


@dataclasses.dataclass(frozen=True)
class DeclaredIsee:
    """A newer ISEE than the register's, as the applicant declares it."""

    kind: str
    value: Decimal
    dsu_protocol: str
    issued_on: dt.date
    valid_until: dt.date


def declared_isee(application) -> DeclaredIsee | None:
    """The ISEE the applicant declared with the application (or in an answer), or None."""
    if not application.isee_kind or application.isee_eur is None:
        return None
    return DeclaredIsee(application.isee_kind, application.isee_eur, application.dsu_protocol,
                        application.isee_issued_on, application.isee_valid_until)


def protocol_for(application) -> str:
    """CE-<season>-<number>, e.g. CE-2025-26-000123: readable, and unique because the number
    is the application's own id."""
    return f"CE-{application.call.season}-{application.pk:06d}"


def needs_iban(household) -> bool:
    """Bill credits exist only for central heating: autonomous heating is paid by transfer."""
    return household.unit.building.heating == Heating.AUTONOMOUS


def clean_iban(value, *, required):
    """The IBAN compact and uppercase, or "" when none is given and none is needed."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError({"iban": _(
                "Your home has its own heating. So we pay the contribution by bank transfer, and "
                "we need the IBAN of your account.")})
        return ""
    try:
        return stdnum_iban.validate(value)
    except StdnumError:
        raise ValidationError({"iban": _(
            "This IBAN is not right. Check it on your bank statement. An Italian IBAN has 27 "
            "characters and starts with IT.")}) from None


def clean_iban_holder(household, fiscal_code, *, iban) -> tuple[str, str]:
    """(name, fiscal code) of the account holder, who must be a current member of the
    household; ("", "") when there is no IBAN."""
    if not iban:
        return "", ""
    fiscal_code = (fiscal_code or "").strip().upper()
    member = (household.members.current().filter(fiscal_code=fiscal_code).first()
              if fiscal_code else None)
    if member is None:
        raise ValidationError({"iban_holder": _(
            "Choose the person in your household who holds the account. We pay the contribution "
            "only into an account of a household member.")})
    return f"{member.first_name} {member.last_name}", member.fiscal_code


def clean_identity(identity, *, signed=True) -> dict:
    """At the desk: how the applicant's identity was checked (document and number) and, when
    `signed` is required (at submission), that the declarations were read to them and the
    printed form signed. Raises ValidationError per field."""
    identity = identity or {}
    errors = {}
    document = identity.get("document", "")
    number = "".join((identity.get("number") or "").split()).upper()
    if document not in IdentityDocument.values:
        errors["identity_document"] = _("Choose the document you checked.")
    if not number or len(number) > 32 or not number.isalnum():
        errors["identity_document_number"] = _(
            "Write the document's number, letters and digits only.")
    read_and_signed = bool(identity.get("read_and_signed"))
    if signed and not read_and_signed:
        errors["declarations_read_and_signed"] = _(
            "Read the declarations to the applicant and have them sign the printed form "
            "before submitting.")
    if errors:
        raise ValidationError(errors)
    return {"identity_document": document, "identity_document_number": number,
            "declarations_read_and_signed": read_and_signed}


def clean_isee(isee, *, on: dt.date) -> DeclaredIsee:
    """The declared ISEE checked: a known kind, an amount, a DSU protocol in INPS' format,
    valid on `on`. Raises ValidationError with one message per field."""
    errors = {}
    kind = isee.get("kind") if isinstance(isee, dict) else isee.kind
    value = isee.get("value") if isinstance(isee, dict) else isee.value
    protocol = isee.get("dsu_protocol") if isinstance(isee, dict) else isee.dsu_protocol
    issued_on = isee.get("issued_on") if isinstance(isee, dict) else isee.issued_on
    valid_until = isee.get("valid_until") if isinstance(isee, dict) else isee.valid_until
    if kind not in IseeKind.values:
        errors["isee_kind"] = _("Choose the kind of ISEE: ordinario or corrente.")
    try:
        value = Decimal(str(value)).quantize(rules.CENT)
        if value < 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError, TypeError):
        errors["isee_value"] = _("Enter the ISEE value in euro, as written on the "
                                 "certificate.")
    try:
        protocol = parse_dsu_protocol((protocol or "").strip())
    except Invalid:
        errors["dsu_protocol"] = _("This is not a DSU protocol number. Copy it from the ISEE "
                                   "certificate, for example INPS-ISEE-2025-00597381W-00.")
    if not isinstance(issued_on, dt.date):
        errors["isee_issued_on"] = _("Enter the date the ISEE was issued.")
    if not isinstance(valid_until, dt.date):
        errors["isee_valid_until"] = _("Enter the date the ISEE is valid until.")
    if not errors:
        if valid_until < issued_on:
            errors["isee_valid_until"] = _("The ISEE cannot expire before it was issued.")
        elif issued_on > on:
            errors["isee_issued_on"] = _("The date of issue cannot be in the future.")
        elif valid_until < on:
            errors["isee_valid_until"] = _(
                "This ISEE expired on %(until)s. You need an ISEE valid on %(on)s. Make a new DSU "
                "(the ISEE declaration) at INPS, at a CAF or at your Spazio CASA.") % {
                "until": valid_until.strftime("%d/%m/%Y"), "on": on.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)
    return DeclaredIsee(kind, value, protocol, issued_on, valid_until)


def household_facts(*, call, household, on: dt.date, isee: DeclaredIsee | None = None):
    """The rule's facts for one household on `on` from the register, plus a declared ISEE;
    None when the tenancy is not current."""
    row = next(register_rows(season=call.season, on=on, household_filter=Q(pk=household.pk)),
               None)
    if row is None:
        return None
    facts = row.facts
    if isee is not None:
        declared = rules.Isee(isee.kind, isee.value, isee.dsu_protocol, isee.issued_on,
                              isee.valid_until)
        facts = dataclasses.replace(facts, isee=(*facts.isee, declared))
    return facts


def expected_outcome(*, call, household, on: dt.date, isee: DeclaredIsee | None = None):
    """The rule for the household on `on` with the declared ISEE: what the applicant sees
    before submitting. Raises ValidationError when it cannot be worked out."""
    facts = household_facts(call=call, household=household, on=on, isee=isee)
    if facts is None:
        raise ValidationError({NON_FIELD_ERRORS: _(
            "Your rental contract is not active. So you cannot apply to this call.")})
    try:
        params = call.params_at(on)
    except rules.MissingParameter:
        raise ValidationError({NON_FIELD_ERRORS: _(
            "The rules of this call are not in force yet.")}) from None
    return rules.evaluate(facts, params, season=call.season, on=on)


@dataclasses.dataclass(frozen=True)
class Checked:
    """What `check_application` found: the cleaned inputs and the rule's outcome."""

    declared: DeclaredIsee | None
    iban: str
    iban_holder_name: str
    iban_holder_fiscal_code: str
    identity: dict
    outcome: rules.Outcome
    on: dt.date


def check_application(*, call, household, channel=Channel.ONLINE, isee=None, iban="",
                      iban_holder="", identity=None, declarations=(), now=None,
                      submitting=False) -> Checked:
    """Everything `application_submit` checks, without saving. Raises ValidationError with a
    message per field. Used for the check page too, where an assisted application need not be
    signed yet: the form to sign is printed from that page."""
    now = now or timezone.now()
    if not call.is_open(now):
        if now < call.opens_at:
            message = _("Applications for this call open on %(date)s at %(time)s.")
            moment = timezone.localtime(call.opens_at)
        else:
            message = _("Applications for this call closed on %(date)s at %(time)s. You can no "
                        "longer apply.")
            moment = timezone.localtime(call.closes_at)
        raise ValidationError({NON_FIELD_ERRORS: message % {
            "date": moment.strftime("%d/%m/%Y"), "time": moment.strftime("%H:%M")}})
    today = timezone.localdate(now)
    errors = {}
    missing = [code for code in DECLARATION_CODES if code not in set(declarations or ())]
    if missing:
        errors["declarations"] = [_("To apply you must accept every declaration.")]
    holder = ("", "")
    try:
        iban = clean_iban(iban, required=needs_iban(household))
        holder = clean_iban_holder(household, iban_holder, iban=iban)
    except ValidationError as error:
        errors.update(error.message_dict)
    declared = None
    if isee:
        try:
            declared = clean_isee(isee, on=today)
        except ValidationError as error:
            errors.update(error.message_dict)
    checked_identity = {}
    if channel == Channel.ASSISTED:
        try:
            checked_identity = clean_identity(identity, signed=submitting)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    outcome = expected_outcome(call=call, household=household, on=today, isee=declared)
    return Checked(declared, iban, holder[0], holder[1], checked_identity, outcome, today)


def _isee_fields(declared):
    if declared is None:
        return {"isee_kind": "", "isee_eur": None, "dsu_protocol": "", "isee_issued_on": None,
                "isee_valid_until": None}
    return {"isee_kind": declared.kind, "isee_eur": declared.value,
            "dsu_protocol": declared.dsu_protocol, "isee_issued_on": declared.issued_on,
            "isee_valid_until": declared.valid_until}


def application_submit(*, call, household, acting_user, channel, isee=None, iban="",
                       iban_holder="", identity=None, declarations, now=None) -> Application:
    """Submit the household's application to `call`, or return the one it already has (a
    double click or a retry creates nothing twice). Checks the window on the server clock,
    the declarations, the IBAN and its holder, a declared ISEE and, at the desk, the
    applicant's identity; stores the rule's outcome and facts on the submission date; writes
    the first history row, the audit event and the receipt message in one transaction.
    Raises ValidationError (nothing saved) on bad input."""
    now = now or timezone.now()
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    with transaction.atomic():
        existing = Application.objects.filter(call=call, household=household).first()
        if existing is not None:
            return existing
        checked = check_application(
            call=call, household=household, channel=channel, isee=isee, iban=iban,
            iban_holder=iban_holder, identity=identity, declarations=declarations, now=now,
            submitting=True)
        outcome = checked.outcome
        application = Application(
            call=call, household=household, protocol=uuid.uuid4().hex,
            status=ApplicationStatus.SUBMITTED, submitted_at=now, submitted_by=acting_user,
            channel=channel, iban=checked.iban, iban_holder_name=checked.iban_holder_name,
            iban_holder_fiscal_code=checked.iban_holder_fiscal_code,
            declarations=list(DECLARATION_CODES), expected_amount_eur=outcome.amount,
            **checked.identity, **_isee_fields(checked.declared))
        application.store_outcome(outcome, on=checked.on)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            existing = Application.objects.filter(call=call, household=household).first()
            if existing is not None:
                return existing  # submitted meanwhile by a concurrent request
            raise
        application.protocol = protocol_for(application)
        application.save(update_fields=["protocol"])
        workflow.start(
            application, actor=acting_user,
            on_behalf_of=household if channel == Channel.ASSISTED else None,
            notice=Notice("receipt", {
                "submitted_at": application.submitted_at,
                "expected_amount_eur": application.expected_amount_eur,
                "eligible": not application.reasons,
                "assisted": channel == Channel.ASSISTED}),
            audit_changes={
                "channel": [None, channel],
                "expected_amount_eur": [None, str(outcome.amount)],
                "reasons": [None, ";".join(outcome.reasons)],
                "dsu_protocol": [None, application.dsu_protocol],
                "iban": [None, masked(checked.iban)],
                "iban_holder": [None, checked.iban_holder_fiscal_code],
                "identity_document": [None, checked.identity.get("identity_document")],
            })
        if channel == Channel.ASSISTED:
            _support_given(application, acting_user)
    return application


# Issue 11: an application made at the desk with staff's help is support the European Social
# Fund counts, for the household's head (the register says no more of who came to the desk).
def _support_given(application, acting_user):
    household = application.household
    hub = household.unit.building.hub
    member = person_supported(household)
    if hub is None or member is None:
        return
    give_support(member=member, hub=hub, on=timezone.localdate(application.submitted_at),
                 source=f"energy:assisted_application:{application.pk}", actor=acting_user)


def masked(iban):
    return f"{iban[:4]}…{iban[-4:]}" if iban else ""


# --- A declared ISEE that would not count ------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class IseeNotCounted:
    """A declared ISEE the rule would set aside: the declaration it uses instead (None: none
    is valid) and why (rules' codes), and why the declared one does not count."""

    declared: DeclaredIsee
    chosen: rules.Isee | None
    chosen_why: str | None
    set_aside_because: str


def isee_not_counted(*, call, household, isee: DeclaredIsee, on: dt.date
                     ) -> IseeNotCounted | None:
    """None when the rule would use the declared ISEE (rules.isee_choice over the register's
    declarations plus this one, as expected_outcome does); otherwise which one it uses and
    why, to tell the applicant before anything is saved."""
    facts = household_facts(call=call, household=household, on=on, isee=isee)
    if facts is None:
        return None
    try:
        kinds = call.params_at(on).isee_kinds
    except rules.MissingParameter:
        return None
    declared = rules.Isee(isee.kind, isee.value, isee.dsu_protocol, isee.issued_on,
                          isee.valid_until)
    choice = rules.isee_choice(facts.isee, on, kinds)
    if choice.chosen == declared:
        return None
    because = next((reason for item, reason in choice.set_aside if item == declared),
                   rules.OLDER)
    return IseeNotCounted(isee, choice.chosen, choice.why, because)


class IseeNotCountedError(ValidationError):
    """The answer's ISEE would not be used: nothing was saved; the sender is told which one
    counts and why (`notice`), and may send it anyway (`send_isee_anyway=True`)."""

    def __init__(self, notice: IseeNotCounted):
        self.notice = notice
        super().__init__({"isee_kind": [ValidationError(_(
            "We would not use this ISEE. See which ISEE counts and why. Then correct it, or send "
            "it anyway."), code="isee_not_counted")]})


# --- The answer to a request for information -------------------------------------------------

def application_provide_information(*, application, acting_user, text="", isee=None, iban="",
                                    iban_holder="", attachments=(), send_isee_anyway=False,
                                    now=None) -> Application:
    """The answer to a request for information: a message, documents (casa.energy.attachments),
    a newer ISEE, and an IBAN with its holder when the application has none (changing one is
    `application_change_iban`). By the tenant, or by staff at the desk on the household's
    behalf. The application goes back under review, with the rule worked out again on the day
    of the answer (when a declared ISEE must be valid); the answer is kept (InformationAnswer)
    with the request it answers.

    Raises ValidationError with a message per field (per refused file under "attachments"),
    or IseeNotCountedError when the declared ISEE would not be used and `send_isee_anyway` is
    false. Files are checked before the transaction (reading, re-encoding and scanning take
    time the row lock need not wait) and written inside it; if it rolls back they are
    deleted again (attachments.removed_on_rollback). The transaction is durable, the
    outermost one, so leaving it without an error means it committed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    application = (Application.objects.select_related("call", "household")
                   .get(pk=application.pk))
    _check_waiting_for_information(application)
    household = application.household
    text = (text or "").strip()
    errors = {}
    holder = ("", "")
    try:
        if (iban or "").strip() and application.iban:
            raise ValidationError({"iban": _(
                "This application already has an IBAN. To change it, use “Change the bank "
                "account”: we will ask you to confirm who you are.")})
        iban = clean_iban(iban, required=needs_iban(household) and not application.iban)
        holder = clean_iban_holder(household, iban_holder, iban=iban)
    except ValidationError as error:
        errors.update(error.message_dict)
    declared = None
    if isee:
        try:
            declared = clean_isee(isee, on=today)
        except ValidationError as error:
            errors.update(error.message_dict)
    if not errors and declared is None and not iban and not text and not attachments:
        errors[NON_FIELD_ERRORS] = [_("Send us the information we asked for. You can write a "
                                      "message, or send a document, a newer ISEE or an IBAN.")]
    if errors:
        raise ValidationError({**errors, **_file_errors(attachments)})
    not_counted = None
    if declared is not None:
        not_counted = isee_not_counted(call=application.call, household=household,
                                       isee=declared, on=today)
        if not_counted is not None and not send_isee_anyway:
            raise IseeNotCountedError(not_counted)
    try:
        files = check_uploads(attachments)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from None
    with removed_on_rollback() as written, transaction.atomic(durable=True):
        application = (Application.objects.select_for_update()
                       .select_related("call", "household").get(pk=application.pk))
        _check_waiting_for_information(application)  # again, under the lock
        request = workflow.latest_information_request(application)
        answer = InformationAnswer.objects.create(application=application, request=request,
                                                  text=text, answered_at=now,
                                                  answered_by=acting_user)
        for checked in files:
            store_attachment(answer=answer, checked=checked, written=written)
        if declared is None:
            declared = declared_isee(application)
        outcome = expected_outcome(call=application.call, household=household, on=today,
                                   isee=declared)
        old = {"expected_amount_eur": str(application.expected_amount_eur),
               "dsu_protocol": application.dsu_protocol, "iban": masked(application.iban),
               "iban_holder": application.iban_holder_fiscal_code}
        if declared is not None:
            for name, value in _isee_fields(declared).items():
                setattr(application, name, value)
        if iban:
            application.iban = iban
            application.iban_holder_name, application.iban_holder_fiscal_code = holder
        application.expected_amount_eur = outcome.amount
        application.store_outcome(outcome, on=today)
        application.save()
        new = {"expected_amount_eur": str(application.expected_amount_eur),
               "dsu_protocol": application.dsu_protocol, "iban": masked(application.iban),
               "iban_holder": application.iban_holder_fiscal_code}
        changes = {key: [old[key], new[key]] for key in new if old[key] != new[key]}
        if files:
            changes["attachments"] = [None, [checked.sha256 for checked in files]]
        workflow.transition(
            application, ApplicationStatus.UNDER_REVIEW, actor=acting_user,
            reason=_("Information provided."),
            on_behalf_of=household if _is_staff(acting_user) else None,
            details={"answer": answer.pk, "attachments": len(files),
                     "scanned": all(checked.verdict.scanned for checked in files),
                     # The tenant was told this ISEE would not count, and sent it anyway.
                     "isee_not_counted": not_counted is not None},
            audit_changes=changes)
    return application


def _file_errors(attachments) -> dict:
    """{"attachments": [a message per refused file]}, or {} when they all pass."""
    try:
        check_uploads(attachments)
    except ValidationError as error:
        return {"attachments": error.messages}
    return {}


def _check_waiting_for_information(application):
    if application.status != ApplicationStatus.NEEDS_INFORMATION:
        raise ValidationError({NON_FIELD_ERRORS: _(
            "This application is not waiting for information from you.")})


def _is_staff(user) -> bool:
    return getattr(user, "role", "") != Role.TENANT


# --- Changing the IBAN after submission ------------------------------------------------------

def _reauthenticate(user, password, *, application):
    """The tenant confirms who they are with their password, under the login's limits on wrong
    passwords (casa.accounts.services.password_confirm), or ValidationError. Wrong passwords are
    audited as failed logins. An account without a password (a tenant who logs in with SPID or
    CIE) has nothing to type: it confirms with SPID or CIE first (`reauthenticated`)."""
    if not user.has_usable_password():
        raise ValidationError({NON_FIELD_ERRORS: _(
            "First confirm that it is you with SPID or CIE: your bank account was not changed.")})
    try:
        if password_confirm(user=user, password=password):
            return
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    audit_record(actor=user, action=AuditAction.LOGIN_FAILED, target=application,
                 note="re-authentication to change the IBAN")
    raise ValidationError({"password": _(
        "This is not your password: your bank account was not changed.")})


def can_change_iban(application) -> bool:
    """The IBAN can change until the application is paid, and not while a payment to the
    current account is on its way (sent, not yet confirmed)."""
    return application.status != ApplicationStatus.PAID and not application.payment_lines.filter(
        state=PaymentLineState.SENT).exists()


def application_change_iban(*, application, iban, iban_holder, acting_user, password=None,
                            identity=None, reauthenticated=None) -> Application:
    """Change the IBAN (and its holder, a member of the household) of a submitted application
    that is not paid. The tenant confirms who they are: with their password here, or, moments
    before, with SPID/CIE or their password again (`reauthenticated`, the method the page read
    from the session: casa.accounts.reauthentication); staff at the desk record the identity
    document they checked (type and number). A tenant's change with neither is refused. Audited
    with the old and new IBAN masked and how the tenant confirmed, and the household told by
    message, in one transaction. Raises ValidationError (nothing changed) otherwise."""
    staff = _is_staff(acting_user)
    checked_identity = {}
    if staff:
        checked_identity = clean_identity(identity, signed=False)
    elif not reauthenticated:
        _reauthenticate(acting_user, password, application=application)
    with transaction.atomic():
        application = (Application.objects.select_for_update()
                       .select_related("call", "household").get(pk=application.pk))
        if not can_change_iban(application):
            raise ValidationError({NON_FIELD_ERRORS: _(
                "The contribution is already paid, or a payment is on its way to this account. So "
                "you can no longer change the IBAN. If the account is wrong, ask your Spazio "
                "CASA.")})
        household = application.household
        errors = {}
        holder = ("", "")
        try:
            new_iban = clean_iban(iban, required=True)
            holder = clean_iban_holder(household, iban_holder, iban=new_iban)
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            if (new_iban, holder[1]) == (application.iban, application.iban_holder_fiscal_code):
                errors[NON_FIELD_ERRORS] = [_("This is already the account on file: nothing "
                                              "to change.")]
        if errors:
            raise ValidationError(errors)
        old_iban, old_holder = application.iban, application.iban_holder_fiscal_code
        application.iban = new_iban
        application.iban_holder_name, application.iban_holder_fiscal_code = holder
        application.save(update_fields=["iban", "iban_holder_name",
                                        "iban_holder_fiscal_code", "updated_at"])
        changes = {"iban": [masked(old_iban), masked(new_iban)],
                   "iban_holder": [old_holder, holder[1]]}
        if staff:
            changes.update({
                "on_behalf_of": household.code,
                "identity_document": [None, checked_identity["identity_document"]],
                "identity_document_number": [None,
                                             checked_identity["identity_document_number"]]})
        else:
            changes["reauthenticated"] = reauthenticated or "password"
        event = audit_record(actor=acting_user, action=AuditAction.UPDATE, target=application,
                             changes=changes, note="IBAN changed")
        workflow.notify_tenant(
            "iban_changed", application, actor=acting_user,
            key=f"energy.iban_changed:{event.pk}", iban_end=new_iban[-4:],
            holder_name=holder[0], at_desk=staff)
    return application
