"""Signals the hubs send to the apps above them, so that the hubs know nothing about them.

Both are sent inside the transaction that writes the record, so that what a receiver does
(casa/appointments cancels the bookings a closure hits, and tells the tenants) commits or
rolls back with it. Receivers take `acting_user` (who entered it).
"""

from django.dispatch import Signal

# A hub closes from `closure.starts_on` to `closure.ends_on`: sent with `closure`,
# `acting_user`.
closure_added = Signal()

# A staff member is away from `absence.starts_on` to `absence.ends_on`: sent with `absence`,
# `acting_user`.
absence_added = Signal()
