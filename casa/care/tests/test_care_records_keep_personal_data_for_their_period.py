"""The care staff's records lose their personal data when their period runs out
(casa/care/retention.py): a round's notes and photos after a year, an incident's description
after five, a visit's notes after two; a fragile resident whose follow-up ended a year ago is
removed with the visits and flags. Recent records and followed residents are untouched."""

import datetime as dt
import uuid

from django.core.files.storage import default_storage

from casa.care import services
from casa.care.models import Flag, FragileResident, Incident, Round, RoundCheck, Visit
from casa.core import retention

from .conftest import phone_photo, resident_of


def apply(name, now):
    return retention.apply(retention.POLICIES[name], now=now).done


def test_a_rounds_notes_and_photos_go_after_a_year(register, carer):
    building = register["households"]["H001"].unit.building
    round_ = services.round_submit(
        building=building, note="Il sig. Verdi del 3° piano non risponde",
        checks={"lighting": {"status": "problem", "note": "Lampada rotta dai Verdi",
                             "photo": phone_photo()}, "lifts": {"status": "ok"}},
        acting_user=carer, submission_key=uuid.uuid4())
    check = round_.checks.get(item="lighting")
    photo, thumbnail = check.photo.name, check.thumbnail.name
    assert default_storage.exists(photo) and default_storage.exists(thumbnail)
    done = round_.done_at

    assert apply("care.round", done.replace(year=done.year + 1)) == 0
    assert apply("care.round", done.replace(year=done.year + 1) + dt.timedelta(seconds=1)) == 1

    round_ = Round.objects.get(pk=round_.pk)
    check = RoundCheck.objects.get(pk=check.pk)
    assert (round_.note, check.note, check.photo.name, check.thumbnail.name) == ("", "", "", "")
    assert (check.item, check.status, round_.building) == ("lighting", "problem", building)
    assert not default_storage.exists(photo) and not default_storage.exists(thumbnail)
    assert apply("care.round", done.replace(year=done.year + 3)) == 0


def test_an_incidents_description_goes_after_five_years(register, carer):
    when = dt.datetime(2026, 2, 1, 22, 0, tzinfo=dt.UTC)
    incident = services.incident_record(
        building=register["households"]["H001"].unit.building, kind="damage", urgency="high",
        occurred_at=when, description="Rissa tra il sig. Neri e il vicino",
        what_followed="Denuncia", acting_user=carer, now=when + dt.timedelta(hours=1))
    assert apply("care.incident", when.replace(year=2031)) == 0
    assert apply("care.incident", when.replace(year=2031) + dt.timedelta(seconds=1)) == 1
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.description, incident.what_followed, incident.kind) == ("", "", "damage")


def test_a_resident_followed_up_is_kept_and_one_who_withdrew_is_removed_a_year_later(
        register, carer, neighbour_member):
    from conftest import FISCAL_CODES

    followed = resident_of(carer)
    withdrawn = resident_of(carer, fiscal_code=FISCAL_CODES[3])
    visit = services.visit_record(resident=withdrawn, notes="Cade spesso", problem_found=True,
                                  acting_user=carer)
    assert Flag.objects.filter(visit=visit).exists()
    services.resident_withdraw_consent(resident=withdrawn, acting_user=carer,
                                       today=dt.date(2026, 5, 4))

    assert apply("care.fragile_resident", dt.datetime(2027, 5, 4, 12, tzinfo=dt.UTC)) == 0
    assert apply("care.fragile_resident", dt.datetime(2027, 5, 5, 12, tzinfo=dt.UTC)) == 1
    assert list(FragileResident.objects.all()) == [followed]
    assert not Visit.objects.filter(pk=visit.pk).exists()
    assert not Flag.objects.exists()
    assert apply("care.fragile_resident", dt.datetime(2090, 1, 1, tzinfo=dt.UTC)) == 0


def test_a_visits_notes_go_after_two_years(register, carer):
    visit = services.visit_record(resident=resident_of(carer), notes="Dimessa dall'ospedale",
                                  problem_found=False, acting_user=carer)
    at = visit.visited_at
    assert apply("care.visit", at.replace(year=at.year + 2)) == 0
    assert apply("care.visit", at.replace(year=at.year + 2) + dt.timedelta(seconds=1)) == 1
    assert Visit.objects.get(pk=visit.pk).notes == ""
