"""FSE+ participants in the JSON API (issue 11, i11api), with the pages' scope and services:
the hubs and their participants with missing data, one participant, completing their data
(labour-market status, education, gender, exit date), consent recorded and withdrawn, the
special categories (with consent in force only: services.special_categories_set), the Annex I
indicators for a project, hub and period with the number of records each figure could not
use, and the indicator snapshots.

Every read goes through selectors.py (visible_participants, the one scope), every write through
services.py. Every operation requires a session and its capability (SessionWith: 403 before
any parameter is read): participants.view to read participants, participants.manage to change
them, participants.view_indicators for the indicators and snapshots. Outside the caller's
hubs, or none: 404. A participant's record is personal data: each read is audited
(AuditAction.VIEW), as on the pages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Form, Router, Schema

from casa.core.api import SessionWith, api_page, invalid, page_answer, refusals

from . import selectors, services
from .forms import IndicatorFilterForm
from .models import SPECIAL_CATEGORIES, IndicatorSnapshot

router = Router(tags=["participants"])


class ParticipantHubOut(Schema):
    code: str
    name: str
    project: str | None


class ParticipantLineOut(Schema):
    id: int
    project: str
    fiscal_code: str
    first_name: str
    last_name: str
    entry_date: dt.date
    labour_status: str
    education: str
    consent_answered: bool
    consent_in_force: bool
    missing: list[str]


class ParticipantPageOut(Schema):
    """A page of a hub's participants, shaped as the caseload's (casa/casework/api.py)."""
    count: int
    page: int
    pages: int
    results: list[ParticipantLineOut]


class ConsentOut(Schema):
    given: bool
    how: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None


class ParticipantOut(Schema):
    id: int
    project: str
    hub: str
    fiscal_code: str
    first_name: str
    last_name: str
    household: str | None
    entry_date: dt.date
    exit_date: dt.date | None
    gender: str
    birth_date: dt.date | None
    labour_status: str
    education: str
    third_country_national: bool | None
    consent_in_force: bool
    special_categories: dict[str, bool | None]
    consents: list[ConsentOut]
    missing: list[str]


class CompleteIn(Schema):
    labour_status: str = ""
    education: str = ""
    gender: str | None = None
    exit_date: dt.date | None = None


class ConsentIn(Schema):
    given: bool
    how: str


class SpecialCategoriesIn(Schema):
    disability: bool | None = None
    foreign_background: bool | None = None
    minority: bool | None = None
    homeless: bool | None = None


class Figure(Schema):
    count: int | None = None
    counts: dict[str, int] | None = None
    missing: int


class IndicatorsOut(Schema):
    project: str | None
    hub: str | None
    start: dt.date
    end: dt.date
    figures: dict[str, Figure]


class SnapshotOut(IndicatorsOut):
    id: int
    taken_at: dt.datetime
    taken_by: str


def _missing(participant, consent_answered):
    return [name for name, absent in (("labour_status", not participant.labour_status),
                                      ("education", not participant.education),
                                      ("consent", not consent_answered)) if absent]


def _name(participant):
    member = participant.member
    return {"first_name": member.first_name if member else "",
            "last_name": member.last_name if member else ""}


def _participant_or_404(user, participant_id):
    participant = selectors.visible_participant(user, participant_id)
    if participant is None:
        raise Http404
    return participant


def _detail(user, participant):
    participant = selectors.with_consent(participant)
    services.participant_viewed(participant=participant, acting_user=user,
                                note="participant (API)")
    return {
        "id": participant.pk, "project": participant.project.code, "hub": participant.hub.code,
        "fiscal_code": participant.fiscal_code, **_name(participant),
        "household": participant.member.household.code if participant.member_id else None,
        "entry_date": participant.entry_date, "exit_date": participant.exit_date,
        "gender": participant.gender, "birth_date": participant.birth_date,
        "labour_status": participant.labour_status, "education": participant.education,
        "third_country_national": participant.third_country_national,
        "consent_in_force": participant.has_consent,
        "special_categories": {name: getattr(participant, name) for name in SPECIAL_CATEGORIES},
        "consents": [{"given": c.given, "how": c.how, "given_at": c.given_at,
                      "withdrawn_at": c.withdrawn_at} for c in participant.consents.all()],
        "missing": _missing(participant, participant.consent_answered),
    }


def _refused(error, field):
    """A service's refusal as the API's 422, in the caller's language."""
    if hasattr(error, "message_dict"):
        raise invalid(("form", field), *[message for messages in error.message_dict.values()
                                         for message in messages])
    raise invalid(("form", field), *error.messages)


# --- Participants ------------------------------------------------------------------------------

# No session: 401. Without participants.view: 403.
@router.get("staff/participants/hubs",
            response={200: list[ParticipantHubOut], **refusals(401, 403)},
            url_name="participant_hubs", summary="The Spazi CASA whose participants I see",
            auth=SessionWith("participants.view"))
def participant_hubs(request):
    return [{"code": hub.code, "name": hub.name,
             "project": getattr(selectors.project_of_hub(hub), "code", None)}
            for hub in selectors.hubs_for(request.auth)]


# No session: 401. Without participants.view: 403. Not a hub of the caller's, or none: 404. A
# page that is not a number: 422; past the last: the last.
@router.get("staff/participants/hubs/{hub}/participants",
            response={200: ParticipantPageOut, **refusals(401, 403, 404)},
            url_name="participant_hub_list", summary="A hub's participants with missing data",
            auth=SessionWith("participants.view"))
def participant_hub_list(request, hub: str, all: bool = False,  # noqa: A002 (the page's)
                         page: int = 1):
    """The participants supported at the hub whose labour status, education or consent
    answer is missing (`all=true`: every one), by entry date, HUB_PAGE_SIZE a page (i11ind).
    Each read is audited."""
    user = request.auth
    found = selectors.hubs_for(user).filter(code=hub).first()
    if found is None:
        raise Http404
    current = api_page(selectors.hub_participants(user, found, missing_only=not all),
                       selectors.HUB_PAGE_SIZE, page)
    services.participants_listed(participants=current.object_list, acting_user=user,
                                 note="hub participants (API)")
    return page_answer(current, [
        {"id": p.pk, "project": p.project.code, "fiscal_code": p.fiscal_code, **_name(p),
         "entry_date": p.entry_date, "labour_status": p.labour_status,
         "education": p.education, "consent_answered": p.consent_answered,
         "consent_in_force": p.has_consent, "missing": _missing(p, p.consent_answered)}
        for p in current.object_list])


# No session: 401. Without participants.view: 403. Outside the caller's hubs, or none: 404.
@router.get("staff/participants/{int:participant_id}",
            response={200: ParticipantOut, **refusals(401, 403, 404)},
            url_name="participant_detail", summary="A participant (audited)",
            auth=SessionWith("participants.view"))
def participant_detail(request, participant_id: int):
    return _detail(request.auth, _participant_or_404(request.auth, participant_id))


# No session: 401. Without participants.manage: 403. Outside the caller's hubs: 404. Refused
# (a value not from the list, an exit before the entry): 422 with the reasons.
@router.post("staff/participants/{int:participant_id}",
             response={200: ParticipantOut, **refusals(401, 403, 404)},
             url_name="participant_complete", summary="Complete a participant's data",
             auth=SessionWith("participants.manage"))
def participant_complete(request, participant_id: int, data: Form[CompleteIn]):
    """As a form: `labour_status`, `education` (empty: not known), `gender` (only if the
    person declares another than the register's), `exit_date`."""
    participant = _participant_or_404(request.auth, participant_id)
    try:
        participant = services.participant_complete(
            participant=participant, acting_user=request.auth,
            labour_status=data.labour_status, education=data.education, gender=data.gender,
            exit_date=data.exit_date)
    except ValidationError as error:
        _refused(error, "labour_status")
    return _detail(request.auth, participant)


# No session: 401. Without participants.manage: 403. Outside the caller's hubs: 404. Refused
# (how not from the list, a consent already in force): 422.
@router.post("staff/participants/{int:participant_id}/consent",
             response={200: ParticipantOut, **refusals(401, 403, 404)},
             url_name="participant_consent", summary="Record the answer to consent",
             auth=SessionWith("participants.manage"))
def participant_consent(request, participant_id: int, data: Form[ConsentIn]):
    """The participant's answer to the consent question for special categories, as a form:
    `given` (true/false) and `how` (signed_form, oral, digital)."""
    participant = _participant_or_404(request.auth, participant_id)
    try:
        services.consent_record(participant=participant, given=data.given, how=data.how,
                                acting_user=request.auth)
    except ValidationError as error:
        _refused(error, "how")
    return _detail(request.auth, participant)


# No session: 401. Without participants.manage: 403. Outside the caller's hubs: 404. No
# consent in force: 422.
@router.delete("staff/participants/{int:participant_id}/consent",
               response={200: ParticipantOut, **refusals(401, 403, 404)},
               url_name="participant_consent_withdraw", summary="Withdraw consent",
               auth=SessionWith("participants.manage"))
def participant_consent_withdraw(request, participant_id: int):
    """The participant withdraws consent: the special categories are removed."""
    participant = _participant_or_404(request.auth, participant_id)
    try:
        services.consent_withdraw(participant=participant, acting_user=request.auth)
    except ValidationError as error:
        _refused(error, "consent")
    return _detail(request.auth, participant)


# No session: 401. Without participants.manage: 403. Outside the caller's hubs: 404. No
# consent in force: 422.
@router.post("staff/participants/{int:participant_id}/special-categories",
             response={200: ParticipantOut, **refusals(401, 403, 404)},
             url_name="participant_special_categories", summary="Record special categories",
             auth=SessionWith("participants.manage"))
def participant_special_categories(request, participant_id: int,
                                   data: Form[SpecialCategoriesIn]):
    """As a form: `disability`, `foreign_background`, `minority`, `homeless` (true, false,
    or left out: not answered). Only with the participant's consent in force."""
    participant = _participant_or_404(request.auth, participant_id)
    try:
        services.special_categories_set(participant=participant, acting_user=request.auth,
                                        values={name: getattr(data, name)
                                                for name in SPECIAL_CATEGORIES})
    except ValidationError as error:
        _refused(error, "consent")
    return _detail(request.auth, participant)


# --- Indicators --------------------------------------------------------------------------------

def _indicators_out(*, project, hub, start, end, figures):
    return {"project": project.code if project else None, "hub": hub.code if hub else None,
            "start": start, "end": end, "figures": figures}


# No session: 401. Without participants.view_indicators: 403. A period, project or hub that
# cannot be read: 422 with the reasons (the page's form).
@router.get("staff/participants/indicators",
            response={200: IndicatorsOut, **refusals(401, 403)},
            url_name="participant_indicators", summary="Annex I indicators",
            auth=SessionWith("participants.view_indicators"))
def participant_indicators(request, start: str, end: str, project: str = "", hub: str = ""):
    """The common output indicators of the participants who entered from `start` to `end`
    (both included), of `project` and/or `hub` (codes; empty: all). Each figure says how many
    records it could not use (`missing`: no such data, or a special category without consent
    in force)."""
    form = IndicatorFilterForm({"start": start, "end": end, "project": project, "hub": hub})
    if not form.is_valid():
        raise invalid(("query", "start"), *[message for messages in form.errors.values()
                                            for message in messages])
    data = form.cleaned_data
    figures = selectors.indicators(project=data["project"], hub=data["hub"],
                                   period=(data["start"], data["end"]))
    return _indicators_out(project=data["project"], hub=data["hub"], start=data["start"],
                           end=data["end"], figures=figures)


def _snapshot(snapshot):
    return {"id": snapshot.pk, "taken_at": snapshot.taken_at,
            "taken_by": snapshot.taken_by.get_full_name() or snapshot.taken_by.email,
            **_indicators_out(project=snapshot.project, hub=snapshot.hub,
                              start=snapshot.period_start, end=snapshot.period_end,
                              figures=snapshot.figures)}


def _snapshots():
    return IndicatorSnapshot.objects.select_related("project", "hub", "taken_by")


# No session: 401. Without participants.view_indicators: 403.
@router.get("staff/participants/snapshots",
            response={200: list[SnapshotOut], **refusals(401, 403)},
            url_name="participant_snapshot_list", summary="Indicator snapshots",
            auth=SessionWith("participants.view_indicators"))
def participant_snapshot_list(request):
    """The latest 50 snapshots: the figures as they were taken and reported."""
    return [_snapshot(snapshot) for snapshot in _snapshots()[:50]]


# No session: 401. Without participants.view_indicators: 403. No such snapshot: 404.
@router.get("staff/participants/snapshots/{snapshot_id}",
            response={200: SnapshotOut, **refusals(401, 403, 404)},
            url_name="participant_snapshot_detail", summary="An indicator snapshot",
            auth=SessionWith("participants.view_indicators"))
def participant_snapshot_detail(request, snapshot_id: int):
    snapshot = _snapshots().filter(pk=snapshot_id).first()
    if snapshot is None:
        raise Http404
    return _snapshot(snapshot)
