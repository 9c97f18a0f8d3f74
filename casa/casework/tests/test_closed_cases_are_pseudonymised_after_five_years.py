"""Five years after a case file is closed, its private notes go (casa/casework/retention.py):
the assessment, closing note, plan, contacts' notes, referrals' notes and outcomes, arrears
steps, handover reasons, the person and the debt. The case keeps its reference, reason,
outcome and dates; an open case and a case closed less than five years ago are untouched; the
audit trail never held the notes."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from casa.casework import services
from casa.casework.models import ArrearsStep, CaseFile, Contact, PlanAction, Referral
from casa.core import retention
from casa.core.models import AuditEvent

CLOSED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
SECRET = "Il signor Bianchi ha debiti di gioco"


def worked_case(register, people, household="H001"):
    manager = people["manager"]
    case = services.case_open(household=register["households"][household], reason="arrears",
                              acting_user=manager,
                              member=register["households"][household].members.first())
    services.case_assess(case=case, needs={"income": "high"}, summary=SECRET,
                         acting_user=manager)
    services.action_add(case=case, text=SECRET, due_on=dt.date(2026, 4, 1),
                        owner_kind="staff", for_tenant=False, acting_user=manager)
    services.contact_log(case=case, kind="phone", at=CLOSED - dt.timedelta(days=3),
                         notes=SECRET, public_summary="Telefonata", acting_user=manager,
                         now=CLOSED)
    referral = services.referral_send(case=case, to="social_services",
                                      sent_on=dt.date(2026, 3, 1), note=SECRET,
                                      acting_user=manager)
    services.referral_record_outcome(referral=referral, outcome="Preso in carico",
                                     outcome_on=dt.date(2026, 3, 5), acting_user=manager)
    services.arrears_record(case=case, acting_user=manager, debt_eur=Decimal("1200.00"),
                            step=SECRET, step_on=dt.date(2026, 3, 2))
    return case


def run_all(now):
    return {name: retention.apply(retention.POLICIES[name], now=now).done
            for name in ("casework.case_file", "casework.contact", "casework.referral")}


def test_a_case_closed_five_years_ago_loses_its_notes_the_day_after(register, people):
    case = worked_case(register, people)
    open_case = services.case_open(household=register["households"]["H002"], reason="health",
                                   acting_user=people["other_hub"])
    services.case_close(case=case, outcome="goals_met", note=SECRET,
                        acting_user=people["manager"], now=CLOSED)

    # Exactly five years after the closure: still kept.
    assert run_all(dt.datetime(2031, 3, 10, 9, 0, tzinfo=dt.UTC)) == {
        "casework.case_file": 0, "casework.contact": 0, "casework.referral": 0}
    assert CaseFile.objects.get(pk=case.pk).closing_note == SECRET

    # A moment later: pseudonymised.
    assert run_all(dt.datetime(2031, 3, 10, 9, 0, 1, tzinfo=dt.UTC)) == {
        "casework.case_file": 1, "casework.contact": 1, "casework.referral": 1}
    case = CaseFile.objects.get(pk=case.pk)
    assert (case.closing_note, case.assessment_summary, case.member, case.debt_eur) == (
        "", "", None, None)
    assert (case.reason, case.outcome, case.closed_at) == ("arrears", "goals_met", CLOSED)
    assert list(PlanAction.objects.filter(case=case).values_list("text", flat=True)) == [""]
    assert list(Contact.objects.filter(case=case).values_list("notes", "public_summary",
                                                              "kind")) == [("", "", "phone")]
    assert list(Referral.objects.filter(case=case).values_list("note", "outcome", "to")) == [
        ("", "", "social_services")]
    assert list(ArrearsStep.objects.filter(case=case).values_list("text", flat=True)) == [""]
    # The open case is untouched, whatever the date.
    assert CaseFile.objects.get(pk=open_case.pk).closed_at is None

    # Running again does nothing more.
    assert set(run_all(dt.datetime(2035, 1, 1, tzinfo=dt.UTC)).values()) == {0}


def test_the_audit_trail_names_the_case_by_its_reference_and_never_held_the_notes(register,
                                                                                  people):
    case = worked_case(register, people)
    services.case_close(case=case, outcome="goals_met", note=SECRET,
                        acting_user=people["manager"], now=CLOSED)
    run_all(timezone.now().replace(year=2040))
    for event in AuditEvent.objects.all():
        text = f"{event.target_id} {event.target_repr} {event.note} {event.changes}"
        assert "Bianchi" not in text
    assert AuditEvent.objects.filter(actor_label="apply_retention",
                                     target_id=case.reference).exists()
