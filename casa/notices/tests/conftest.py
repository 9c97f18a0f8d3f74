"""Fixtures for the notices' tests: staff who publish, and `publish` through the service."""

import pytest

from casa.notices.services import notice_publish


@pytest.fixture
def manager(register, make_user):
    """A Community Manager of San Siro (building B001, household H001)."""
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def programme_manager(make_user):
    return make_user("programme_manager")


@pytest.fixture
def publish(programme_manager):
    """publish(**values) -> a notice published through the service (to everyone, now, by the
    programme manager, unless told otherwise)."""

    def make(**values):
        values.setdefault("title", "Lavori in corso")
        values.setdefault("body", "Testo dell'avviso.")
        values.setdefault("audience", "everyone")
        values.setdefault("acting_user", programme_manager)
        return notice_publish(**values)

    return make
