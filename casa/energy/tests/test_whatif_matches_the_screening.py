"""With no value changed, the what-if totals are the screening's: the same rule over the same
register, read the same way."""

import csv
from decimal import Decimal

from django.core.management import call_command

from casa.energy.demo import create_demo_call
from casa.energy.tests.backoffice import ON
from casa.energy.whatif import WhatIfForm, simulate
from casa.registry.demo import create_hubs, write_register_csv
from casa.registry.importing import import_registry


def test_the_unchanged_scenario_has_the_totals_of_the_energy_screen_csv(db, tmp_path):
    create_hubs()
    write_register_csv(tmp_path / "register", households=400, seed=7)
    assert not import_registry(tmp_path / "register").rejected_rows
    call = create_demo_call(today=ON)
    out = tmp_path / "screening.csv"
    call_command("energy_screen", "--call", call.code, "--as-of", ON.isoformat(), "--out", out)
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    eligible = [row for row in rows if row["eligible"] == "true"]
    assert eligible, "the generated register should have eligible households"

    # The form's values for the call as it is, as a programme manager would submit them.
    form = WhatIfForm(WhatIfForm.initial_for(call.params_at(ON), ON))
    assert form.is_valid(), form.errors
    result = simulate(call=call, on=ON, overrides=form.overrides())

    assert result.changed == {}
    assert result.households == len(rows)
    total = sum(Decimal(row["amount_eur"]) for row in eligible)
    for scenario in (result.total.current, result.total.simulated):
        assert scenario.eligible == len(eligible)
        assert scenario.amount == total
    assert (result.gained, result.lost) == (0, 0)
    assert sum(line.current.eligible for line in result.by_band) == len(eligible)
    assert sum(line.current.amount for line in result.by_hub) == total
