"""The tenant's inbox shows their own household's messages in the app, and only those."""

from django.urls import reverse

from casa.notifications.models import Message
from conftest import FISCAL_CODES


def test_the_tenant_sees_only_their_households_messages_newest_first(
    client, register, invite, make_user
):
    mine = register["households"]["H001"]
    invite(mine, context={"call_title": "First call"})
    invite(mine, context={"call_title": "Second call"})
    invite(register["households"]["H002"], context={"call_title": "Not yours"})
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    page = client.get(reverse("notifications:inbox"))

    assert page.status_code == 200
    listed = [message.household.code for message in page.context["page"].object_list]
    assert listed == ["H001", "H001"], "one app message per invitation, no e-mail copies"
    assert page.context["page"].object_list[0].context["call_title"] == "Second call"
    assert page.context["unread"] == 2
    assert b"Not yours" not in page.content


def test_opening_a_message_marks_it_read(client, household, invite, make_user):
    [app, _] = invite(household)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    page = client.get(reverse("notifications:message_detail", kwargs={"pk": app.pk}))

    assert page.status_code == 200
    assert "Energia 2025-26" in page.content.decode()
    assert 'href="http://127.0.0.1:8000/energy/calls/energia-2025-26/"' in page.content.decode()
    app.refresh_from_db()
    assert app.read_at is not None
    assert client.get(reverse("notifications:inbox")).context["unread"] == 0


def test_another_households_message_is_not_found(client, register, invite, make_user):
    [theirs, _] = invite(register["households"]["H002"])
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    page = client.get(reverse("notifications:message_detail", kwargs={"pk": theirs.pk}))

    assert page.status_code == 404
    assert Message.objects.get(pk=theirs.pk).read_at is None


def test_an_e_mail_copy_is_not_opened_from_the_inbox(client, household, invite, make_user):
    [_, email] = invite(household)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    assert client.get(reverse("notifications:message_detail",
                              kwargs={"pk": email.pk})).status_code == 404


def test_a_tenant_without_a_household_has_an_empty_inbox(client, household, invite, make_user):
    invite(household)
    client.force_login(make_user("tenant", fiscal_code=None))

    page = client.get(reverse("notifications:inbox"))

    assert page.status_code == 200
    assert list(page.context["page"].object_list) == []
