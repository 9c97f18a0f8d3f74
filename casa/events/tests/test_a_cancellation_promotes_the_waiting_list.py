"""When a registration is cancelled, by the tenant or by staff, the freed places go to the
waiting list in order, and each household promoted gets a message; a household whose
registration staff cancelled is told too. A household the tenant cancelled can register again."""

from django.urls import reverse

from casa.events.models import Registration
from casa.events.services import registration_cancel, registration_create
from casa.notifications.models import Message
from conftest import FISCAL_CODES


def kinds(household):
    return sorted(Message.objects.filter(household=household, channel="app")
                  .values_list("kind", flat=True))


def test_the_tenant_cancels_and_the_first_waiting_household_gets_the_place(
    client, register, make_user, make_event, make_household, organiser
):
    event = make_event(capacity=2, max_people=2)
    mine = register["households"]["H001"]
    registration_create(event=event, household=mine, people=2, acting_user=organiser)
    first, second = make_household(), make_household()
    waiting_first, _ = registration_create(event=event, household=first, people=2,
                                           acting_user=organiser)
    waiting_second, _ = registration_create(event=event, household=second, people=1,
                                            acting_user=organiser)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    page = client.post(reverse("events:cancel_mine", args=[event.pk]), follow=True)

    assert page.status_code == 200
    assert Registration.objects.get(household=mine).status == "cancelled"
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert (waiting_first.status, waiting_second.status) == ("confirmed", "waiting")
    assert waiting_first.confirmed_at is not None
    assert kinds(first) == ["events.promoted", "events.waiting"]
    assert kinds(second) == ["events.waiting"]
    promoted = Message.objects.get(household=first, kind="events.promoted", channel="app")
    assert "Sportello digitale" in promoted.body


def test_staff_cancel_on_the_households_behalf_and_the_household_is_told(
    register, make_event, make_household, organiser
):
    event = make_event(capacity=1, max_people=1)
    household, waiting = make_household(), make_household()
    registration, _ = registration_create(event=event, household=household, people=1,
                                          acting_user=organiser)
    next_in_line, _ = registration_create(event=event, household=waiting, people=1,
                                          acting_user=organiser)

    registration_cancel(registration=registration, acting_user=organiser)

    next_in_line.refresh_from_db()
    assert next_in_line.status == "confirmed"
    assert "events.registration_cancelled" in kinds(household)
    assert "events.promoted" in kinds(waiting)


def test_cancelling_twice_changes_nothing_more(register, make_event, make_household,
                                               organiser):
    event = make_event(capacity=1, max_people=1)
    household, waiting = make_household(), make_household()
    registration, _ = registration_create(event=event, household=household, people=1,
                                          acting_user=organiser)
    registration_create(event=event, household=waiting, people=1, acting_user=organiser)
    registration_cancel(registration=registration, acting_user=organiser)

    registration_cancel(registration=registration, acting_user=organiser)

    assert kinds(waiting) == ["events.promoted", "events.waiting"]


def test_a_household_that_cancelled_can_register_again(register, make_event, make_household,
                                                      organiser):
    event = make_event()
    household = make_household()
    registration, _ = registration_create(event=event, household=household, people=1,
                                          acting_user=organiser)
    registration_cancel(registration=registration, acting_user=organiser)

    again, created = registration_create(event=event, household=household, people=2,
                                         acting_user=organiser)

    assert created and again.status == "confirmed" and again.pk != registration.pk
