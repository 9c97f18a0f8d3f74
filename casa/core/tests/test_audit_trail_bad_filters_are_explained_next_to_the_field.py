"""A filter the trail cannot use (a malformed date, an end before the start, a staff member or
person nobody is) is explained next to its field in the reader's language, and nothing is
listed or recorded until it is corrected."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from casa.core.models import AuditEvent

from .audit_helpers import page, write


@pytest.fixture
def auditor(register, make_user):
    write(target_id="H001")
    return make_user("auditor")


def errors(response):
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


@pytest.mark.parametrize(("filters", "field", "italian"), [
    ({"date_from": "31/02/2026"}, "date_from",
     "Scrivi la data come gg/mm/aaaa, per esempio 25/11/2026."),
    ({"date_to": "2026.11.25"}, "date_to",
     "Scrivi la data come gg/mm/aaaa, per esempio 25/11/2026."),
    ({"date_from": "26/11/2026", "date_to": "25/11/2026"}, "date_to",
     "La data di fine è precedente a quella di inizio."),
    ({"staff": "nessuno@example.invalid"}, "staff",
     "Nessun operatore ha l'e-mail o il nome nessuno@example.invalid."),
    ({"household": "H999"}, "household", "Nessun nucleo familiare ha il codice H999."),
    ({"person": "Zanzibar"}, "person", "Nessun componente di un nucleo si chiama Zanzibar."),
    ({"person": "ZZZZZZ80A01F205X"}, "person",
     "Nessun componente di un nucleo ha il codice fiscale ZZZZZZ80A01F205X."),
])
def test_the_message_is_next_to_the_field_in_italian(client, auditor, filters, field, italian):
    client.force_login(auditor)
    before = AuditEvent.objects.count()

    response = page(client, **filters)

    assert response.status_code == 200
    assert errors(response) == {field: [italian]}
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and italian.replace("'", "&#x27;") in html
    assert f'aria-describedby="id_{field}-help id_{field}-error"' in html
    assert "rows" not in response.context  # nothing listed
    assert AuditEvent.objects.count() == before  # nothing read, nothing recorded


def test_the_message_is_in_english_for_an_english_reader(client, auditor):
    client.force_login(auditor)
    client.cookies["django_language"] = "en"

    response = page(client, date_from="26/11/2026", date_to="2611/2026", staff="nobody")

    assert errors(response) == {
        "date_to": ["Write the date as dd/mm/yyyy, for example 25/11/2026."],
        "staff": ["No staff member has the e-mail or name nobody."],
    }


def test_two_staff_members_with_the_same_name_must_be_told_apart_by_e_mail(client, auditor,
                                                                             make_user):
    for email in ("anna.1@example.invalid", "anna.2@example.invalid"):
        user = make_user("benefit_officer", email=email)
        get_user_model().objects.filter(pk=user.pk).update(first_name="Anna", last_name="Neri")
    client.force_login(auditor)

    assert errors(page(client, staff="Anna Neri")) == {"staff": [
        "Più di un operatore si chiama Anna Neri: scegli la sua e-mail dall'elenco."]}
    assert errors(page(client, staff="anna.2@example.invalid")) == {}


def test_an_export_with_a_bad_filter_shows_the_message_instead_of_a_file(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("core:audit_export"), {"date_from": "ieri"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "date_from" in errors(response)
