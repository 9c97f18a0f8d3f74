"""Shared test fixtures. The test environment itself is set in casa/testing.py."""

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production hasher costs ~0.5 s a user; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores files (letters, uploads) in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages: ids and change counts start again with each
    test's database, so an earlier test's page could otherwise match a key."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def italian_by_default():
    """Each test starts in Italian, the default language, whatever an earlier test's request
    left active in the thread."""
    from django.utils import translation

    with translation.override("it"):
        yield


@pytest.fixture
def english():
    """Run a test in English, for tests that check wording (Italian is the default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


# Valid synthetic fiscal codes (check digit correct), for tests that need real-looking people.
FISCAL_CODES = ["RSSMRA80A01F205X", "BNCLRA85M41F205C", "VRDGPP70C15H501K", "NREPLA92D50F205U"]


@pytest.fixture
def register(db):
    """A tiny register: two hubs, a building in each, one household per building, and one
    building with no hub."""
    from casa.registry.models import Building, Household, Hub, Member, Unit

    def household(code, building, fiscal_code, band="protezione", last_name="Rossi"):
        unit = Unit.objects.create(code=f"U-{code}", building=building, entrance="A",
                                   floor="2", door="5", rooms=3, area_sqm=Decimal("62.50"))
        hh = Household.objects.create(code=code, unit=unit, tenancy_start=dt.date(2015, 3, 1),
                                      rent_band=band, arrears_eur=Decimal("0"),
                                      email=f"{code.lower()}@example.invalid", language="it")
        Member.objects.create(household=hh, fiscal_code=fiscal_code, first_name="Mario",
                              last_name=last_name, birth_date=dt.date(1980, 1, 1), sex="M",
                              relation="head", citizenship="IT")
        return hh

    san_siro = Hub.objects.create(code="san-siro", name="San Siro", address="Piazza Selinunte 1",
                                  municipality="Milano")
    lorenteggio = Hub.objects.create(code="lorenteggio", name="Lorenteggio",
                                     address="Via Odazio 9", municipality="Milano")
    b1 = Building.objects.create(code="B001", address="Via Zamagna 5", municipality="Milano",
                                 neighbourhood="San Siro", hub=san_siro, heating="central",
                                 managed_by="aler")
    b2 = Building.objects.create(code="B002", address="Via Giambellino 140",
                                 municipality="Milano", neighbourhood="Lorenteggio",
                                 hub=lorenteggio, heating="autonomous", managed_by="aler")
    b3 = Building.objects.create(code="B003", address="Via Roma 1", municipality="Rozzano",
                                 heating="central", managed_by="administrator")
    return {
        "hubs": {"san-siro": san_siro, "lorenteggio": lorenteggio},
        "households": {
            "H001": household("H001", b1, FISCAL_CODES[0], last_name="Rossi"),
            "H002": household("H002", b2, FISCAL_CODES[1], band="accesso", last_name="Bianchi"),
            "H003": household("H003", b3, FISCAL_CODES[2], band="permanenza",
                              last_name="Verdi"),
        },
    }


@pytest.fixture
def make_user(db):
    """make_user(role, hubs=(), fiscal_code=None) -> a user with password 'test-pass-123'."""
    from casa.accounts.models import User

    def make(role, *, hubs=(), fiscal_code=None, email=None):
        user = User.objects.create_user(
            email=email or f"{role}-{User.objects.count()}@example.invalid",
            password="test-pass-123", role=role, fiscal_code=fiscal_code,
            first_name="Test", last_name=role.replace("_", " ").title(),
        )
        user.hubs.set(hubs)
        return user

    return make


# --- Tests that cannot use the database run once (CI's PostgreSQL run) ----------------------
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="Leave out the tests that cannot use the database (no db fixture, no django_db "
             "mark: pytest-django refuses them any query), except those marked postgres (they "
             "reach PostgreSQL their own way). CI's second run, on PostgreSQL, uses it: the "
             "others gave their answer in the SQLite run already.")


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    kept, left_out = [], []
    for item in items:
        uses_database = (DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
                         or item.get_closest_marker("django_db") is not None
                         or item.get_closest_marker("postgres") is not None)
        (kept if uses_database else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
