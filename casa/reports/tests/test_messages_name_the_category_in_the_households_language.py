"""A report's messages name its category, place and status in each household's language,
whatever language the staff member who changed it reads (issue 12; issue 10 had written them
in the staff member's)."""

import pytest
from django.utils import translation

from casa.notifications.models import Message
from casa.reports.services import report_create, report_follow, report_reply

pytestmark = pytest.mark.django_db


def in_language(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def test_each_household_reads_the_category_in_its_own_language(register, tenant, neighbour,
                                                                manager, lift):
    household = register["households"]["H001"]
    household.language = "es"
    household.save()
    report = report_create(category=lift, place="entrance", description="Ascensore fermo.",
                           acting_user=tenant)
    report_follow(report=report, acting_user=neighbour)  # a household that reads English

    with translation.override("it"):  # the Community Manager's page is in Italian
        report_reply(report=report, message="Il tecnico arriva domani.", acting_user=manager)

    updates = {message.household.code: message
               for message in Message.objects.filter(kind="reports.updated", channel="app")}
    spanish, english = updates["H001"], updates["H004"]
    assert (spanish.language, english.language) == ("es", "en")
    assert in_language("es", "Lift") in spanish.body
    assert in_language("es", "My entrance and stairs") in spanish.body
    assert in_language("it", "Lift") not in spanish.body  # not the staff member's Italian
    assert "(Lift, My entrance and stairs," in english.body
    assert in_language("it", "Lift") not in english.body
    received = Message.objects.get(kind="reports.received", channel="app")
    assert in_language("es", "Lift") in received.body
