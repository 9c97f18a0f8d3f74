"""A year after a call-back request was asked, once it is closed, its number, the tenant's note
and what was agreed go (casa/appointments/retention.py); the request stays (hub, topic,
status) for the counts. An open request keeps them, however old."""

import datetime as dt

from casa.appointments import services
from casa.appointments.models import CallbackRequest
from casa.core import retention

from .helpers import MONDAY, at, rome


def apply(now):
    return retention.apply(retention.POLICIES["appointments.callback"], now=now).done


def test_a_closed_request_loses_its_number_a_year_after_it_was_asked(hub, household, manager,
                                                                     tenant):
    asked = rome(MONDAY, 8)
    with at(asked):
        done = services.callback_ask(household=household, topic="bills", phone="3331234567",
                                     note="Mio figlio è in ospedale", acting_user=tenant)
        waiting = services.callback_ask(household=household, topic="isee", phone="3331234567",
                                        note="Per l'ISEE", acting_user=tenant)
    with at(asked + dt.timedelta(hours=2)):
        services.callback_done(callback=done, outcome="Rateizzazione in 12 mesi",
                               acting_user=manager)
    year_later = asked.replace(year=asked.year + 1)

    assert apply(year_later) == 0
    assert CallbackRequest.objects.get(pk=done.pk).phone == "3331234567"
    assert apply(year_later + dt.timedelta(seconds=1)) == 1

    done = CallbackRequest.objects.get(pk=done.pk)
    assert (done.phone, done.note, done.outcome) == ("", "", "")
    assert (done.topic, done.status, done.household, done.hub) == ("bills", "done", household,
                                                                   hub)
    waiting = CallbackRequest.objects.get(pk=waiting.pk)
    assert (waiting.phone, waiting.note) == ("3331234567", "Per l'ISEE")
    assert apply(year_later + dt.timedelta(days=400)) == 0
