"""How the energy contribution's events read in the audit trail: each record in words (the
application by its protocol, a payment run by its number), the keys its services write
("committed_eur", "share@2025-11-01") with labels in the reader's language, and its notes.
Found by casa/core at start-up (casa/core/audit_sentences.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casa.core.audit_sentences import RecordSentences, register, register_actor, register_note
from casa.core.money import format_euro

from . import parameters
from .explain import day, reason_labels
from .models import ApplicationStatus, PaymentMethod

for command in ("energy_payment_run", "energy_recompute", "energy_screen", "seed_demo"):
    register_actor(command)

register_note("appeal filed", gettext_lazy("appeal filed"))
register_note("appeal decided", gettext_lazy("appeal decided"))
register_note("increase awaiting confirmation",
              gettext_lazy("a higher amount awaits a second person's confirmation"))
register_note("increase sent back", gettext_lazy("the higher amount was sent back"))
register_note("energy applications", gettext_lazy("the household's energy applications"))
register_note("desk page", gettext_lazy("the application's page at the desk"))
register_note("receipt", gettext_lazy("the receipt"))
register_note("signed form", gettext_lazy("the signed form"))
register_note("IBAN changed", gettext_lazy("bank account changed"))
register_note("re-authentication to change the IBAN",
              gettext_lazy("password check to change the bank account"))
register_note("screening", gettext_lazy("screening of the register"))
register_note("screening of the user's hubs",
              gettext_lazy("screening of the households of their Spazi CASA"))
register_note("assisted application ", lambda code: _(
    "application at the desk for call %(code)s") % {"code": code}, prefix=True)
register_note("form to sign ", lambda code: _(
    "form to sign for call %(code)s") % {"code": code}, prefix=True)
register_note("attachment ", lambda digest: _(
    "document %(digest)s") % {"digest": digest}, prefix=True)
register_note("payment run ", lambda run: _("payment run %(run)s") % {"run": run},
              prefix=True)
register_note("what-if simulation on ", lambda on: _(
    "what-if simulation on %(date)s") % {"date": day(on)}, prefix=True)
for kind, label in (("decision ", gettext_lazy("decision %(number)s")),
                    ("recomputation ", gettext_lazy("recomputation %(number)s")),
                    ("appeal ", gettext_lazy("decision on appeal %(number)s")),
                    ("waiting_list ", gettext_lazy("approval from the waiting list %(number)s"))):
    register_note(kind, lambda number, label=label: str(label) % {"number": number},
                  prefix=True)

# Keys the energy services write that are not fields of the record itself.
MONEY_KEYS = {"committed_eur", "ledger_eur", "budget_left_eur", "amount_eur",
              "pending_amount_eur", "paid_eur", "total_eur", "to_recover_eur"}
COMMON_LABELS = {
    "committed_eur": gettext_lazy("committed in the call"),
    "ledger_eur": gettext_lazy("moved in the budget"),
    "budget_left_eur": gettext_lazy("budget left"),
    "amount_eur": gettext_lazy("amount"),
    "pending_amount_eur": gettext_lazy("amount awaiting confirmation"),
    "paid_eur": gettext_lazy("paid"),
    "total_eur": gettext_lazy("total"),
    "decision": gettext_lazy("decision"),
    "on_behalf_of": gettext_lazy("on behalf of household"),
    "iban_holder": gettext_lazy("account holder"),
    "reasons": gettext_lazy("conditions not met"),
    "message": gettext_lazy("request"),
    "application_status": gettext_lazy("application status"),
    "upheld": gettext_lazy("upheld"),
    "reason": gettext_lazy("reasons given"),
    "outcome": gettext_lazy("outcome"),
    "screening_as_of": gettext_lazy("screening date"),
    "households_listed": gettext_lazy("households listed"),
    "download": gettext_lazy("download"),
    "decision_letter": gettext_lazy("decision letter"),
    "end_to_end_id": gettext_lazy("payment reference"),
    "method": gettext_lazy("method"),
    "run": gettext_lazy("payment run"),
    "lines": gettext_lazy("lines"),
    "bill_credits": gettext_lazy("bill credits"),
    "transfers": gettext_lazy("bank transfers"),
    "sepa_message_id": gettext_lazy("SEPA message id"),
    "executed_on": gettext_lazy("executed on"),
    "reference": gettext_lazy("reference"),
    "state": gettext_lazy("state"),
}
STATUS_LABELS = dict(ApplicationStatus.choices)


class EnergySentences(RecordSentences):
    field_labels = COMMON_LABELS

    def value(self, key, value):
        if key in MONEY_KEYS and value not in (None, ""):
            return format_euro(value)
        if key in ("application_status", "outcome") and value in STATUS_LABELS:
            return str(STATUS_LABELS[value])
        if key == "reasons":
            codes = value.split(";") if isinstance(value, str) else list(value or ())
            return ", ".join(str(label) for label in reason_labels(c for c in codes if c)) \
                or "—"
        if key == "households_listed" and isinstance(value, list):
            return str(len(value))
        if key == "method" and value in PaymentMethod.values:
            return str(dict(PaymentMethod.choices)[value])
        return super().value(key, value)


@register("energy.application")
class ApplicationSentences(EnergySentences):
    def record(self, event):
        return _("application %(protocol)s") % {"protocol": event.target_id}


@register("energy.appeal")
class AppealSentences(EnergySentences):
    """`target_id` is "<protocol>:<appeal id>"."""

    def record(self, event):
        protocol = event.target_id.split(":", 1)[0]
        return _("the appeal on application %(protocol)s") % {"protocol": protocol}

    def code(self, event):
        return event.target_id.split(":", 1)[0]


@register("energy.call")
class CallSentences(EnergySentences):
    """A call's values are changed with keys "<parameter>@<date>"."""

    def record(self, event):
        return _("call %(code)s") % {"code": event.target_id}

    def field_label(self, key):
        name, _at, since = str(key).partition("@")
        if since and name in parameters.SPECS:
            return _("%(parameter)s from %(date)s") % {
                "parameter": parameters.label(name), "date": day(since)}
        if key in parameters.SPECS:
            return parameters.label(key)
        return super().field_label(key)

    def value(self, key, value):
        name = str(key).partition("@")[0]
        if name in parameters.SPECS and value not in (None, ""):
            try:
                return parameters.describe(name, value)
            except (TypeError, ValueError, ArithmeticError):
                return str(value)
        return super().value(key, value)


@register("energy.paymentrun")
class PaymentRunSentences(EnergySentences):
    """`target_id` is "<call id>:<number>"; `target_repr` "<call code> #<number>"."""

    def record(self, event):
        return _("payment run %(run)s") % {"run": event.target_repr or event.target_id}


@register("energy.paymentline")
class PaymentLineSentences(EnergySentences):
    def record(self, event):
        return _("payment %(reference)s") % {"reference": event.target_id}


@register("energy.invitation")
class InvitationSentences(EnergySentences):
    def record(self, event):
        return _("invitation %(code)s") % {"code": event.target_repr or event.target_id}


@register("energy.desk")
class DeskSentences(EnergySentences):
    type_label = gettext_lazy("energy contribution at the desk")

    def record(self, event):
        return _("the energy contribution of household %(code)s") % {
            "code": event.target_id}


@register("energy.decision", "energy.recovery", "energy.attachment", "energy.callparameter",
          "energy.informationanswer", "energy.budgetentry")
class OtherSentences(EnergySentences):
    """The other records keep the generic sentence, with the energy keys' labels."""
