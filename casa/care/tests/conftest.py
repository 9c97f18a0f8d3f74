import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casa.care import services
from casa.core.tests.test_photos_are_checked_and_cleaned import jpeg_bytes, phone_exif, sideways
from conftest import FISCAL_CODES


@pytest.fixture
def carer(register, make_user):
    """Care and vigilance staff of San Siro (building B001, household H001)."""
    return make_user("care_staff", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def other_carer(register, make_user):
    """Care and vigilance staff of Lorenteggio (building B002, household H002)."""
    return make_user("care_staff", hubs=[register["hubs"]["lorenteggio"]])


@pytest.fixture
def manager(register, make_user):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def neighbour_member(register):
    """A second person in household H001 (B001, San Siro): Anna Rossi, 84."""
    from casa.registry.models import Member

    return Member.objects.create(household=register["households"]["H001"],
                                 fiscal_code=FISCAL_CODES[3], first_name="Anna",
                                 last_name="Rossi", birth_date=dt.date(1942, 4, 10), sex="F",
                                 relation="other", citizenship="IT")


def phone_photo(name="IMG_0042.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(sideways((80, 40)), exif=phone_exif()),
                              content_type="image/jpeg")


def resident_of(user, fiscal_code=FISCAL_CODES[0], every=7, consent_on=None):
    return services.resident_register(
        fiscal_code=fiscal_code, reason="elderly_alone",
        consent_on=consent_on or dt.date.today() - dt.timedelta(days=10), consent_how="signed",
        visit_every_days=every, acting_user=user)
