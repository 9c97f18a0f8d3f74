"""The places of an event as pure functions over plain values (no ORM), so that hypothesis can
try them: where a new registration goes, and whom the waiting list promotes when places free
up. services.py applies them under a lock on the event's row."""

from collections.abc import Iterable, Sequence

CONFIRMED, WAITING = "confirmed", "waiting"


def free_places(capacity: int, taken: int) -> int:
    return max(capacity - taken, 0)


def placement(*, capacity: int, taken: int, people: int, anyone_waiting: bool) -> str:
    """A new registration is confirmed if its people fit in the free places and nobody is
    waiting already (nobody jumps the queue); otherwise it waits."""
    if not anyone_waiting and people <= free_places(capacity, taken):
        return CONFIRMED
    return WAITING


def promotions(*, capacity: int, taken: int,
               waiting: Sequence[tuple[int, int]]) -> list[int]:
    """The waiting registrations, [(id, people)] in the order they registered, that the free
    places confirm: strictly in order, so the first that does not fit stops the promotions
    (a family of four is not overtaken forever by people alone)."""
    free = free_places(capacity, taken)
    promoted = []
    for registration_id, people in waiting:
        if people > free:
            break
        promoted.append(registration_id)
        free -= people
    return promoted


def waiting_positions(waiting: Iterable[int]) -> dict[int, int]:
    """{registration id: position from 1} for the waiting registrations, given in order."""
    return {registration_id: position
            for position, registration_id in enumerate(waiting, start=1)}
