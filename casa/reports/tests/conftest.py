import datetime as dt
from decimal import Decimal

import pytest

from casa.registry.models import Household, Member, Unit
from casa.reports.models import Category
from conftest import FISCAL_CODES


@pytest.fixture
def neighbour_household(register):
    """A second household in building B001 (San Siro), H001's neighbour."""
    building = register["households"]["H001"].unit.building
    unit = Unit.objects.create(code="U-H004", building=building, entrance="B", floor="4",
                               door="12", rooms=2, area_sqm=Decimal("48.00"))
    household = Household.objects.create(code="H004", unit=unit,
                                         tenancy_start=dt.date(2019, 6, 1),
                                         rent_band="protezione", arrears_eur=Decimal("0"),
                                         email="h004@example.invalid", language="en")
    Member.objects.create(household=household, fiscal_code=FISCAL_CODES[3], first_name="Amina",
                          last_name="Haddad", birth_date=dt.date(1979, 2, 3), sex="F",
                          relation="head", citizenship="MA")
    return household


@pytest.fixture
def tenant(register, make_user):
    return make_user("tenant", fiscal_code=FISCAL_CODES[0])  # H001, building B001, San Siro


@pytest.fixture
def neighbour(neighbour_household, make_user):
    return make_user("tenant", fiscal_code=FISCAL_CODES[3])  # H004, building B001


@pytest.fixture
def manager(register, make_user):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def lift():
    return Category.objects.get(code="lift")
