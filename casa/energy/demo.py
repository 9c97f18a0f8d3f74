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
        acting_user=acting_user or "seed_demo",
    )
