"""What administrators change in the Django admin (role, hubs, superuser, active, any field of
an account, its password) is in CASA's audit trail, with who did it and the values before and
after; so are accounts added and deleted there."""

import pytest
from django.urls import reverse
from django.utils import translation

from casa.accounts.models import User
from casa.accounts.services import ADMIN_NOTE
from casa.core.audit_sentences import sentence
from casa.core.models import AuditEvent


@pytest.fixture
def administrator(make_user, client):
    user = make_user("admin", email="admin@example.invalid")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user


@pytest.fixture
def manager(make_user, register):
    return make_user("community_manager", email="cm@example.invalid",
                     hubs=[register["hubs"]["san-siro"]])


def form_data(response):
    """What the admin's form sends as it stands, the way a browser would."""
    form = response.context["adminform"].form
    data = {}
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        if hasattr(widget, "widgets"):  # a date and a time
            for index, (part, part_value) in enumerate(zip(widget.widgets,
                                                           widget.decompress(value),
                                                           strict=True)):
                data[f"{bound.html_name}_{index}"] = part.format_value(part_value) or ""
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_role_hubs_superuser_and_active_changed_in_the_form_are_audited(client, administrator,
                                                                        manager, register):
    data = form_data(client.get(change_url(manager)))
    data.update(role="care_staff", is_superuser="on",
                hubs=[str(hub.pk) for hub in register["hubs"].values()])
    del data["is_active"]

    response = client.post(change_url(manager), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="update", target_id="cm@example.invalid")
    assert event.actor == administrator and event.note == ADMIN_NOTE
    assert event.changes == {
        "role": ["community_manager", "care_staff"],
        "hubs": [["san-siro"], ["lorenteggio", "san-siro"]],
        "is_superuser": [False, True],
        "is_active": [True, False],
    }
    with translation.override("en"):
        text = sentence(event)
    assert text.startswith("Test Admin (administrator) updated the account cm@example.invalid: ")
    assert "role Community Manager → Care and vigilance staff" in text
    assert "active yes → no" in text
    assert text.endswith("(in the administration site)")


def test_the_e_mail_and_names_changed_in_the_form_are_audited(client, administrator, manager):
    data = form_data(client.get(change_url(manager)))
    data.update(email="cm.new@example.invalid", last_name="Verdi")

    client.post(change_url(manager), data)

    event = AuditEvent.objects.get(action="update", actor=administrator)
    assert event.target_id == "cm.new@example.invalid"
    assert event.changes == {"email": ["cm@example.invalid", "cm.new@example.invalid"],
                             "last_name": ["Community Manager", "Verdi"]}


def test_saving_the_form_unchanged_writes_no_event(client, administrator, manager):
    client.post(change_url(manager), form_data(client.get(change_url(manager))))

    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_password_set_in_the_admin_is_audited_without_the_password(client, administrator,
                                                                     manager):
    url = reverse("admin:auth_user_password_change", args=[manager.pk])

    response = client.post(url, {"password1": "a-new-long-password-26",
                                 "password2": "a-new-long-password-26",
                                 "usable_password": "true"})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="update", target_id="cm@example.invalid")
    assert event.changes == {"password": "changed"}
    assert "a-new-long-password-26" not in str(event.changes) and "md5" not in str(event.changes)


def test_an_account_added_in_the_admin_is_audited(client, administrator, register):
    response = client.post(reverse("admin:accounts_user_add"), {
        "email": "new.cm@example.invalid", "role": "community_manager",
        "hubs": [str(register["hubs"]["lorenteggio"].pk)],
        "password1": "a-new-long-password-26", "password2": "a-new-long-password-26",
        "usable_password": "true"})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="create", target_id="new.cm@example.invalid")
    assert event.actor == administrator
    assert event.changes["role"] == "community_manager"
    assert event.changes["hubs"] == ["lorenteggio"]
    assert event.changes["password"] == "set"


def test_accounts_deleted_in_the_admin_one_or_many_are_audited(client, administrator,
                                                               make_user):
    one = make_user("auditor", email="one@example.invalid")
    two = make_user("auditor", email="two@example.invalid")
    three = make_user("auditor", email="three@example.invalid")

    client.post(reverse("admin:accounts_user_delete", args=[one.pk]), {"post": "yes"})
    client.post(reverse("admin:accounts_user_changelist"), {
        "action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"})

    assert not User.objects.filter(role="auditor").exists()
    deleted = AuditEvent.objects.filter(action="delete", actor=administrator)
    assert sorted(deleted.values_list("target_id", flat=True)) == [
        "one@example.invalid", "three@example.invalid", "two@example.invalid"]
    assert deleted.first().changes["role"] == "auditor"
