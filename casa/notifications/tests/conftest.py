"""Fixtures for the notification tests: a household to write to, a way to send it an
invitation, and the task backends the tests choose between."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from casa.notifications.services import notify

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails as SMTP would."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


BROKEN_MAIL_SERVER = "casa.notifications.tests.conftest.BrokenMailServer"


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as soon as they are queued (after the transaction commits)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database queue until `db_worker` runs them (the production setup)."""
    settings.TASKS = DATABASE


@pytest.fixture
def household(register):
    return register["households"]["H001"]


@pytest.fixture
def invite(make_user):
    """invite(household, **overrides) -> the messages of an energy invitation."""
    officer = make_user("benefit_officer")

    def send(household, **overrides):
        arguments = {
            "kind": "energy.invitation",
            "household": household,
            "context": {"call_title": "Energia 2025-26", "amount_eur": Decimal("1234.50"),
                        "closes_at": dt.date(2025, 12, 23)},
            "link": "/energy/calls/energia-2025-26/",
            "actor": officer,
        }
        arguments.update(overrides)
        return notify(**arguments)

    return send
