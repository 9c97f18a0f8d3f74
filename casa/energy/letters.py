"""Decision letters: an Italian A4 PDF for each decision, with the call's legal references, the
outcome, the amount, the reasons in plain words and the right to appeal, and a summary in the
household's language when it is not Italian (energy/pdf/_decision_summary.html). Generated once and
stored with the decision, so the same letter is served every time."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from casa.core.pdf import render_pdf
from casa.registry.languages import household_language

from .explain import CHECK_LABELS, REASON_LABELS, explain, isee_used
from .models import ApplicationStatus, Decision, DecisionKind, DecisionState

# Outcomes a tenant can be told in a letter.
FINAL_OUTCOMES = {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED,
                  ApplicationStatus.WAITLISTED}


def letter_available(decision) -> bool:
    """A letter announces every effective decision (one still waiting for its second person,
    or sent back, is not a decision yet)."""
    return decision.state == DecisionState.EFFECTIVE and decision.outcome in FINAL_OUTCOMES


def appeal_deadline(decision) -> dt.date:
    """The last day (Europe/Rome) to appeal `decision`, as its letter states."""
    decided_on = timezone.localtime(decision.decided_at).date()
    return decided_on + dt.timedelta(days=decision.application.call.appeal_days)


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
    sentences = explain(decision.trace)
    household = application.household
    call = application.call
    head = household.members.current().filter(relation="head").first()
    decided_on = timezone.localtime(decision.decided_at).date()
    return {
        "decision": decision,
        "application": application,
        "call": call,
        "household": household,
        "head": head,
        "references": legal_references(decision.trace),
        "approved": decision.outcome == ApplicationStatus.APPROVED,
        "rejected": decision.outcome == ApplicationStatus.REJECTED,
        "waitlisted": decision.outcome == ApplicationStatus.WAITLISTED,
        "recomputation": decision.kind == DecisionKind.RECOMPUTATION,
        "appeal": decision.kind == DecisionKind.APPEAL,
        "reason_labels": [REASON_LABELS[code] for code in decision.reasons
                          if code in REASON_LABELS],
        "sentences": sentences,
        "isee_used": isee_used(decision),
        # A rejection starts with what failed, each reason named then explained; what passed
        # comes after, briefly.
        "failed": [(REASON_LABELS[sentence.check], sentence.text) for sentence in sentences
                   if not sentence.passed and sentence.check in REASON_LABELS],
        "passed_checks": [CHECK_LABELS[sentence.check] for sentence in sentences
                          if sentence.passed and sentence.check in CHECK_LABELS],
        "decided_on": decided_on,
        "appeal_until": appeal_deadline(decision),
        "transfer": bool(application.iban),
        "iban_end": application.iban[-4:],
        "summary_language": summary_language(household),
    }


LETTER_TEMPLATE = "energy/pdf/decision_letter.html"


def summary_language(household) -> str:
    """The language of the summary a letter or receipt ends with (issue 12): the household's
    (chosen on an account, else the register's) when it is not Italian; "" for none."""
    language, _unspoken = household_language(household)
    return "" if language == "it" else language


def render_letter(decision) -> bytes:
    """The letter as PDF bytes, always in Italian (the language of the administrative act),
    whatever the language of the page that asked for it; then, on its own page, a summary in
    the household's language when it is another."""
    with translation.override("it"):
        context = letter_context(decision)
        return render_pdf(LETTER_TEMPLATE, context, also_in=context["summary_language"])


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
