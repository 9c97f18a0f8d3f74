"""The database counts every write to what a tenant's home shows (casa/portal/freshness.py):
its triggers add one to the household's version for the household's own records, found through
the row or its application, and to the shared version for what many homes show. The tables
are listed here on their own, so that one dropped from the triggers fails a test."""

import pytest
from django.db import connection
from django.utils import timezone

from casa.energy.appeals import appeal_file
from casa.energy.tests.fixtures import (
    approve_final,
    at_noon,
    clock,
    demo_call,
    household,
    submit,
)
from casa.energy.tests.fixtures import user as new_user
from casa.notices.models import NoticeRead
from casa.notices.services import notice_mark_read, notice_publish
from casa.portal import freshness

pytestmark = pytest.mark.django_db

BY_HOUSEHOLD = {"appointments_appointment", "energy_application", "energy_decision",
                "energy_appeal", "notices_noticeread", "events_registration",
                "reports_report", "reports_update", "reports_follower"}
SHARED = {"registry_hub", "registry_building", "accounts_user_hubs", "hubs_hubprofile",
          "hubs_openingperiod", "hubs_closure", "notices_notice", "events_event",
          "energy_call"}


def version(household):
    return freshness.versions(household.pk)[0]


def shared():
    return freshness.versions(0)[1]


def test_the_database_has_a_trigger_on_each_table_the_home_reads():
    assert set(freshness.installed(connection).values()) == BY_HOUSEHOLD | SHARED


def test_install_puts_back_exactly_the_listed_triggers():
    freshness.uninstall(connection)
    assert freshness.installed(connection) == {}
    freshness.install(connection)
    assert set(freshness.installed(connection).values()) == BY_HOUSEHOLD | SHARED


def test_an_application_its_decision_and_its_appeal_count_for_their_household_only():
    with clock(at_noon()):
        call = demo_call()
        other, another, home = household(), household(), household()
        # The others' applications come first, so that no id of the home's application, its
        # decision or its appeal happens to be the id of another one of these.
        submit(call, other, by=new_user("community_manager"))
        approve_final(submit(call, another, by=new_user("community_manager")),
                      officer=new_user("benefit_officer"))
        tenant = new_user("tenant", fiscal_code=home.members.get().fiscal_code)
        before, before_other = version(home), version(other)

        application = submit(call, home, by=tenant)  # an Application row
        after_submit = version(home)
        assert after_submit > before

        approve_final(application, officer=new_user("benefit_officer"))  # a Decision row
        after_decision = version(home)
        assert after_decision > after_submit

        appeal_file(application=application, reason="L'importo è sbagliato.",
                    acting_user=tenant)  # an Appeal row
        assert version(home) > after_decision
        assert version(other) == before_other


def test_a_row_moved_to_another_household_counts_for_both(register, make_user):
    one, two = register["households"]["H001"], register["households"]["H002"]
    notice = notice_publish(title="Assemblea", body="x", audience="everyone",
                            acting_user=make_user("programme_manager"))
    reader = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    notice_mark_read(notice=notice, user=reader, household=one)
    before = version(one), version(two)
    NoticeRead.objects.filter(notice=notice).update(household=two)
    assert version(one) > before[0] and version(two) > before[1]
    NoticeRead.objects.filter(notice=notice).delete()
    assert version(two) > before[1] + 1


def test_a_shared_record_counts_for_every_home_and_no_household(register, make_user):
    one = register["households"]["H001"]
    before, before_one = shared(), version(one)
    notice_publish(title="Lavori", body="x", audience="everyone",
                   published_from=timezone.now(), acting_user=make_user("programme_manager"))
    assert shared() > before
    assert version(one) == before_one


def test_a_report_its_history_and_its_followers_count_for_their_households(register,
                                                                          make_user):
    from casa.reports.models import Category, Update
    from casa.reports.services import report_change_status, report_create, report_follow

    home, other = register["households"]["H001"], register["households"]["H002"]
    tenant = make_user("tenant", fiscal_code=home.members.get().fiscal_code)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    before, before_other = version(home), version(other)

    report = report_create(category=Category.objects.get(code="lift"), place="entrance",
                           description="Fermo.", acting_user=tenant)  # Report and Update rows
    after_report = version(home)
    assert after_report > before

    report_follow(report=report, acting_user=tenant)  # a Follower row
    after_follow = version(home)
    assert after_follow > after_report

    Update.objects.create(report=report, kind="reply", public_message="Arriviamo.")
    after_update = version(home)
    assert after_update == after_follow + 1  # an Update row alone, through its report

    report_change_status(report=report, status="taken", acting_user=manager)
    assert version(home) > after_update
    assert version(other) == before_other
