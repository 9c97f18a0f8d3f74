"""The demo call `energia-2025-26`, with the values of the first calls (DOMAIN.md)."""

import datetime as dt
from decimal import Decimal

from .models import Call
from .services import call_create, default_window

DEMO_CALL_CODE = "energia-2025-26"
DEMO_PARAMETERS = {
    "eligible_bands": ["protezione", "accesso"],
    "isee_min": "9360.01",
    "isee_max": "15000.00",
    "isee_kinds": ["ordinario", "corrente"],
    "min_tenancy_months": 12,
    "arrears_exclude_without_plan": True,
    "share": "0.50",
    "max_amount": "600.00",
    "allocation_rule": "isee_ascending",
}
LEGAL_REFERENCE = ("PR FSE+ 2021-27 Regione Lombardia, azione L.1; avviso Aler Milano "
                   "contributo energetico 2025-26 (demo)")


def create_demo_call(*, budget_eur=Decimal("250000.00"), today=None, acting_user=None):
    """The open demo call; returns the existing one if it is already there."""
    existing = Call.objects.filter(code=DEMO_CALL_CODE).first()
    if existing is not None:
        return existing
    opens_at, closes_at = default_window(today)
    return call_create(
        code=DEMO_CALL_CODE,
        title="Contributo energetico 2025-26",
        season="2025-26",
        opens_at=opens_at,
        closes_at=closes_at,
        budget_eur=budget_eur,
        parameters=DEMO_PARAMETERS,
        valid_from=dt.date(2025, 11, 1),
        legal_reference=LEGAL_REFERENCE,
        confirm_past=True,  # the demo's values date from the call's first season
        acting_user=acting_user or "seed_demo",
    )


# --- Demo applications ------------------------------------------------------------------------

# How many applications the demo puts in each state, in the order the states are filled: every
# state gets its first one before any gets a second, so that a small register still shows them
# all. The budget (250,000 €) covers every eligible household of the demo register, so nobody is
# on the waiting list: the waiting list shows up only when an officer lowers the budget.
DEMO_STATES = (
    ("paid", 3),
    ("approved", 5),
    ("awaiting_confirmation", 2),
    ("needs_information", 2),
    ("under_review", 2),
    ("submitted", 3),
)
DEMO_REJECTED = 3
# The states of the applications paid by bank transfer (autonomous heating, with an IBAN).
DEMO_TRANSFER_STATES = ("paid", "approved")
# What the demo officer writes: data, in Italian like the call's title, not interface text.
DEMO_INFORMATION_REQUEST = ("Inviate l'attestazione ISEE rilasciata quest'anno, con il numero di "
                            "protocollo della DSU: ci serve per verificare la domanda.")
DEMO_REJECTION_NOTE = "Verificato con l'anagrafe dell'utenza di Aler Milano."


def demo_iban(number: int) -> str:
    """A valid, invented Italian IBAN (the bank code of the usual example), one per number."""
    from stdnum import iban as stdnum_iban

    bban = f"X0542811101{number:012d}"
    return f"IT{stdnum_iban.calc_check_digits(f'IT00{bban}')}{bban}"


def _submit(call, household, *, actor, channel, number):
    from .applying import DECLARATION_CODES, application_submit, needs_iban
    from .models import Channel, IdentityDocument

    people = household.members.current()
    head = people.filter(relation="head").first() or people.first()
    iban = demo_iban(number) if needs_iban(household) else ""
    identity = ({"document": IdentityDocument.IDENTITY_CARD, "number": f"CA{number:05d}AA",
                 "read_and_signed": True} if channel == Channel.ASSISTED else None)
    return application_submit(
        call=call, household=household, acting_user=actor, channel=channel, iban=iban,
        iban_holder=head.fiscal_code if iban and head else "", identity=identity,
        declarations=DECLARATION_CODES)


def _approve(application, *, officer, approver):
    from .decisions import application_confirm, application_decide
    from .models import ApplicationStatus

    application_decide(application=application, approve=True, acting_user=officer)
    application.refresh_from_db()
    if application.status == ApplicationStatus.AWAITING_CONFIRMATION:
        application_confirm(application=application, acting_user=approver)
        application.refresh_from_db()
    return application


def _to_state(application, state, *, officer, approver):
    """Move a submitted application to `state` ("paid" ends as approved: the run pays it)."""
    from .decisions import (
        application_decide,
        application_request_information,
        application_start_review,
    )

    if state in ("paid", "approved"):
        return _approve(application, officer=officer, approver=approver)
    if state == "awaiting_confirmation":
        application_decide(application=application, approve=True, acting_user=officer)
    elif state == "needs_information":
        application_request_information(application=application,
                                        message=DEMO_INFORMATION_REQUEST, acting_user=officer)
    elif state == "under_review":
        application_start_review(application=application, acting_user=officer)
    elif state == "rejected":
        application_decide(application=application, approve=False, note=DEMO_REJECTION_NOTE,
                           acting_user=officer)
    application.refresh_from_db()
    return application


def demo_counts(call) -> dict[str, int]:
    from django.db.models import Count

    from .models import Application

    return dict(Application.objects.filter(call=call).values_list("status")
                .annotate(n=Count("id")).order_by("status"))


def create_demo_applications(*, call, officer, approver, assistants, desk, tenants=(), seed=1
                             ) -> dict[str, int]:
    """Applications of the demo call in every state, through the real services: submitted at a
    Spazio CASA desk by the community manager of the household's hub (`assistants`), at the
    central desk (`desk`, who then decides nothing on them) for a home outside the Spazi
    CASA, or online by the demo `tenants` (users); reviewed by `officer`, confirmed by
    `approver`; a first payment run, delivered and confirmed, then more approvals after it.
    The first tenant's application ends paid (rejected when the rule finds them not
    eligible), the second's waits for information from them. Households of other tenant
    accounts get none, so that a newcomer can apply. The budget is left as it is: it covers
    every eligible household of the demo register, so nobody is on the waiting list.
    Deterministic for `seed`; when the call already has applications nothing is created.
    Returns the count per status."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from casa.accounts.models import User
    from casa.registry.models import ChargeBasis, HeatingCharge, Household, Member

    from . import rules
    from .applying import needs_iban
    from .invitations import invite_eligible
    from .models import Application, Channel
    from .payments import mark_delivered, payment_run, payment_run_confirm
    from .screening import register_rows

    if Application.objects.filter(call=call).exists():
        return demo_counts(call)
    today = timezone.localdate()
    params = call.params_at(today)
    desks = {}
    for assistant in assistants:
        for hub in assistant.hubs.order_by("code"):
            desks.setdefault(hub.pk, assistant)
    account_codes = set(Member.objects.current().filter(
        fiscal_code__in=User.objects.exclude(fiscal_code=None).values("fiscal_code"))
        .values_list("household__code", flat=True))
    eligible, ineligible, no_costs, amounts = [], [], [], {}
    for row in register_rows(season=call.season, on=today):
        if row.code in account_codes:
            continue
        outcome = rules.evaluate(row.facts, params, season=call.season, on=today,
                                 with_trace=False)
        if list(outcome.reasons) == [rules.NO_HEATING_COSTS]:
            no_costs.append(row.code)
        elif row.hub_id not in desks:
            continue
        elif outcome.eligible:
            eligible.append(row.code)
            amounts[row.code] = outcome.amount
        else:
            ineligible.append(row.code)
    rng = random.Random(seed)
    rng.shuffle(eligible)
    rng.shuffle(ineligible)
    rng.shuffle(no_costs)
    ineligible = ineligible[:DEMO_REJECTED]
    households = Household.objects.select_related("unit__building").in_bulk(
        [*eligible, *ineligible, *no_costs], field_name="code")
    # Homes with autonomous heating are paid by bank transfer, with the IBAN of the
    # application; but the register bills heating only to a few of them (a shared service), and
    # none of those is eligible in a small register. Two of them get such a charge, so that
    # the demo shows transfers: one paid, one approved and still to pay. Their buildings are
    # mostly outside the Spazi CASA: the benefit officer takes their application.
    by_transfer = [households[code] for code in no_costs
                   if needs_iban(households[code])][:len(DEMO_TRANSFER_STATES)]
    plan = []  # (household, state)
    for round_ in range(max(count for _state, count in DEMO_STATES)):
        for state, count in DEMO_STATES:
            if round_ < count and eligible:
                # Waiting for confirmation: an amount above the call's threshold.
                pick = next((code for code in eligible
                             if state != "awaiting_confirmation"
                             or amounts[code] > call.four_eyes_above_eur), None)
                if pick is not None:
                    eligible.remove(pick)
                    plan.append((households[pick], state))
    plan += [(households[code], "rejected") for code in ineligible]
    plan += list(zip(by_transfer, DEMO_TRANSFER_STATES, strict=False))

    # The eligible households were invited first, as a programme does when the call opens: the
    # newcomer tenant finds the invitation among their messages.
    invite_eligible(call=call, on=today, acting_user=officer, inline_limit=None)
    with transaction.atomic():
        for index, household in enumerate(by_transfer):
            HeatingCharge.objects.get_or_create(
                household=household, season=call.season, basis=ChargeBasis.ESTIMATE,
                defaults={"amount_eur": Decimal("420.00") + 60 * index})
        applications = []
        for number, (household, state) in enumerate(plan, start=1):
            application = _submit(call, household, channel=Channel.ASSISTED, number=number,
                                  actor=desks.get(household.unit.building.hub_id, desk))
            applications.append((application, state))
        for index, tenant in enumerate(tenants[:2]):
            household = (Member.objects.current().filter(fiscal_code=tenant.fiscal_code,
                                                         household__tenancy_end=None)
                         .select_related("household__unit__building").first().household)
            application = _submit(call, household, actor=tenant, channel=Channel.ONLINE,
                                  number=900 + index)
            state = ("needs_information" if index else
                     "rejected" if application.reasons else "paid")
            applications.append((application, state))
        for application, state in applications:
            if state == "paid":
                _to_state(application, state, officer=officer, approver=approver)
        run = payment_run(call=call, acting_user=officer)
        if run.pk is not None:
            mark_delivered(run, actor=officer)
            payment_run_confirm(run=run, executed_on=today, reference="DEMO-0001",
                                acting_user=officer)
        for application, state in applications:
            if state != "paid":
                _to_state(application, state, officer=officer, approver=approver)
    return demo_counts(call)
