"""Fixtures shared by the register tests."""

import pytest

from casa.registry.models import Hub


@pytest.fixture
def hubs(db):
    """The one Spazio CASA that the small test register's buildings refer to."""
    return Hub.objects.create(code="san-siro", name="San Siro", address="Piazza Selinunte 1",
                              municipality="Milano")
