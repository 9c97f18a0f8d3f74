"""Plain-value households and the parameters of the first call (DOMAIN.md), for rule tests."""

import datetime as dt
from decimal import Decimal

from casa.energy.rules import Charge, Household, Isee, Params

ON = dt.date(2025, 11, 20)
SEASON = "2025-26"
FIRST_CALL = Params.of(
    valid_from=dt.date(2025, 11, 1),
    eligible_bands=["protezione", "accesso"],
    isee_min="9360.01",
    isee_max="15000.00",
    isee_kinds=["ordinario", "corrente"],
    min_tenancy_months=12,
    arrears_exclude_without_plan=True,
    share="0.50",
    max_amount="600.00",
    allocation_rule="isee_ascending",
)


def ordinario(value, issued_on=dt.date(2025, 3, 1), valid_until=dt.date(2025, 12, 31),
              protocol="INPS-ISEE-2025-00000001A-00"):
    return Isee("ordinario", Decimal(value), protocol, issued_on, valid_until)


def household(*, band="protezione", isee="12000.00", tenancy_start=dt.date(2010, 5, 1),
              arrears="0", repayment_plan=False, charges=(("2025-26", "estimate", "900.00"),),
              declarations=None):
    return Household(
        rent_band=band,
        tenancy_start=tenancy_start,
        arrears=Decimal(arrears),
        repayment_plan=repayment_plan,
        isee=declarations if declarations is not None else
        ([ordinario(isee)] if isee is not None else []),
        charges=[Charge(season, basis, Decimal(amount)) for season, basis, amount in charges],
    )
