"""The energy contribution's periodic job (casa/core/periodic.py): every 10 minutes, finish
the recomputations a register import left pending (a worker killed in the middle)."""

import datetime as dt

from casa.core import periodic

from .recompute import run_pending

ACTOR = "energy_recompute"


def recompute_pending():
    return f"{len(run_pending(acting_user=ACTOR))} application(s) changed"


periodic.register("energy.recompute_pending", every=dt.timedelta(minutes=10),
                  function=recompute_pending)
