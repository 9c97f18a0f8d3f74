"""Case files' fixtures: the register of the root conftest (H001 at San Siro, H002 at
Lorenteggio), a Community Manager of each hub, San Siro's social coordinator and care staff, and
H001's tenant. Cases are opened through the real services."""

import pytest

from casa.casework import services
from conftest import FISCAL_CODES


@pytest.fixture
def people(register, make_user):
    hubs = register["hubs"]
    return {
        "manager": make_user("community_manager", hubs=[hubs["san-siro"]],
                             email="cm@example.invalid"),
        "colleague": make_user("community_manager", hubs=[hubs["san-siro"]],
                               email="cm2@example.invalid"),
        "other_hub": make_user("community_manager", hubs=[hubs["lorenteggio"]],
                               email="cm-lorenteggio@example.invalid"),
        "coordinator": make_user("social_coordinator", hubs=[hubs["san-siro"]],
                                 email="coordinator@example.invalid"),
        "care": make_user("care_staff", hubs=[hubs["san-siro"]], email="care@example.invalid"),
        "tenant": make_user("tenant", fiscal_code=FISCAL_CODES[0]),
    }


@pytest.fixture
def case(register, people):
    """An open case for household H001 (San Siro), owned by `manager`."""
    return services.case_open(household=register["households"]["H001"], reason="arrears",
                              acting_user=people["manager"])
