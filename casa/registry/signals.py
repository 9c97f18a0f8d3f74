"""Signals the register sends to other apps, so that the register knows nothing about them."""

from django.dispatch import Signal

# Sent once an import that created or changed heating charges has committed, with
# `household_ids` (a list of Household ids) and `actor` (who ran the import). The energy
# contribution recomputes those households' decisions on the new costs.
heating_charges_changed = Signal()
