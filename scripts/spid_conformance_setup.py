"""The scratch database `make spid-test` runs AgID's spid-sp-test against: spid-sp-test's own
identity provider in the registry, and a household whose member has the fiscal code its
responses assert (AgID's synthetic GDASDV00A01H501J), so that its valid responses log someone
in. Run with the environment scripts/spid_conformance.sh sets."""

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from casa.registry.models import Building, Household, Hub, Member, Unit  # noqa: E402

call_command("spid_registry", "--file", sys.argv[1], "--kind", "spid")
hub = Hub.objects.create(code="conformance", name="Conformance", address="Via Listz 21",
                         municipality="Roma")
building = Building.objects.create(code="B-SPID", address="Via Listz 21", municipality="Roma",
                                   neighbourhood="Test", hub=hub, heating="central",
                                   managed_by="aler")
unit = Unit.objects.create(code="U-SPID", building=building, entrance="A", floor="1", door="1",
                           rooms=2, area_sqm=Decimal("50.00"))
household = Household.objects.create(code="HSPID01", unit=unit,
                                     tenancy_start=dt.date(2020, 1, 1), rent_band="protezione",
                                     arrears_eur=Decimal("0"), language="it")
Member.objects.create(household=household, fiscal_code="GDASDV00A01H501J",
                      first_name="SpidValidator", last_name="AgID",
                      birth_date=dt.date(2000, 1, 1), sex="M", relation="head",
                      citizenship="IT")
