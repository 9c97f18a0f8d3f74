"""Before anything is typed, the apply form shows the ISEE the rule uses today and why: with a
valid corrente and an ordinario on file, the corrente's value (rules.isee_choice), even when
the ordinario was issued after it; the ordinario is named only as set aside, never as the
register's ISEE."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from casa.energy.applying import DECLARATION_CODES, check_application
from casa.registry.models import IseeDeclaration

from .backoffice import ON, login
from .fixtures import at_noon, clock, demo_call, household, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CORRENTE = "INPS-ISEE-2025-00000011C-00"
ORDINARIO = "INPS-ISEE-2025-00000022D-00"


@pytest.fixture
def corrente_and_ordinario():
    """On ON, a corrente of 11,000 € issued in June and an ordinario of 16,000 € issued in
    July are both valid: the corrente counts."""
    home = household(isee=None, charge="600.00")
    IseeDeclaration.objects.create(household=home, kind="corrente", value_eur=Decimal("11000"),
                                   dsu_protocol=CORRENTE, issued_on=dt.date(2025, 6, 1),
                                   valid_until=dt.date(2025, 12, 1))
    IseeDeclaration.objects.create(household=home, kind="ordinario", value_eur=Decimal("16000"),
                                   dsu_protocol=ORDINARIO, issued_on=dt.date(2025, 7, 1),
                                   valid_until=dt.date(2025, 12, 31))
    return home


def register_isee_block(html):
    found = re.search(r'id="register-isee">(.*?)</dd>', html, re.S)
    assert found, "the form has no #register-isee block"
    text = re.sub(r"<[^>]+>", " ", found.group(1))  # the text, without its tags
    return re.sub(r"[ \t\n]+", " ", text).strip()  # no-break spaces kept


def test_the_form_shows_the_corrente_the_rule_uses_and_why(client, corrente_and_ordinario):
    home = corrente_and_ordinario
    with clock(at_noon(day=ON)):
        call = demo_call()
        login(client, user("tenant", fiscal_code=home.members.get().fiscal_code))
        html = client.get(reverse("energy:apply", args=[call.code])).content.decode()
        rule = check_application(call=call, household=home,
                                 declarations=DECLARATION_CODES).outcome

    shown = register_isee_block(html)
    used, _, set_aside = shown.partition("Other declarations on file:")
    assert used.startswith("11,000.00\N{NO-BREAK SPACE}€ (current (corrente), protocol "
                           f"{CORRENTE}), valid until 01/12/2025"), shown
    assert "Used because an ISEE corrente, while valid, replaces the ordinario." in used
    assert "16,000" not in used and ORDINARIO not in used
    assert "16,000.00\N{NO-BREAK SPACE}€ issued on 01/07/2025 (replaced by the ISEE corrente)" \
        in set_aside
    assert rule.isee.protocol == CORRENTE  # what the form shows is what the rule uses
