"""Helpers for the review tests: the demo call with a chosen budget and threshold, eligible
households, and applications submitted through application_submit (see fixtures.py)."""

from casa.energy.models import Channel

from .fixtures import demo_call, household, submit


def review_call(*, budget="1000.00", four_eyes_above="300.00"):
    return demo_call(budget=budget, four_eyes_above=four_eyes_above)


def application(call, household, *, submitter, minutes=0, channel=Channel.ONLINE):
    """An application submitted on ON at noon (Europe/Rome) plus `minutes`."""
    return submit(call, household, by=submitter, channel=channel, minutes=minutes)


__all__ = ["application", "household", "review_call"]
