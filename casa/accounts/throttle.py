"""Wrong passwords slow an account down; they never lock it.

Per account (the address typed at login): the first `CASA_LOGIN_FREE_FAILURES` wrong passwords
cost nothing. From then on each attempt waits before the next one: `CASA_LOGIN_FIRST_DELAY`
seconds, doubling with every further failure up to `CASA_LOGIN_LONGEST_DELAY`. An attempt made
during the wait is refused without looking at the password and does not count, so nobody can
lengthen somebody else's wait by hammering. The right password after the wait logs in and
forgets the failures, and so does a password reset link (signals.py): tenants have no second
factor, and a hard lock would keep them out.

The state lives in the default cache (the database cache, shared by every server process);
`CASA_LOGIN_FAILURES_KEPT` seconds after the last failure it is forgotten.

The limit per client address is allauth's rate limit "password_failed" (adapter.py, with the
client address from the trusted proxy settings in settings.py).
"""

import hashlib
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

LOCK_TIMEOUT = 10  # seconds a crashed request can hold an account's lock
LOCK_WAIT = 2  # seconds a request waits for another attempt on the same account


def now():
    """The clock, as a function so that tests can move it."""
    return time.time()


def delay_after(failures, *, free, first, longest):
    """Seconds to wait after `failures` wrong passwords in a row: none for the first `free`
    ones, then `first`, doubling up to `longest`."""
    if failures < free:
        return 0
    return min(first * 2 ** (failures - free), longest)


@dataclass
class Attempt:
    """The answer to "may this login try a password now?": `wait` is 0 when it may, else the
    seconds left (rounded up)."""

    wait: int

    @property
    def allowed(self):
        return self.wait == 0


def _key(login):
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return f"casa:login-throttle:{digest}"


@contextmanager
def _locked(key):
    """Serialise the attempts on one account across processes (the cache's add is atomic)."""
    lock = f"{key}:lock"
    deadline = time.monotonic() + LOCK_WAIT
    while not cache.add(lock, 1, timeout=LOCK_TIMEOUT):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.02)
    try:
        yield True
    finally:
        cache.delete(lock)


def _delay(failures):
    return delay_after(failures, free=settings.CASA_LOGIN_FREE_FAILURES,
                       first=settings.CASA_LOGIN_FIRST_DELAY,
                       longest=settings.CASA_LOGIN_LONGEST_DELAY)


def claim(login):
    """Ask to try a password for `login`. When allowed, the attempt counts as a failure in
    advance (so that parallel attempts cannot all slip through one opening); `forget`
    clears it when the password is right."""
    key = _key(login)
    with _locked(key) as locked:
        if not locked:
            return Attempt(wait=LOCK_WAIT)
        failures, not_before = cache.get(key, (0, 0))
        moment = now()
        if moment < not_before:
            return Attempt(wait=math.ceil(not_before - moment))
        failures += 1
        cache.set(key, (failures, moment + _delay(failures)),
                  timeout=settings.CASA_LOGIN_FAILURES_KEPT)
        return Attempt(wait=0)


def wait_text(seconds):
    """'30 seconds', '2 minutes' (rounded up) in the active language."""
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def failures(login):
    """Wrong passwords in a row for `login` (for tests and support)."""
    return cache.get(_key(login), (0, 0))[0]


def forget(login):
    """The right password, or a new one: the account's failures are forgotten."""
    cache.delete(_key(login))
