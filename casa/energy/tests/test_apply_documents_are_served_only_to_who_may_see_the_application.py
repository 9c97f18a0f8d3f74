"""A document sent with an answer is served only to the tenant of the household and to staff
who read applications in their scope: as a download with its stored type and nosniff, and a
staff read goes into the audit trail. Others get not found; the storage has no public URL."""

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.attachments import attachment_url, attachments_for
from casa.energy.models import Attachment
from conftest import FISCAL_CODES

from .answer_helpers import PDF_BYTES, asked, pdf, photo, status_url
from .backoffice import login


@pytest.fixture
def sent(client, register, make_user):
    """H001 (San Siro) answered with a PDF and a photo."""
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)
    client.post(status_url(), {"action": "answer",
                               "attachments": [pdf("isee.pdf"), photo("id card.jpeg")]})
    client.logout()
    return application, tenant, officer


def test_the_tenant_downloads_their_own_document(client, sent):
    application, tenant, officer = sent
    document = Attachment.objects.get(original_name="isee.pdf")
    login(client, tenant)

    response = client.get(attachment_url(document))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="isee.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert not AuditEvent.objects.filter(action="view", actor=tenant).exists()


def test_a_photo_is_named_by_the_type_found_in_it(client, sent):
    application, tenant, officer = sent
    document = Attachment.objects.get(content_type="image/jpeg")
    login(client, tenant)

    response = client.get(attachment_url(document))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="id card.jpg"'


def test_staff_in_scope_download_and_the_read_is_audited(client, sent, register, make_user):
    application, tenant, officer = sent
    document = Attachment.objects.get(original_name="isee.pdf")
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])

    for reader in (officer, manager):
        login(client, reader)
        assert client.get(attachment_url(document)).status_code == 200
        event = AuditEvent.objects.get(actor=reader, action="view")
        assert (event.target_id, event.changes) == (application.protocol,
                                                    {"attachment": document.pk})
        assert event.subject == f"household:{application.household.code}"


def test_others_get_not_found(client, sent, register, make_user):
    document = Attachment.objects.get(original_name="isee.pdf")
    url = attachment_url(document)
    other_tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])  # household H002
    other_hub = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])

    assert client.get(url).status_code == 302  # to the login page
    for user in (other_tenant, other_hub):
        login(client, user)
        assert client.get(url).status_code == 404
    login(client, make_user("care_staff", hubs=[register["hubs"]["san-siro"]]))
    assert client.get(url).status_code == 403  # not allowed to read applications at all


def test_the_storage_has_no_public_url(client, sent, make_user):
    document = Attachment.objects.get(original_name="isee.pdf")
    login(client, make_user("admin"))

    assert client.get("/media/" + document.file.name).status_code == 404


def test_the_review_page_can_list_the_documents(sent):
    application, tenant, officer = sent

    documents = list(attachments_for(application))

    assert [d.original_name for d in documents] == ["isee.pdf", "id card.jpeg"]
    assert attachment_url(documents[0]) == reverse("energy:attachment", args=[documents[0].pk])
