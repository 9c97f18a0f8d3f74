"""The rule's outcome in plain words: reason labels, parameter values as people read them, and
each check of a trace (rules.evaluate) as a sentence in the active language.

Works on the trace alone (plain dicts, as stored with a decision), so a tenant, a reviewer and
an appeal read the same reasoning later. Sentences are whole translatable strings with named
placeholders; money is written with the `euro` filter and dates as 25/11/2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casa.core.languages import isolate
from casa.core.money import format_euro as euro
from casa.registry.models import ChargeBasis, IseeKind, RentBand

from . import rules
from .parameters import describe

# One plain-language label per reason code (rules.REASONS), for staff tables and tenants.
REASON_LABELS = {
    rules.RENT_BAND: gettext_lazy("Rent band not covered by the call"),
    rules.ISEE_MISSING: gettext_lazy("No valid ISEE on the date"),
    rules.ISEE_OUT_OF_RANGE: gettext_lazy("ISEE outside the call's range"),
    rules.TENANCY_TOO_SHORT: gettext_lazy("Tenancy too recent"),
    rules.ARREARS: gettext_lazy("Rent arrears without a repayment plan"),
    rules.NO_HEATING_COSTS: gettext_lazy("No heating costs for the season"),
}
assert set(REASON_LABELS) == set(rules.REASONS)


# Short names of the checks, for the brief list of conditions met in a rejection letter.
CHECK_LABELS = {
    rules.RENT_BAND: gettext_lazy("rent band"),
    rules.ISEE_MISSING: gettext_lazy("valid ISEE"),
    rules.ISEE_OUT_OF_RANGE: gettext_lazy("ISEE within the call's range"),
    rules.TENANCY_TOO_SHORT: gettext_lazy("length of tenancy"),
    rules.ARREARS: gettext_lazy("no rent arrears, or a repayment plan"),
    rules.NO_HEATING_COSTS: gettext_lazy("heating costs for the season"),
}


def reason_labels(reasons):
    """The plain-language labels of reason codes, in their order."""
    return [REASON_LABELS.get(code, code) for code in reasons]


# Why the rule used the ISEE it used (rules.isee_choice), and why it set others aside.
ISEE_WHY = {
    rules.ONLY_VALID: gettext_lazy("it is the only declaration valid on that day"),
    rules.CORRENTE_REPLACES: gettext_lazy("an ISEE corrente, while valid, replaces the "
                                          "ordinario"),
    rules.ISSUED_LAST: gettext_lazy("among declarations of the same kind, the one issued last "
                                    "counts"),
}
ISEE_SET_ASIDE = {
    rules.NOT_YET_ISSUED: gettext_lazy("not issued yet on that day"),
    rules.EXPIRED: gettext_lazy("expired"),
    rules.KIND_NOT_ACCEPTED: gettext_lazy("a kind the call does not accept"),
    rules.REPLACED_BY_CORRENTE: gettext_lazy("replaced by the ISEE corrente"),
    rules.OLDER: gettext_lazy("a more recent declaration of the same kind counts"),
}



@dataclass(frozen=True)
class Sentence:
    check: str
    passed: bool
    text: str


# --- Values as people read them ---------------------------------------------------------------

def day(value) -> str:
    """A date (or an ISO date string) as 25/11/2026."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return date_format(value, "SHORT_DATE_FORMAT")


def band_label(value) -> str:
    return str(dict(RentBand.choices).get(value, value))


def kind_label(value) -> str:
    return str(dict(IseeKind.choices).get(value, value))


def format_parameter(name, value) -> str:
    """A call parameter's stored value as text for a page (parameters.SPECS)."""
    return describe(name, value)


def rule_note(parameter) -> str:
    """Where a parameter value comes from: "rule in force from 01/11/2025, <reference>"."""
    if not parameter:
        return ""
    if parameter.get("legal_reference"):
        return _("rule in force from %(since)s, %(reference)s") % {
            "since": day(parameter["valid_from"]), "reference": parameter["legal_reference"]}
    return _("rule in force from %(since)s") % {"since": day(parameter["valid_from"])}


# --- The trace in sentences -----------------------------------------------------------------

def explain(trace) -> list[Sentence]:
    """One sentence per check of an outcome's trace, in the order the rule checks them."""
    sentences = []
    isee = None
    for step in trace:
        check = step["check"]
        if check == rules.ISEE_MISSING:
            isee = step["inputs"].get("isee")
        text = _EXPLAINERS[check](step, isee)
        if text:
            sentences.append(Sentence(check, bool(step["passed"]), text))
    return sentences


def _rent_band(step, isee):
    parameter = step["parameters"].get("eligible_bands", {})
    values = {"band": band_label(step["inputs"]["rent_band"]),
              "bands": describe("eligible_bands", parameter.get("value", [])),
              "rule": rule_note(parameter)}
    if step["passed"]:
        return _("Your household is in rent band %(band)s. The call accepts this band (%(bands)s; "
                 "%(rule)s).") % values
    return _("Your household is in rent band %(band)s. The call accepts only %(bands)s "
             "(%(rule)s).") % values


def _isee_missing(step, isee):
    parameter = step["parameters"].get("isee_kinds", {})
    inputs = step["inputs"]
    if step["passed"]:
        text = _("We used your ISEE %(kind)s, protocol %(protocol)s, issued on %(issued)s and "
                 "valid until %(until)s.") % {
            "kind": kind_label(isee["kind"]), "protocol": isolate(isee["protocol"]),
            "issued": day(isee["issued_on"]), "until": day(isee["valid_until"])}
        if inputs.get("why") in ISEE_WHY and inputs.get("set_aside"):
            text += " " + _("We used this one because %(why)s.") % {
                "why": ISEE_WHY[inputs["why"]]}
    else:
        text = _("We found no ISEE valid on %(on)s of the kinds the call accepts (%(kinds)s). "
                 "Submit a new DSU to INPS, at a CAF or at your Spazio CASA (%(rule)s).") % {
            "on": day(inputs["on"]),
            "kinds": describe("isee_kinds", parameter.get("value", [])),
            "rule": rule_note(parameter)}
    aside = set_aside_sentence(inputs.get("set_aside") or [])
    return f"{text} {aside}" if aside else text


def set_aside_sentence(set_aside) -> str:
    """The other declarations on file and why they did not count, in one sentence."""
    if not set_aside:
        return ""
    items = [_("%(kind)s of %(value)s issued on %(issued)s (%(why)s)") % {
        "kind": kind_label(item["kind"]), "value": euro(item["value_eur"]),
        "issued": day(item["issued_on"]),
        "why": ISEE_SET_ASIDE.get(item.get("reason"), item.get("reason", ""))}
        for item in set_aside]
    return _("Other declarations on file: %(items)s.") % {"items": "; ".join(items)}


def isee_used(facts) -> str:
    """Which ISEE the rule used and why, from a decision's or an application's fact columns
    (models.RuleFacts): for the pages that show the ISEE."""
    if facts.isee_used_eur is None:
        return _("no valid ISEE")
    text = _("%(value)s, ISEE %(kind)s, protocol %(protocol)s") % {
        "value": euro(facts.isee_used_eur), "kind": kind_label(facts.isee_used_kind),
        "protocol": isolate(facts.isee_used_protocol)}
    if facts.isee_used_why in ISEE_WHY:
        text += " — " + _("used because %(why)s") % {"why": ISEE_WHY[facts.isee_used_why]}
    return text


def isee_wanted_sentence(wanted) -> str:
    """What a new ISEE declaration must be to change the outcome (decisions.isee_wanted's
    plain values), in one sentence for the tenant and the officer."""
    if not wanted:
        return ""
    options = []
    if "corrente" in wanted["kinds"]:
        if wanted.get("corrente_issued_after"):
            options.append(_("an ISEE corrente issued after %(date)s") % {
                "date": day(wanted["corrente_issued_after"])})
        else:
            options.append(_("an ISEE corrente (it replaces the ordinario)"))
    if "ordinario" in wanted["kinds"]:
        if wanted.get("ordinario_issued_after"):
            options.append(_("an ISEE ordinario issued after %(date)s, the date of the one we "
                             "have") % {"date": day(wanted["ordinario_issued_after"])})
        else:
            options.append(_("an ISEE ordinario"))
    return _("Only a declaration valid on %(on)s counts: %(options)s, with a value from "
             "%(low)s to %(high)s. An older declaration would not change the outcome.") % {
        "on": day(wanted["on"]),
        "options": (_("%(first)s or %(second)s") % {"first": options[0], "second": options[1]}
                    if len(options) == 2 else options[0]),
        "low": euro(wanted["low"]), "high": euro(wanted["high"])}


def _isee_range(step, isee):
    low = step["parameters"].get("isee_min", {})
    high = step["parameters"].get("isee_max", {})
    values = {"min": euro(low.get("value")), "max": euro(high.get("value")),
              "rule": rule_note(high or low)}
    if isee is None:
        return _("We have no valid ISEE. So we could not check that it is between %(min)s and "
                 "%(max)s.") % values
    values.update(isee=euro(isee["value_eur"]), kind=kind_label(isee["kind"]),
                  protocol=isolate(isee["protocol"]), until=day(isee["valid_until"]))
    if step["passed"]:
        return _("Your ISEE is %(isee)s (%(kind)s, protocol %(protocol)s, valid until %(until)s). "
                 "It is between %(min)s and %(max)s (%(rule)s).") % values
    return _("Your ISEE is %(isee)s (%(kind)s, protocol %(protocol)s, valid until %(until)s). It "
             "is not between %(min)s and %(max)s, including these two values (%(rule)s).") % values


def _tenancy(step, isee):
    parameter = step["parameters"].get("min_tenancy_months", {})
    months = int(parameter.get("value", 0))
    values = {"start": day(step["inputs"]["tenancy_start"]), "months": months,
              "from": day(step["inputs"]["qualifies_from"]), "on": day(step["inputs"]["on"]),
              "rule": rule_note(parameter)}
    if step["passed"]:
        return ngettext(
            "Your tenancy started on %(start)s, at least %(months)s month before %(on)s "
            "(%(rule)s).",
            "Your tenancy started on %(start)s, at least %(months)s months before %(on)s "
            "(%(rule)s).", months) % values
    return ngettext(
        "Your tenancy started on %(start)s: the call requires %(months)s month of tenancy, "
        "which you reach on %(from)s (%(rule)s).",
        "Your tenancy started on %(start)s: the call requires %(months)s months of tenancy, "
        "which you reach on %(from)s (%(rule)s).", months) % values


def _arrears(step, isee):
    parameter = step["parameters"].get("arrears_exclude_without_plan", {})
    arrears = Decimal(step["inputs"]["arrears_eur"])
    values = {"arrears": euro(arrears), "rule": rule_note(parameter)}
    if not step["passed"]:
        return _("You still owe %(arrears)s of unpaid rent (arrears) and have not signed a "
                 "repayment plan. If you sign a repayment plan with Aler, you can get the "
                 "contribution (%(rule)s).") % values
    if arrears <= 0:
        return _("You have no rent arrears.")
    if step["inputs"]["repayment_plan"]:
        return _("You still owe %(arrears)s of unpaid rent (arrears). You have signed a repayment "
                 "plan, so you can get the contribution (%(rule)s).") % values
    return _("You still owe %(arrears)s of unpaid rent (arrears). In this call you can get the "
             "contribution anyway (%(rule)s).") % values


def _heating(step, isee):
    inputs = step["inputs"]
    season = isolate(inputs["season"])
    if inputs.get("charge_eur") is None:
        return _("We have no heating charges for you for the %(season)s season.") % {
            "season": season}
    values = {"season": season, "charge": euro(inputs["charge_eur"]),
              "basis": str(dict(ChargeBasis.choices).get(inputs["basis"], inputs["basis"])),
              "aid": euro(inputs.get("other_aid_eur") or "0"),
              "base": euro(inputs["cost_base_eur"])}
    has_aid = Decimal(inputs.get("other_aid_eur") or "0") > 0
    if not step["passed"]:
        return _("Your heating costs for the %(season)s season are %(charge)s (%(basis)s). Other "
                 "heating help already pays all of it (%(aid)s).") % values
    if has_aid:
        return _("Your heating costs for the %(season)s season are %(charge)s (%(basis)s). We take "
                 "off %(aid)s of other heating help. We work out the contribution on "
                 "%(base)s.") % values
    return _("Your heating costs for the %(season)s season are %(charge)s (%(basis)s).") % values


def _amount(step, isee):
    if not step["passed"]:
        return _("You cannot get the contribution: at least one condition is not met.")
    share = step["parameters"].get("share", {})
    cap = step["parameters"].get("max_amount", {})
    values = {"share": describe("share", share.get("value", "0")), "base": euro(
        step["inputs"]["cost_base_eur"]), "max": euro(cap.get("value")),
        "amount": euro(step["inputs"]["amount_eur"]), "rule": rule_note(share or cap)}
    return _("The contribution is %(share)s of %(base)s, at most %(max)s: %(amount)s "
             "(%(rule)s).") % values


_EXPLAINERS = {
    rules.RENT_BAND: _rent_band,
    rules.ISEE_MISSING: _isee_missing,
    rules.ISEE_OUT_OF_RANGE: _isee_range,
    rules.TENANCY_TOO_SHORT: _tenancy,
    rules.ARREARS: _arrears,
    rules.NO_HEATING_COSTS: _heating,
    "amount": _amount,
}
