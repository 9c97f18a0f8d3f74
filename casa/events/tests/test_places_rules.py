"""The rules of an event's places, tried with hypothesis: a new registration is confirmed only
if it fits and nobody waits; the waiting list is served strictly in order and never confirms
more people than the free places."""

from hypothesis import given
from hypothesis import strategies as st

from casa.events import rules

people = st.integers(min_value=1, max_value=6)


@given(capacity=st.integers(1, 60), taken=st.integers(0, 60), wanted=people,
       anyone_waiting=st.booleans())
def test_a_registration_is_confirmed_only_if_it_fits_and_nobody_waits(capacity, taken,
                                                                      wanted, anyone_waiting):
    status = rules.placement(capacity=capacity, taken=taken, people=wanted,
                             anyone_waiting=anyone_waiting)

    fits = taken + wanted <= capacity
    assert (status == rules.CONFIRMED) == (fits and not anyone_waiting)


@given(capacity=st.integers(1, 60), taken=st.integers(0, 60),
       waiting=st.lists(people, max_size=20))
def test_promotions_fill_the_free_places_in_order_and_never_more(capacity, taken, waiting):
    queue = list(enumerate(waiting, start=1))

    promoted = rules.promotions(capacity=capacity, taken=taken, waiting=queue)

    # A prefix of the queue: nobody is overtaken.
    assert promoted == [registration_id for registration_id, _ in queue[:len(promoted)]]
    confirmed = sum(size for registration_id, size in queue if registration_id in promoted)
    assert confirmed <= rules.free_places(capacity, taken)
    # The next one in the queue, if any, did not fit.
    if len(promoted) < len(queue):
        assert queue[len(promoted)][1] > rules.free_places(capacity, taken) - confirmed


def test_waiting_positions_count_from_one():
    assert rules.waiting_positions([7, 3, 9]) == {7: 1, 3: 2, 9: 3}
