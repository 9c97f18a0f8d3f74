"""A notice's attachment is stored privately and served, as a download with the type found in
its content, only to the tenants the notice concerns (while it is published) and to staff who
see the notice; to anyone else it is not found."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casa.core.uploads import check_upload
from casa.notices.services import notice_withdraw
from conftest import FISCAL_CODES

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def notice(register, publish):
    """A notice to the San Siro hub (H001) with a PDF."""
    return publish(title="Calendario lavori", audience="hub", hub=register["hubs"]["san-siro"],
                   attachment=check_upload(SimpleUploadedFile("calendario.pdf", PDF)))


def download(client, user, notice):
    client.force_login(user)
    return client.get(reverse("notices:attachment", args=[notice.pk]))


def test_a_tenant_of_the_hub_downloads_it(client, make_user, notice):
    response = download(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]), notice)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="calendario.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_tenant_of_another_hub_gets_not_found(client, make_user, notice):
    assert download(client, make_user("tenant", fiscal_code=FISCAL_CODES[1]),
                    notice).status_code == 404


def test_after_it_is_withdrawn_tenants_get_not_found(client, make_user, notice,
                                                     programme_manager):
    notice_withdraw(notice=notice, acting_user=programme_manager)

    assert download(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]),
                    notice).status_code == 404


def test_staff_of_the_hub_and_programme_staff_download_it_others_do_not(
    client, register, make_user, notice, manager, programme_manager
):
    lorenteggio = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])

    assert download(client, manager, notice).status_code == 200
    assert download(client, programme_manager, notice).status_code == 200
    assert download(client, lorenteggio, notice).status_code == 404
    assert download(client, make_user("benefit_officer"), notice).status_code == 403


def test_the_file_is_not_reachable_under_media(client, make_user, notice):
    client.force_login(make_user("admin"))

    assert client.get(f"/media/{notice.attachment.name}").status_code == 404
