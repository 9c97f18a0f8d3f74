"""The money controls of the energy contribution, as pure functions over plain values: four eyes,
segregation of duties, the budget check and the waiting list's strict ranking.

Each control is written once, here; casa/energy/decisions.py applies them on every path that
commits or pays money (the first approval, a confirmation, a recomputation, an upheld appeal,
the waiting list). No ORM: the tests try them exhaustively (hypothesis).
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")


# --- Four eyes --------------------------------------------------------------------------------

def four_eyes_required(amount: Decimal, *, previous: Decimal, threshold: Decimal,
                       already_confirmed: Decimal) -> bool:
    """True when committing `amount` (the application's new total) needs a second person: it
    raises what was committed before (`previous`), it is above the call's `threshold`, and no
    second person has yet confirmed as much (`already_confirmed`, the largest amount confirmed
    for this application). A decrease never needs one; an amount equal to the threshold does
    not ("above")."""
    return amount > previous and amount > threshold and amount > already_confirmed


# --- The budget -------------------------------------------------------------------------------

def fits_budget(increase: Decimal, *, left: Decimal) -> bool:
    """True when the budget left covers an increase of the committed amount (a release, or no
    change, always fits). The budget can never be overspent."""
    return increase <= left


def commitment(amount: Decimal, *, paid: Decimal) -> Decimal:
    """What an application keeps committed against the budget: its amount, or what was already
    paid when that is more (an overpayment stays committed until it is recovered)."""
    return max(amount, paid)


# --- Segregation of duties --------------------------------------------------------------------

class Duty(enum.Enum):
    DECIDE = "decide"  # the first decision: approve or reject
    CONFIRM = "confirm"  # the second person's confirmation of a pending decision
    DECIDE_APPEAL = "decide_appeal"


class Conflict(enum.Enum):
    FILED_AT_DESK = "filed_at_desk"
    OWN_DECISION = "own_decision"
    TOOK_PART = "took_part"


@dataclass(frozen=True)
class Participation:
    """Who took part in an application, by user id: who filed it at a desk (None when the
    tenant applied online), who decided or confirmed any of its decisions, and who decided the
    decision waiting for confirmation."""

    filed_at_desk_by: Hashable | None = None
    deciders: frozenset = field(default_factory=frozenset)
    confirmers: frozenset = field(default_factory=frozenset)
    pending_decided_by: Hashable | None = None


def duty_conflict(duty: Duty, actor: Hashable, participation: Participation) -> Conflict | None:
    """Why `actor` may not perform `duty` on the application, or None when they may.

    - Whoever filed the application at the desk decides nothing on it: not the decision, not
      the confirmation, not an appeal.
    - The second person confirming a decision is not the one who made it.
    - An appeal is decided by someone who took part in no decision on the application."""
    if actor is None:
        return None  # the system (a recomputation, the waiting list) acts on fixed rules
    if participation.filed_at_desk_by == actor:
        return Conflict.FILED_AT_DESK
    if duty is Duty.CONFIRM and participation.pending_decided_by == actor:
        return Conflict.OWN_DECISION
    if duty is Duty.DECIDE_APPEAL and actor in (participation.deciders
                                                | participation.confirmers):
        return Conflict.TOOK_PART
    return None


# --- The waiting list -------------------------------------------------------------------------

ISEE_ASCENDING = "isee_ascending"
SUBMISSION_ORDER = "submission_order"


@dataclass(frozen=True)
class Waiting:
    """One application on the waiting list, as the ranking sees it."""

    key: Hashable
    isee: Decimal | None
    submitted_at: object  # anything ordered: a datetime
    tie: Hashable = 0  # the application's id, so that equal submissions keep one order


def ranking(items: Iterable[Waiting], rule: str) -> list[Waiting]:
    """The waiting list in the call's allocation order: lowest ISEE first (no ISEE last, ties by
    submission), or by submission."""
    if rule == ISEE_ASCENDING:
        def key(item):
            return (item.isee is None, item.isee or ZERO, item.submitted_at, item.tie)
    else:
        def key(item):
            return (item.submitted_at, item.tie)
    return sorted(items, key=key)


@dataclass(frozen=True)
class Candidate:
    """A ranked application as the allocation sees it today: the rule worked out again."""

    key: Hashable
    eligible: bool
    amount: Decimal


def allocate(ranked: Iterable[Candidate], *, left: Decimal) -> list[Hashable]:
    """The keys to approve from the ranked waiting list with `left` euro. The ranking is strict:
    when the next eligible application does not fit, the ones after it wait too, even smaller
    ones. An application the rule no longer finds eligible is skipped (an officer looks at
    it) and does not hold up the others. `ranked` may be a generator: it is read only as far
    as the allocation goes."""
    approved = []
    for candidate in ranked:
        if not candidate.eligible:
            continue
        if not fits_budget(candidate.amount, left=left):
            break
        approved.append(candidate.key)
        left -= candidate.amount
    return approved
