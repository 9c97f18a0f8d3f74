"""Decision letters: an Italian A4 PDF for each decision, with the call's legal references, the
outcome, the amount, the reasons in plain words and the right to appeal. Generated once and
stored with the decision, so the same letter is served every time."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from casa.core.pdf import render_pdf

from .explain import REASON_LABELS, explain
from .models import ApplicationStatus, Decision, DecisionKind

# Outcomes a tenant can be told in a letter (an approval still waiting for its second
# confirmation is not one yet).
FINAL_OUTCOMES = {ApplicationStatus.APPROVED, ApplicationStatus.PAID,
                  ApplicationStatus.REJECTED, ApplicationStatus.WAITLISTED}


def letter_available(decision) -> bool:
    if decision.outcome not in FINAL_OUTCOMES:
        return False
    needs_confirmation = (decision.kind == DecisionKind.DECISION
                          and decision.outcome == ApplicationStatus.APPROVED
                          and decision.amount_eur > decision.application.call.four_eyes_above_eur)
    return not needs_confirmation or decision.confirmed_at is not None


def legal_references(trace) -> list[str]:
    """The distinct legal references of the parameters a decision used, in the trace's order."""
    references = []
    for step in trace:
        for parameter in step.get("parameters", {}).values():
            reference = parameter.get("legal_reference")
            if reference and reference not in references:
                references.append(reference)
    return references


def letter_context(decision) -> dict:
    application = decision.application
    household = application.household
    call = application.call
    head = household.members.filter(relation="head").first()
    decided_on = timezone.localtime(decision.decided_at).date()
    return {
        "decision": decision,
        "application": application,
        "call": call,
        "household": household,
        "head": head,
        "references": legal_references(decision.trace),
        "approved": decision.outcome in (ApplicationStatus.APPROVED, ApplicationStatus.PAID),
        "rejected": decision.outcome == ApplicationStatus.REJECTED,
        "waitlisted": decision.outcome == ApplicationStatus.WAITLISTED,
        "recomputation": decision.kind == DecisionKind.RECOMPUTATION,
        "appeal": decision.kind == DecisionKind.APPEAL,
        "reason_labels": [REASON_LABELS[code] for code in decision.reasons
                          if code in REASON_LABELS],
        "sentences": explain(decision.trace),
        "decided_on": decided_on,
        "appeal_until": decided_on + dt.timedelta(days=call.appeal_days),
        "transfer": bool(application.iban),
        "iban_end": application.iban[-4:],
    }


LETTER_TEMPLATE = "energy/pdf/decision_letter.html"


def render_letter(decision) -> bytes:
    """The letter as PDF bytes, always in Italian (the language of the administrative act),
    whatever the language of the page that asked for it."""
    with translation.override("it"):
        return render_pdf(LETTER_TEMPLATE, letter_context(decision))


def letter_html(decision) -> str:
    """The letter's HTML, as render_letter lays it out (for checking its wording)."""
    with translation.override("it"):
        return render_to_string(LETTER_TEMPLATE, {"language_code": "it",
                                                  **letter_context(decision)})


def decision_letter(decision) -> bytes:
    """The decision's letter: the stored one, or generated and stored now (under a row lock, so
    two first downloads at once store one letter)."""
    with transaction.atomic():
        decision = (Decision.objects.select_for_update()
                    .select_related("application__call", "application__household__unit__building")
                    .get(pk=decision.pk))
        if decision.letter:
            try:
                with decision.letter.open("rb") as stored:
                    return stored.read()
            except FileNotFoundError:
                pass  # lost from storage: generate it again from the decision
        pdf = render_letter(decision)
        name = f"{decision.application.protocol}-decision-{decision.pk}.pdf"
        decision.letter.save(name, ContentFile(pdf), save=False)
        Decision.objects.filter(pk=decision.pk).update(letter=decision.letter.name)
        return pdf
