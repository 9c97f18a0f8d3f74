"""Every reading of a case file by staff, on its page or through the API, is in the audit
trail: who, which case (its reference, no personal data), for which household."""

from django.urls import reverse

from casa.core.models import AuditEvent


def views_of(case):
    return AuditEvent.objects.filter(action="view", target_type="casework.casefile",
                                     target_id=case.reference)


def test_the_page_and_the_api_record_each_reading(client, case, people):
    client.force_login(people["coordinator"])
    client.get(reverse("casework_staff:detail", args=[case.pk]))
    client.get(reverse("api:case_detail", args=[case.pk]))

    events = list(views_of(case).order_by("id"))
    assert [event.actor for event in events] == [people["coordinator"]] * 2
    assert {event.subject for event in events} == {"household:H001"}
    assert events[0].target_repr == case.reference  # no reason, no name


def test_a_refused_reading_records_nothing(client, case, people):
    client.force_login(people["other_hub"])
    client.get(reverse("casework_staff:detail", args=[case.pk]))
    assert not views_of(case).exists()
