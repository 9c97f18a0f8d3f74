"""The demo's mailbox: in the laptop profile e-mails go to files under var/mail, and
administrators read them in the browser; the page does not exist without DEBUG."""

import pytest
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from casa.notifications import mailbox


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    connection = get_connection("django.core.mail.backends.filebased.EmailBackend",
                                file_path=str(settings.EMAIL_FILE_PATH))
    first = EmailMessage("Il tuo appuntamento", "Ti aspettiamo martedì alle 10:00.",
                         "casa@example.invalid", ["rossi@example.invalid"])
    first.attach("appuntamento.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    second = EmailMessage("Avviso: niente riscaldamento", "Il riscaldamento è sospeso.",
                          "casa@example.invalid", ["bianchi@example.invalid"])
    connection.send_messages([first, second])
    return settings.EMAIL_FILE_PATH


@pytest.fixture
def laptop(settings):
    settings.DEBUG = True


def test_the_laptop_profile_writes_e_mails_to_files_under_var(settings):
    # The backend itself (the file one in the laptop profile) is checked outside the test
    # runner, which swaps in its own: tests/test_production_fails_closed.py.
    assert settings.EMAIL_FILE_PATH == settings.VAR_DIR / "mail"


def test_an_administrator_reads_the_mailbox_and_a_message(client, make_user, laptop,
                                                          mail_folder):
    client.force_login(make_user("admin"))

    listing = client.get(reverse("notifications:demo_mailbox"))

    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Il tuo appuntamento" in page and "Avviso: niente riscaldamento" in page
    first = next(mail for mail in mailbox.mails() if mail.subject == "Il tuo appuntamento")
    message = client.get(reverse("notifications:demo_mail",
                                 kwargs={"file": first.file, "number": first.number}))
    assert message.status_code == 200
    assert "Ti aspettiamo martedì alle 10:00." in message.content.decode()
    assert "appuntamento.ics" in message.content.decode()


@pytest.mark.parametrize("role", ["tenant", "community_manager", "auditor"])
def test_other_roles_are_refused_the_mailbox(client, make_user, laptop, mail_folder, role):
    client.force_login(make_user(role))

    assert client.get(reverse("notifications:demo_mailbox")).status_code == 403


def test_a_visitor_is_sent_to_the_login_page(client, laptop, mail_folder):
    response = client.get(reverse("notifications:demo_mailbox"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_without_debug_the_mailbox_does_not_exist_even_for_an_administrator(
        client, make_user, settings, mail_folder):
    settings.DEBUG = False
    client.force_login(make_user("admin"))
    mail = mailbox.mails()[0]

    assert client.get(reverse("notifications:demo_mailbox")).status_code == 404
    assert client.get(reverse("notifications:demo_mail",
                              kwargs={"file": mail.file, "number": mail.number})
                      ).status_code == 404


def test_a_name_that_is_not_a_mailbox_file_is_not_found(client, make_user, laptop,
                                                        mail_folder):
    client.force_login(make_user("admin"))
    (mail_folder.parent / "secret.log").write_text("Subject: secret\n\nsecret")

    for name in ("..%2Fsecret.log", "secret.log", "20261130-120000-1.log"):
        response = client.get(f"/demo-mailbox/{name}/0/")
        assert response.status_code == 404
