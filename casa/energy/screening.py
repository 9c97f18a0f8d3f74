"""Screening the register: the rule over every current household, read in chunks so memory
stays flat, for the screening CSV, the back-office totals and the what-if simulation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q

from casa.core.spreadsheet import csv_writer
from casa.registry.models import HeatingCharge, Household, IseeDeclaration

from . import rules

CSV_COLUMNS = ["household_code", "eligible", "amount_eur", "isee_eur", "reasons"]


@dataclass(frozen=True)
class Row:
    """One household as the rule sees it, with what screening reports group by."""

    household_id: int
    code: str
    hub_id: int | None
    facts: rules.Household


def _reader(using):
    """(fetch, money): how to read a values_list queryset's rows, and how to turn one of its
    money columns into a Decimal. On SQLite, Django converts each stored number to Decimal
    through several calls, which was a third of a 100,000-household screening: there the rows
    are read through the cursor (dates and booleans come converted by the driver) and `money`
    does Django's conversion. SQLite returns the float of the stored two-decimal text, whose
    shortest repr is that text. Elsewhere the driver returns Decimal and Django's path is used."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return list, _same

    def fetch(queryset):
        try:
            sql, params = queryset.query.get_compiler(using).as_sql()
        except EmptyResultSet:
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return fetch, _sqlite_money


def _same(value):
    return value


def _sqlite_money(value, cent=rules.CENT):
    return None if value is None else Decimal(str(value)).quantize(cent)


def register_rows(*, season: str, on: dt.date, chunk_size: int = 20000,
                  household_filter: Q | None = None) -> Iterator[Row]:
    """Every household whose tenancy is current on `on`, with the ISEE declarations valid that
    day and the heating charges of `season`. Three queries per chunk of households."""
    households = Household.objects.filter(Q(tenancy_end__isnull=True) | Q(tenancy_end__gt=on))
    if household_filter is not None:
        households = households.filter(household_filter)
    fetch, money = _reader(households.db)
    columns = ("id", "code", "rent_band", "tenancy_start", "arrears_eur", "repayment_plan",
               "unit__building__hub_id")
    Isee, Charge, Facts = rules.Isee, rules.Charge, rules.Household
    last_id = 0
    while True:
        chunk = fetch(households.filter(id__gt=last_id).order_by("id")
                      .values_list(*columns)[:chunk_size])
        if not chunk:
            return
        first_id, last_id = chunk[0][0], chunk[-1][0]
        in_chunk = {"household_id__gte": first_id, "household_id__lte": last_id}
        isee = defaultdict(list)
        for household_id, kind, value, protocol, issued_on, valid_until in fetch(
            IseeDeclaration.objects.filter(issued_on__lte=on, valid_until__gte=on, **in_chunk)
            .values_list("household_id", "kind", "value_eur", "dsu_protocol", "issued_on",
                         "valid_until")
        ):
            isee[household_id].append(Isee(kind, money(value), protocol, issued_on,
                                           valid_until))
        charges = defaultdict(list)
        for household_id, basis, amount, other_aid in fetch(
            HeatingCharge.objects.filter(season=season, **in_chunk)
            .values_list("household_id", "basis", "amount_eur", "other_aid_eur")
        ):
            charges[household_id].append(Charge(season, basis, money(amount), money(other_aid)))
        no_isee = no_charges = ()
        for household_id, code, band, start, arrears, plan, hub_id in chunk:
            yield Row(household_id, code, hub_id, Facts(
                band, start, money(arrears), plan,
                isee.get(household_id, no_isee), charges.get(household_id, no_charges)))


@dataclass
class Totals:
    households: int = 0
    eligible: int = 0
    amount: Decimal = rules.ZERO

    def add(self, outcome: rules.Outcome):
        self.households += 1
        if outcome.eligible:
            self.eligible += 1
            self.amount += outcome.amount


def outcome_csv_row(code: str, outcome: rules.Outcome) -> list[str]:
    return [
        code,
        "true" if outcome.eligible else "false",
        f"{outcome.amount:.2f}",
        f"{outcome.isee.value:.2f}" if outcome.isee else "",
        ";".join(outcome.reasons),
    ]


def screen_to_csv(call, *, on: dt.date, out) -> Totals:
    """Write the screening of `call` on `on` to the text stream `out`; return the totals."""
    params = call.params_at(on)
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    totals = Totals()
    for row in register_rows(season=call.season, on=on):
        outcome = rules.evaluate(row.facts, params, season=call.season, on=on, with_trace=False)
        totals.add(outcome)
        writer.writerow(outcome_csv_row(row.code, outcome))
    return totals
