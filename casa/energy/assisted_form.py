"""The form of an application made at a Spazio CASA desk ("domanda assistita"), always in
Italian: what the applicant declares, the declarations as they were read to them, the
identity document the staff member checked, both names, the date and lines for both
signatures. Printed from the check page before submitting (without a protocol number yet) and
from the application afterwards."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone, translation
from stdnum import iban as stdnum_iban

from casa.core.pdf import render_pdf
from casa.registry.models import Relation

from .applying import REQUIRED_DECLARATIONS, declared_isee
from .explain import REASON_LABELS, isee_used, kind_label
from .models import IdentityDocument

TEMPLATE = "energy/pdf/assisted_form.html"


def head_of(household):
    """The head of the household (or its first member): the applicant named on forms."""
    members = list(household.members.current())
    for member in members:
        if member.relation == Relation.HEAD:
            return member
    return members[0] if members else None


def _person(user) -> str:
    return str(user) if user is not None else ""  # a tenant's account may have no e-mail


def _context(*, call, household, staff, identity_document, identity_number, declared_isee,
             iban, holder_name, holder_fiscal_code, expected_amount, reasons, isee_text,
             protocol="", submitted_at=None, draft=False):
    labels = dict(IdentityDocument.choices)
    return {
        "call": call, "household": household, "head": head_of(household),
        "hub": household.unit.building.hub, "staff_name": _person(staff),
        "identity_label": str(labels.get(identity_document, identity_document)),
        "identity_number": identity_number,
        "declared": declared_isee,
        "declared_kind": kind_label(declared_isee.kind) if declared_isee else "",
        "iban_display": stdnum_iban.format(iban) if iban else "",
        "holder_name": holder_name, "holder_fiscal_code": holder_fiscal_code,
        "expected_amount": expected_amount,
        "reasons": [str(REASON_LABELS.get(code, code)) for code in reasons],
        "isee_text": isee_text,
        "declarations": [str(text) for _code, text in REQUIRED_DECLARATIONS],
        "protocol": protocol, "draft": draft,
        "dated": timezone.localtime(submitted_at) if submitted_at else timezone.localtime(),
    }


def draft_context(*, call, household, checked, staff):
    """The form to sign before submitting, from applying.check_application's result."""
    outcome = checked.outcome
    isee = outcome.isee
    facts = SimpleNamespace(  # the RuleFacts columns isee_used() reads
        isee_used_eur=isee.value if isee else None, isee_used_kind=isee.kind if isee else "",
        isee_used_protocol=isee.protocol if isee else "", isee_used_why=outcome.isee_why or "")
    return _context(
        call=call, household=household, staff=staff,
        identity_document=checked.identity.get("identity_document", ""),
        identity_number=checked.identity.get("identity_document_number", ""),
        declared_isee=checked.declared, iban=checked.iban,
        holder_name=checked.iban_holder_name,
        holder_fiscal_code=checked.iban_holder_fiscal_code, expected_amount=outcome.amount,
        reasons=outcome.reasons, isee_text=isee_used(facts), draft=True)


def application_context(application):
    """The form of a submitted assisted application, as filed."""
    return _context(
        call=application.call, household=application.household,
        staff=application.submitted_by,
        identity_document=application.identity_document,
        identity_number=application.identity_document_number,
        declared_isee=declared_isee(application), iban=application.iban,
        holder_name=application.iban_holder_name,
        holder_fiscal_code=application.iban_holder_fiscal_code,
        expected_amount=application.expected_amount_eur, reasons=application.reasons,
        isee_text=isee_used(application), protocol=application.protocol,
        submitted_at=application.submitted_at)


def render_form(build, *args, **kwargs) -> bytes:
    """The PDF, in Italian whatever the page's language: `build(*args, **kwargs)` makes the
    context inside the Italian translation, so every label is Italian."""
    with translation.override("it"):
        return render_pdf(TEMPLATE, build(*args, **kwargs))


def form_html(build, *args, **kwargs) -> str:
    """The form's HTML, as render_form lays it out (for checking its wording)."""
    with translation.override("it"):
        return render_to_string(TEMPLATE, {"language_code": "it", **build(*args, **kwargs)})
