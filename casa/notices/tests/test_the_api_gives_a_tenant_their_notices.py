"""The JSON API gives a tenant the notices of their home, newest first, with whether they read
each, and opening one marks it read, as the pages do; another home's notice is not found and
staff are refused."""

from conftest import FISCAL_CODES


def test_the_list_and_one_notice_mark_it_read(client, register, make_user, publish):
    first = publish(title="Pulizia scale")
    second = publish(title="Assemblea", audience="hub", hub=register["hubs"]["san-siro"])
    publish(title="Lorenteggio", audience="hub", hub=register["hubs"]["lorenteggio"])
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    listed = client.get("/api/v1/notices").json()
    opened = client.get(f"/api/v1/notices/{first.pk}").json()
    again = client.get("/api/v1/notices").json()

    assert [(n["title"], n["read"]) for n in listed] == [("Assemblea", False),
                                                         ("Pulizia scale", False)]
    assert listed[0]["id"] == second.pk and listed[0]["to"] == "gli edifici di San Siro"
    assert (opened["title"], opened["read"], opened["attachment_url"]) == (
        "Pulizia scale", True, None)
    assert [(n["title"], n["read"]) for n in again] == [("Assemblea", False),
                                                        ("Pulizia scale", True)]


def test_another_homes_notice_is_not_found_and_staff_are_refused(client, register, make_user,
                                                                 publish, manager):
    theirs = publish(title="Lorenteggio", audience="hub", hub=register["hubs"]["lorenteggio"])
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    assert client.get(f"/api/v1/notices/{theirs.pk}").status_code == 404
    assert not theirs.reads.exists()
    client.force_login(manager)
    assert client.get("/api/v1/notices").status_code == 403
