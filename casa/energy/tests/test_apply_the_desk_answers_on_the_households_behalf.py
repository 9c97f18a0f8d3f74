"""At the desk, staff who apply on tenants' behalf answer a request for information from the
household's energy page, with the same form and checks: the answer is recorded as given by
them on behalf of the household."""

from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.demo import DEMO_CALL_CODE
from casa.energy.models import ApplicationStatus, Attachment, InformationAnswer

from .answer_helpers import asked, pdf
from .backoffice import login


def test_a_community_manager_answers_for_a_household_of_their_hub(client, register, make_user):
    application, tenant, officer = asked(register, make_user, message="Send the payslip.")
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    login(client, manager)

    overview = client.get(reverse("energy:household_energy", args=["H001"])).content.decode()
    url = reverse("energy:assisted_application", args=[DEMO_CALL_CODE, "H001"])
    assert "Answer the request on the tenant's behalf" in overview and url in overview
    page = client.get(url).content.decode()
    assert "Send the payslip." in page
    assert "You are answering on behalf of household H001" in page
    assert AuditEvent.objects.filter(actor=manager, action="view", note="desk page").exists()

    response = client.post(url, {"action": "answer", "text": "Brought at the desk.",
                                 "attachments": [pdf("payslip.pdf")]}, follow=True)

    assert "The answer was sent on the household&#x27;s behalf" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    answer = InformationAnswer.objects.get()
    assert (answer.answered_by, answer.text) == (manager, "Brought at the desk.")
    assert Attachment.objects.get().answer == answer
    change = application.status_changes.get(to_status="under_review")
    assert (change.actor, change.on_behalf_of) == (manager, application.household)


def test_another_hubs_household_is_not_found(client, register, make_user):
    asked(register, make_user)
    login(client, make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))
    url = reverse("energy:assisted_application", args=[DEMO_CALL_CODE, "H001"])

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "answer", "text": "x"}).status_code == 404
    assert not InformationAnswer.objects.exists()
