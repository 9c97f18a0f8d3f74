"""The OpenAPI document declares exactly the answers each API operation gives: every operation
is asked as it would be by a visitor, a user without the capability, a user outside whose scope
the record is, and with parameters it cannot read; the status codes seen must be the ones
declared (no more, no fewer), and each body must fit the schema declared for its status."""

import json

import pytest
import time_machine
from django.urls import reverse

from casa.appointments.tests.helpers import MONDAY, rome
from conftest import FISCAL_CODES
from tests.test_access_matrix import (  # noqa: F401  (fixtures, by name)
    api_appointments,
    api_reports,
    care_records,
    case_files,
    fse_participants,
    hub_activities,
    notices_and_events,
)

ANONYMOUS = "anonymous"
# Issue 11 (i11api): the submission keys of the rounds the probes send.
ROUND_KEY = "5b7e9a02-3c1d-4f6e-8a90-1b2c3d4e5f60"
OTHER_ROUND_KEY = "5b7e9a02-3c1d-4f6e-8a90-1b2c3d4e5f61"

# operationId -> the requests that make it give each of its answers:
# (who, path parameters, query parameters[, JSON body, or a text that is not JSON]).
PROBES = {
    "casa_registry_api_household_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {"q": "Rossi"}),
        ("benefit_officer", {}, {"page": "2", "ended": "true", "hub": "x", "band": "y"}),
        ("benefit_officer", {}, {"page": "first"}),
        ("benefit_officer", {}, {"ended": "maybe"}),
        ("tenant", {}, {"page": "first"}),
        (ANONYMOUS, {}, {"q": "Ros\x00si"}),  # a control character: refused before the view
    ],
    "casa_registry_api_household_detail": [
        (ANONYMOUS, {"code": "H001"}, {}),
        ("tenant", {"code": "H001"}, {}),
        ("community_manager", {"code": "H001"}, {}),
        ("community_manager", {"code": "H002"}, {}),  # outside their hub
        ("benefit_officer", {"code": "NO-SUCH-HOUSEHOLD"}, {}),
        ("benefit_officer", {"code": "H001"}, {"page": "first"}),  # unknown: ignored
        ("benefit_officer", {"code": "H00\x1b1"}, {}),
    ],
    "casa_registry_api_me": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("admin", {}, {"x": "y"}),
        ("tenant", {}, {"x": "\x7f"}),
    ],
    # Issue 9 (the fixture notices_and_events: notice 901 is the tenant's, 902 another hub's;
    # event 901 is upcoming, 903 has started).
    "casa_notices_api_notice_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("tenant", {}, {"x": "\x00"}),
    ],
    "casa_notices_api_notice_detail": [
        (ANONYMOUS, {"notice_id": 901}, {}),
        ("tenant", {"notice_id": 901}, {}),
        ("tenant", {"notice_id": 902}, {}),
        ("admin", {"notice_id": 901}, {}),
        ("tenant", {"notice_id": "first"}, {}),
    ],
    "casa_events_api_event_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("tenant", {}, {"x": "\x1b"}),
    ],
    "casa_events_api_event_detail": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {}),
        ("tenant", {"event_id": 999999}, {}),
        ("community_manager", {"event_id": 901}, {}),
        ("tenant", {"event_id": "first"}, {}),
    ],
    "casa_events_api_event_register": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {"people": "2"}),
        ("admin", {"event_id": 901}, {}),
        ("tenant", {"event_id": 999999}, {}),
        ("tenant", {"event_id": 903}, {}),  # started: refused with the reason
        ("tenant", {"event_id": 901}, {"people": "many"}),
    ],
    "casa_events_api_event_cancel_registration": [
        (ANONYMOUS, {"event_id": 901}, {}),
        ("admin", {"event_id": 901}, {}),
        ("tenant", {"event_id": 901}, {}),  # registered just above: cancelled
        ("tenant", {"event_id": 901}, {}),  # not registered any more
        ("tenant", {"event_id": "90\x1b1"}, {}),
    ],
    # Issue 9 (the fixture api_appointments, on Monday 30 November 2026 at 8:00: appointment
    # 901 is the tenant's, 902 another household's at Lorenteggio).
    "casa_appointments_api_appointment_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("tenant", {}, {"x": "\x00"}),
    ],
    "casa_appointments_api_appointment_book": [
        (ANONYMOUS, {}, {}, {}),
        ("tenant", {}, {}, {"hub": "san-siro", "topic": "bills",
                            "starts_at": "2026-12-02T09:30:00+01:00", "note": "Bollette"}),
        ("admin", {}, {}, {}),
        ("tenant", {}, {}, "hub=san-siro"),  # not JSON
        ("tenant", {}, {}, {"hub": "san-siro", "topic": "bills",
                            "starts_at": "2026-12-02T09:30:00+01:00"}),  # taken just above
        ("tenant", {}, {}, {"hub": "san-siro", "topic": "bills", "starts_at": "soon"}),
    ],
    "casa_appointments_api_appointment_hubs": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("tenant", {}, {"x": "\x1b"}),
    ],
    "casa_appointments_api_appointment_topics": [
        (ANONYMOUS, {"hub": "san-siro"}, {}),
        ("tenant", {"hub": "san-siro"}, {}),
        ("tenant", {"hub": "lorenteggio"}, {}),  # not the household's hub
        ("community_manager", {"hub": "san-siro"}, {}),
        ("tenant", {"hub": "san-\x00siro"}, {}),
    ],
    "casa_appointments_api_appointment_days": [
        (ANONYMOUS, {"hub": "san-siro", "topic": "bills"}, {}),
        ("tenant", {"hub": "san-siro", "topic": "bills"}, {}),
        ("tenant", {"hub": "san-siro", "topic": "astrology"}, {}),
        ("benefit_officer", {"hub": "san-siro", "topic": "bills"}, {}),
        ("tenant", {"hub": "san-siro", "topic": "bills"}, {"x": "\x7f"}),
    ],
    "casa_appointments_api_appointment_times": [
        (ANONYMOUS, {"hub": "san-siro", "topic": "bills", "day": "2026-12-02"}, {}),
        ("tenant", {"hub": "san-siro", "topic": "bills", "day": "2026-12-02"}, {}),
        ("tenant", {"hub": "lorenteggio", "topic": "bills", "day": "2026-12-02"}, {}),
        ("admin", {"hub": "san-siro", "topic": "bills", "day": "2026-12-02"}, {}),
        ("tenant", {"hub": "san-siro", "topic": "bills", "day": "soon"}, {}),
    ],
    "casa_appointments_api_appointment_detail": [
        (ANONYMOUS, {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": 902}, {}),
        ("community_manager", {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": "first"}, {}),
    ],
    "casa_appointments_api_appointment_move_days": [
        (ANONYMOUS, {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": 902}, {}),
        ("care_staff", {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": "first"}, {}),
    ],
    "casa_appointments_api_appointment_move_times": [
        (ANONYMOUS, {"appointment_id": 901, "day": "2026-12-03"}, {}),
        ("tenant", {"appointment_id": 901, "day": "2026-12-03"}, {}),
        ("tenant", {"appointment_id": 902, "day": "2026-12-03"}, {}),
        ("admin", {"appointment_id": 901, "day": "2026-12-03"}, {}),
        ("tenant", {"appointment_id": 901, "day": "soon"}, {}),
    ],
    "casa_appointments_api_appointment_move": [
        (ANONYMOUS, {"appointment_id": 901}, {}, {}),
        ("tenant", {"appointment_id": 901}, {}, {"starts_at": "2026-12-03T11:00:00+01:00"}),
        ("tenant", {"appointment_id": 902}, {}, {"starts_at": "2026-12-03T11:00:00+01:00"}),
        ("community_manager", {"appointment_id": 901}, {}, {}),
        ("tenant", {"appointment_id": 901}, {}, "starts_at=soon"),  # not JSON
        ("tenant", {"appointment_id": 901}, {}, {"starts_at": "2026-12-08T10:00:00+01:00"}),
    ],
    "casa_appointments_api_appointment_cancel": [
        (ANONYMOUS, {"appointment_id": 901}, {}),
        ("admin", {"appointment_id": 901}, {}),
        ("tenant", {"appointment_id": 902}, {}),
        ("tenant", {"appointment_id": 901}, {}),  # cancelled
        ("tenant", {"appointment_id": 901}, {}),  # no longer booked: refused with the reason
    ],
    # Issue 11 (i11cb; the fixture api_appointments: call-back request 901, H001's (the
    # tenant's) about bills, 903 about energy, 902 H002's at Lorenteggio).
    "casa_appointments_api_callback_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("tenant", {}, {"x": "\x00"}),
    ],
    "casa_appointments_api_callback_ask": [
        (ANONYMOUS, {}, {}, {}),
        ("tenant", {}, {}, {"topic": "isee", "phone": "02 1234 5678", "best_time": "morning"}),
        ("admin", {}, {}, {}),
        ("tenant", {}, {}, "topic=isee"),  # not JSON
        ("tenant", {}, {}, {"topic": "isee", "phone": "0212345678"}),  # open already
        ("tenant", {}, {}, {"topic": "neighbours", "phone": "12"}),  # not a phone number
    ],
    "casa_appointments_api_callback_cancel": [
        (ANONYMOUS, {"callback_id": 901}, {}),
        ("admin", {"callback_id": 901}, {}),
        ("tenant", {"callback_id": 902}, {}),
        ("tenant", {"callback_id": 901}, {}),  # cancelled
        ("tenant", {"callback_id": 901}, {}),  # no longer open: refused with the reason
        ("tenant", {"callback_id": "90\x1b1"}, {}),
    ],
    "casa_appointments_api_staff_callback_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x1b"}),
    ],
    "casa_appointments_api_staff_callback_no_answer": [
        (ANONYMOUS, {"callback_id": 903}, {}),
        ("tenant", {"callback_id": 903}, {}),
        ("community_manager", {"callback_id": 902}, {}),  # another hub's
        ("community_manager", {"callback_id": 903}, {}),
        ("community_manager", {"callback_id": "90\x003"}, {}),
    ],
    "casa_appointments_api_staff_callback_done": [
        (ANONYMOUS, {"callback_id": 903}, {}, {}),
        ("tenant", {"callback_id": 903}, {}, {"outcome": "Fatto"}),
        ("community_manager", {"callback_id": 902}, {}, {"outcome": "Fatto"}),
        ("community_manager", {"callback_id": 903}, {}, "outcome=Fatto"),  # not JSON
        ("community_manager", {"callback_id": 903}, {}, {"outcome": "Rate in 6 mesi"}),
        ("community_manager", {"callback_id": 903}, {}, {"outcome": "Di nuovo"}),  # done
    ],
    "casa_portal_api_my_home": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("homeless_tenant", {}, {}),  # an account linked to no current household
        ("tenant", {}, {"x": "\x00"}),
    ],
    # Issue 10 (the fixture api_reports: 901 about the tenant's entrance, 902 in another
    # hub, 903 about the tenant's flat, 904 the tenant's, resolved). Forms go as form data.
    "casa_reports_api_report_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("tenant", {}, {"x": "\x00"}),
    ],
    "casa_reports_api_report_detail": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("tenant", {"report_id": 901}, {}),
        ("tenant", {"report_id": 902}, {}),
        ("admin", {"report_id": 901}, {}),
        ("tenant", {"report_id": "first"}, {}),
    ],
    "casa_reports_api_report_create": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {"category": "lift", "place": "flat", "description": "Rotto."}),
        ("admin", {}, {}),
        ("tenant", {}, {}),  # nothing sent
        ("tenant", {}, {"category": "lift", "place": "attic", "description": "Rotto."}),
    ],
    "casa_reports_api_report_follow": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("tenant", {"report_id": 901}, {}),
        ("admin", {"report_id": 901}, {}),
        ("tenant", {"report_id": 902}, {}),
        ("tenant", {"report_id": 903}, {}),  # a flat is not followed: refused with the reason
    ],
    "casa_reports_api_report_unfollow": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("tenant", {"report_id": 901}, {}),
        ("admin", {"report_id": 901}, {}),
        ("tenant", {"report_id": 902}, {}),
        ("tenant", {"report_id": "90\x1b1"}, {}),
    ],
    "casa_reports_api_report_fixed": [
        (ANONYMOUS, {"report_id": 904}, {}),
        ("tenant", {"report_id": 904}, {"fixed": "true"}),
        ("admin", {"report_id": 904}, {}),
        ("tenant", {"report_id": 902}, {"fixed": "true"}),
        ("tenant", {"report_id": 901}, {"fixed": "true"}),  # not resolved: refused
    ],
    "casa_reports_api_report_queue": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {"late": "true", "category": "lift"}),
        ("community_manager", {}, {"late": "maybe"}),
    ],
    "casa_reports_api_report_status": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("benefit_officer", {"report_id": 901}, {}),
        ("community_manager", {"report_id": 902}, {"status": "taken"}),
        ("community_manager", {"report_id": 901}, {"status": "taken"}),
        ("community_manager", {"report_id": 901}, {"status": "closed"}),  # not allowed
    ],
    # Contractor 951, work orders 961 (report 901) and 962 (report 902).
    "casa_reports_api_contractor_list": [
        (ANONYMOUS, {}, {}),
        ("care_staff", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x00"}),
    ],
    "casa_reports_api_work_order_list": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("tenant", {"report_id": 901}, {}),
        ("community_manager", {"report_id": 901}, {}),
        ("community_manager", {"report_id": 902}, {}),
        ("community_manager", {"report_id": "90\x1b1"}, {}),
    ],
    "casa_reports_api_work_order_send": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("care_staff", {"report_id": 901}, {"contractor": "951"}),
        ("community_manager", {"report_id": 902}, {"contractor": "951"}),
        ("community_manager", {"report_id": 901}, {"contractor": "951"}),
        ("community_manager", {"report_id": 901}, {"contractor": "999"}),  # no such: refused
    ],
    "casa_reports_api_work_order_answer": [
        (ANONYMOUS, {"report_id": 901, "order_id": 961}, {}),
        ("care_staff", {"report_id": 901, "order_id": 961}, {}),
        ("community_manager", {"report_id": 901, "order_id": 962}, {}),  # another report's
        ("community_manager", {"report_id": 901, "order_id": 961}, {"answer": "Fatto."}),
        ("community_manager", {"report_id": 901, "order_id": 961}, {"cost_eur": "-1"}),
    ],
    "casa_reports_api_report_split": [
        (ANONYMOUS, {"report_id": 901}, {}),
        ("benefit_officer", {"report_id": 901}, {}),
        ("community_manager", {"report_id": 902},
         {"category": "electricity", "place": "entrance", "description": "Luce."}),
        ("community_manager", {"report_id": 901},
         {"category": "electricity", "place": "entrance", "description": "Luce."}),
        ("community_manager", {"report_id": 901},  # a photo of no report of theirs
         {"category": "electricity", "place": "entrance", "description": "Luce.",
          "photos": [999999]}),
    ],
    # Issue 11: case files (the fixture case_files: case 901 is H001's at San Siro, the
    # Community Manager's hub; 902 H002's at Lorenteggio).
    "casa_casework_api_case_list": [
        (ANONYMOUS, {}, {}),
        ("care_staff", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x00"}),
    ],
    "casa_casework_api_case_detail": [
        (ANONYMOUS, {"case_id": 901}, {}),
        ("care_staff", {"case_id": 901}, {}),
        ("community_manager", {"case_id": 901}, {}),
        ("community_manager", {"case_id": 902}, {}),
        ("community_manager", {"case_id": "90\x1b1"}, {}),
    ],
    # Issue 11 (activities; the fixture hub_activities: activity and session 901 at San Siro,
    # today, 902 at Lorenteggio). H001's head is FISCAL_CODES[0].
    "casa_activities_api_activity_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("care_staff", {}, {"x": "\x00"}),
    ],
    "casa_activities_api_activity_detail": [
        (ANONYMOUS, {"activity_id": 901}, {}),
        ("tenant", {"activity_id": 901}, {}),
        ("community_manager", {"activity_id": 902}, {}),
        ("community_manager", {"activity_id": 901}, {}),
        ("community_manager", {"activity_id": "first"}, {}),
    ],
    "casa_activities_api_activity_attendance": [
        (ANONYMOUS, {"session_id": 901}, {}),
        ("tenant", {"session_id": 901}, {}),
        ("care_staff", {"session_id": 902}, {}),
        ("care_staff", {"session_id": 901}, {}),
        ("care_staff", {"session_id": "first"}, {}),
    ],
    "casa_activities_api_activity_attendance_mark": [
        (ANONYMOUS, {"session_id": 901}, {"fiscal_code": FISCAL_CODES[0]}),
        ("care_staff", {"session_id": 901}, {"fiscal_code": FISCAL_CODES[0]}),
        ("community_manager", {"session_id": 902}, {"fiscal_code": FISCAL_CODES[1]}),
        ("community_manager", {"session_id": 901}, {"fiscal_code": FISCAL_CODES[0]}),
        ("community_manager", {"session_id": 901}, {"fiscal_code": FISCAL_CODES[1]}),  # not
    ],
    "casa_activities_api_activity_attendance_unmark": [
        (ANONYMOUS, {"session_id": 901, "fiscal_code": FISCAL_CODES[0]}, {}),
        ("care_staff", {"session_id": 901, "fiscal_code": FISCAL_CODES[0]}, {}),
        ("community_manager", {"session_id": 901, "fiscal_code": FISCAL_CODES[1]}, {}),
        ("community_manager", {"session_id": 901, "fiscal_code": FISCAL_CODES[0]}, {}),
        ("community_manager", {"session_id": 901, "fiscal_code": "RSS\x1b"}, {}),
    ],
    # Issue 11 (i11api; the fixture care_records: round 901 at B001, San Siro, with item 901 a
    # problem and 903 all right; round 902 at B002, Lorenteggio; residents and flags 901 at San
    # Siro, 902 at Lorenteggio). Rounds go as JSON, the other forms as form data.
    "casa_care_api_care_buildings": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("care_staff", {}, {}),
        ("care_staff", {}, {"x": "\x00"}),
    ],
    "casa_care_api_care_checklist": [
        (ANONYMOUS, {}, {}),
        ("benefit_officer", {}, {}),
        ("care_staff", {}, {}),
        ("care_staff", {}, {"x": "\x1b"}),
    ],
    "casa_care_api_care_round_submit": [
        (ANONYMOUS, {"code": "B001"}, {}, {}),
        ("tenant", {"code": "B001"}, {}, {}),
        ("care_staff", {"code": "B002"}, {}, {"submission_key": ROUND_KEY}),  # another hub's
        ("care_staff", {"code": "B001"}, {}, "lifts=problem"),  # not JSON
        ("care_staff", {"code": "B001"}, {}, {"submission_key": ROUND_KEY, "checks": {
            "lifts": {"status": "problem", "note": "Ferma al terzo piano"}}}),
        ("care_staff", {"code": "B001"}, {}, {"submission_key": ROUND_KEY}),  # the same round
        ("care_staff", {"code": "B001"}, {}, {"submission_key": OTHER_ROUND_KEY, "checks": {
            "lifts": {"status": "problem"}}}),  # a problem without a word: refused
        ("care_staff", {"code": "B0\x1b01"}, {}, {"submission_key": OTHER_ROUND_KEY}),
    ],
    "casa_care_api_care_round_detail": [
        (ANONYMOUS, {"round_id": 901}, {}),
        ("tenant", {"round_id": 901}, {}),
        ("care_staff", {"round_id": 902}, {}),
        ("care_staff", {"round_id": 901}, {}),
        ("care_staff", {"round_id": "90\x1b1"}, {}),
    ],
    "casa_care_api_care_round_item_report": [
        (ANONYMOUS, {"round_id": 901, "check_id": 901}, {}),
        ("tenant", {"round_id": 901, "check_id": 901}, {}),
        ("care_staff", {"round_id": 901, "check_id": 902}, {}),  # another round's
        ("care_staff", {"round_id": 901, "check_id": 901}, {}),
        ("care_staff", {"round_id": 901, "check_id": 903}, {}),  # all right: no report
        ("care_staff", {"round_id": 901, "check_id": "90\x1b1"}, {}),
    ],
    "casa_care_api_care_incident_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x00"}),
    ],
    "casa_care_api_care_incident_create": [
        (ANONYMOUS, {}, {}),
        ("admin", {}, {}),  # reads incidents, records none
        ("care_staff", {}, {"building": "B001", "kind": "damage", "urgency": "high",
                            "occurred_at": "2026-11-30T07:30:00+01:00",
                            "description": "Vetro del portone rotto",
                            "informed": ["police", "community_manager"]}),
        ("care_staff", {}, {"building": "B002", "kind": "damage", "urgency": "high",
                            "occurred_at": "2026-11-30T07:30:00+01:00",
                            "description": "Vetro rotto"}),  # another hub's building
        ("care_staff", {}, {"description": "Vetro\x00 rotto"}),
    ],
    "casa_care_api_care_resident_list": [
        (ANONYMOUS, {}, {}),
        ("benefit_officer", {}, {}),
        ("care_staff", {}, {"due": "true"}),
        ("care_staff", {}, {"due": "maybe"}),
    ],
    "casa_care_api_care_visit_record": [
        (ANONYMOUS, {"resident_id": 901}, {}),
        ("admin", {"resident_id": 901}, {}),
        ("care_staff", {"resident_id": 902}, {"notes": "Tutto bene"}),
        ("care_staff", {"resident_id": 901}, {"notes": "Tutto bene"}),
        ("care_staff", {"resident_id": 901}, {"problem_found": "true"}),  # what problem?
    ],
    "casa_care_api_care_flag_list": [
        (ANONYMOUS, {}, {}),
        ("tenant", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x7f"}),
    ],
    "casa_care_api_care_flag_close": [
        (ANONYMOUS, {"flag_id": 901}, {}),
        ("care_staff", {"flag_id": 901}, {}),  # only the hub's Community Managers close it
        ("community_manager", {"flag_id": 902}, {}),
        ("community_manager", {"flag_id": 901}, {}),
        ("community_manager", {"flag_id": "90\x1b1"}, {}),
    ],
    # Issue 11 (i11api; the fixture fse_participants: participant 901 supported at San Siro,
    # 902 at Lorenteggio; and participant_snapshot: snapshot 901).
    "casa_participants_api_participant_hubs": [
        (ANONYMOUS, {}, {}),
        ("care_staff", {}, {}),
        ("community_manager", {}, {}),
        ("community_manager", {}, {"x": "\x00"}),
    ],
    "casa_participants_api_participant_hub_list": [
        (ANONYMOUS, {"hub": "san-siro"}, {}),
        ("tenant", {"hub": "san-siro"}, {}),
        ("community_manager", {"hub": "lorenteggio"}, {}),
        ("community_manager", {"hub": "san-siro"}, {"all": "true"}),
        ("community_manager", {"hub": "san-siro"}, {"all": "maybe"}),
        # i11ind: the list is paged; a page that is not a number is refused (422).
        ("community_manager", {"hub": "san-siro"}, {"page": "2"}),
        ("community_manager", {"hub": "san-siro"}, {"page": "first"}),
    ],
    "casa_participants_api_participant_detail": [
        (ANONYMOUS, {"participant_id": 901}, {}),
        ("care_staff", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 902}, {}),
        ("community_manager", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": "90\x1b1"}, {}),
    ],
    "casa_participants_api_participant_complete": [
        (ANONYMOUS, {"participant_id": 901}, {}),
        ("benefit_officer", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 902}, {"labour_status": "employed"}),
        ("community_manager", {"participant_id": 901},
         {"labour_status": "employed", "education": "isced_3_4"}),
        ("community_manager", {"participant_id": 901}, {"labour_status": "astronaut"}),
    ],
    "casa_participants_api_participant_consent": [
        (ANONYMOUS, {"participant_id": 901}, {}),
        ("care_staff", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 902}, {"given": "true", "how": "oral"}),
        ("community_manager", {"participant_id": 901}, {"given": "true", "how": "oral"}),
        ("community_manager", {"participant_id": 901}, {"given": "true", "how": "oral"}),
    ],
    "casa_participants_api_participant_special_categories": [
        (ANONYMOUS, {"participant_id": 901}, {}),
        ("care_staff", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 902}, {"disability": "false"}),
        ("community_manager", {"participant_id": 901}, {"disability": "false"}),  # consented
        ("community_manager", {"participant_id": 901}, {"disability": "maybe"}),
    ],
    "casa_participants_api_participant_consent_withdraw": [
        (ANONYMOUS, {"participant_id": 901}, {}),
        ("care_staff", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 902}, {}),
        ("community_manager", {"participant_id": 901}, {}),
        ("community_manager", {"participant_id": 901}, {}),  # none in force any more
    ],
    "casa_participants_api_participant_indicators": [
        (ANONYMOUS, {}, {}),
        ("community_manager", {}, {"start": "2026-01-01", "end": "2026-12-31"}),
        ("admin", {}, {"start": "2026-01-01", "end": "2026-12-31", "hub": "san-siro"}),
        ("admin", {}, {"start": "2026-12-31", "end": "2026-01-01"}),  # ends before it starts
    ],
    "casa_participants_api_participant_snapshot_list": [
        (ANONYMOUS, {}, {}),
        ("community_manager", {}, {}),
        ("admin", {}, {}),
        ("admin", {}, {"x": "\x00"}),
    ],
    "casa_participants_api_participant_snapshot_detail": [
        (ANONYMOUS, {"snapshot_id": 901}, {}),
        ("community_manager", {"snapshot_id": 901}, {}),
        ("admin", {"snapshot_id": 999999}, {}),
        ("admin", {"snapshot_id": 901}, {}),
        ("admin", {"snapshot_id": "first"}, {}),
    ],
}


def operations(schema):
    """operationId -> (method, path template, declared responses)."""
    return {operation["operationId"]: (method, path, operation["responses"])
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()}


def fits(value, schema, components):
    """Whether a JSON value fits a JSON schema, for the parts ninja's schemas use."""
    if "$ref" in schema:
        return fits(value, components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return any(fits(value, option, components) for option in schema["anyOf"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return (isinstance(value, dict)
                and all(name in value for name in schema.get("required", []))
                and all(fits(value[name], properties[name], components)
                        for name in value if name in properties))
    if kind == "array":
        return isinstance(value, list) and all(
            fits(item, schema.get("items", {}), components) for item in value)
    checks = {"string": lambda v: isinstance(v, str),
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
              "boolean": lambda v: isinstance(v, bool),
              "null": lambda v: v is None}
    return checks[kind](value) if kind else True


@pytest.fixture
def started_event(notices_and_events):  # noqa: F811
    """Event 903 at San Siro, started an hour ago."""
    import datetime as dt

    from django.utils import timezone

    from casa.events.models import Event
    from casa.registry.models import Hub

    start = timezone.now() - dt.timedelta(hours=1)
    Event.objects.create(pk=903, hub=Hub.objects.get(code="san-siro"), title="Started",
                         starts_at=start, ends_at=start + dt.timedelta(hours=2), place="Sala",
                         capacity=5, created_by=Event.objects.get(pk=901).created_by)


@pytest.fixture
def participant_snapshot(fse_participants, make_user):  # noqa: F811
    """Issue 11 (i11api): indicator snapshot 901, of every project, for 2026."""
    import datetime as dt

    from casa.participants.models import IndicatorSnapshot
    from casa.participants.selectors import indicators

    period = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    IndicatorSnapshot.objects.create(
        pk=901, period_start=period[0], period_end=period[1],
        figures=indicators(period=period),
        taken_by=make_user("programme_manager", email="probes-snapshot@example.invalid"))


@pytest.fixture
def monday():
    """Monday 30 November 2026, 8:00 in Rome: the appointments' probes name days and times."""
    with time_machine.travel(rome(MONDAY, 8), tick=False):
        yield


@pytest.fixture
def users(register, make_user):
    return {
        "tenant": make_user("tenant", fiscal_code=FISCAL_CODES[0]),
        "homeless_tenant": make_user("tenant", fiscal_code=FISCAL_CODES[3]),
        "care_staff": make_user("care_staff", hubs=[register["hubs"]["san-siro"]]),
        "community_manager": make_user("community_manager",
                                       hubs=[register["hubs"]["san-siro"]]),
        "benefit_officer": make_user("benefit_officer"),
        "admin": make_user("admin"),
    }


def test_every_operation_gives_exactly_the_answers_it_declares(
        client, monday, users, started_event, api_appointments,  # noqa: F811
        api_reports, case_files, hub_activities, care_records,  # noqa: F811
        participant_snapshot):
    schema = client.get(reverse("api:openapi-json")).json()
    declared_operations = operations(schema)
    assert set(PROBES) == set(declared_operations), "every operation needs its probes here"

    mismatches = []
    for operation_id, probes in PROBES.items():
        method, template, declared = declared_operations[operation_id]
        seen = set()
        for who, path_params, query, *body in probes:
            client.logout()
            if who != ANONYMOUS:
                client.force_login(users[who])
            url = template.format(**path_params)
            if body:
                content = body[0] if isinstance(body[0], str) else json.dumps(body[0])
                response = getattr(client, method)(url, content,
                                                   content_type="application/json")
            else:
                response = getattr(client, method)(url, query)
            status = str(response.status_code)
            seen.add(status)
            content = declared.get(status, {}).get("content", {}).get("application/json")
            if content and not fits(response.json(), content["schema"],
                                    schema["components"]["schemas"]):
                mismatches.append(f"{operation_id} {status}: body does not fit: "
                                  f"{response.content[:200]}")
        if seen != set(declared):
            mismatches.append(f"{operation_id}: declares {sorted(declared)}, "
                              f"answers {sorted(seen)}")
    assert mismatches == []


def test_every_refusal_is_described_with_its_body(client, db):
    schema = client.get(reverse("api:openapi-json")).json()

    undescribed = [f"{operation_id} {status}"
                   for operation_id, (_, _, declared) in operations(schema).items()
                   for status in declared
                   if status != "200" and "application/json" not in declared[status].get(
                       "content", {})]
    assert undescribed == []
