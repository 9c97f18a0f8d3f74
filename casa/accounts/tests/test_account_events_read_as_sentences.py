"""Events about accounts read as sentences in the audit trail, in the reader's language: an
account created by a command, a login, a failed login (casa/accounts/audit_trail.py)."""

import pytest

from casa.accounts.services import user_create
from casa.core.tests.audit_helpers import page, table_text
from conftest import FISCAL_CODES


@pytest.fixture
def auditor(register, make_user):
    return make_user("auditor")


def read(client, auditor, language, **filters):
    client.force_login(auditor)
    client.cookies["django_language"] = language
    return table_text(page(client, **filters))


def test_accounts_logins_and_failed_logins(client, register, auditor):
    user_create(email="anna@example.invalid", password="a-long-pass-phrase-9", role="tenant",
                first_name="Anna", last_name="Bianchi", fiscal_code=FISCAL_CODES[1],
                acting_user="import_registry")
    assert client.login(email="anna@example.invalid", password="a-long-pass-phrase-9")
    client.logout()
    assert not client.login(email="anna@example.invalid", password="wrong")

    text = read(client, auditor, "it", record_type="accounts.user")

    assert ("import_registry ha creato l'account anna@example.invalid: ruolo: Inquilino; "
            f"codice fiscale: {FISCAL_CODES[1]}; Spazi CASA: —") in text
    assert "Anna Bianchi (inquilino) ha effettuato l'accesso" in text
    assert "Accesso non riuscito come anna@example.invalid" in text
    assert "fiscal_code" not in text and "login_failed" not in text
