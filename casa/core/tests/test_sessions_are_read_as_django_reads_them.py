"""CASA's session store (casa/core/sessions.py) reads a session exactly as Django's database
store does: the data of an unexpired session; nothing, and a new key, for an expired, unknown
or malformed one."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from casa.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(**data):
    session = db.SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def both_read(key):
    ours, django = SessionStore(key), db.SessionStore(key)
    loaded = ours.load(), django.load()
    assert loaded[0] == loaded[1]
    assert ours.session_key == django.session_key
    return loaded[0], ours.session_key


def test_a_live_session_gives_its_data():
    key = saved(cart="energia", step=2)
    assert both_read(key) == ({"cart": "energia", "step": 2}, key)


@pytest.mark.parametrize("seconds", [-1, 0])
def test_an_expired_session_gives_nothing(seconds):
    key = saved(user="someone")
    now = timezone.now()
    Session.objects.filter(session_key=key).update(expire_date=now + dt.timedelta(seconds=seconds))
    with time_machine.travel(now, tick=False):
        assert both_read(key) == ({}, None)


def test_a_session_a_second_before_it_expires_still_reads():
    key = saved(user="someone")
    now = timezone.now()
    Session.objects.filter(session_key=key).update(expire_date=now + dt.timedelta(seconds=1))
    with time_machine.travel(now, tick=False):
        assert both_read(key) == ({"user": "someone"}, key)


@pytest.mark.parametrize("key", ["x" * 32, "short", "", None])
def test_an_unknown_or_malformed_key_gives_nothing(key):
    saved(user="someone")
    assert both_read(key) == ({}, None)
