"""Writes about the Spazi CASA: the page, opening hours, closures, staff hours and absences,
and the hub of a building the register left without one. Every write takes the acting user
for the audit trail.

A closure or an absence is announced with a signal (signals.py) inside its transaction:
casa/appointments cancels the bookings it hits there, and tells the tenants.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casa.accounts.models import Role
from casa.core.audit import AuditAction, audit_event, audit_record, user_or_none
from casa.registry.models import Building, Hub

from . import signals
from .models import Absence, Closure, HubProfile, OpeningPeriod, Service, StaffHours, Weekday
from .opening import overlapping

# A closure or an absence longer than this is a typing mistake (2207 for 2027).
LONGEST_SPAN = dt.timedelta(days=366)


def _check_span(starts_on, ends_on):
    if ends_on < starts_on:
        raise ValidationError(_("The last day comes before the first day."), code="order")
    if ends_on - starts_on > LONGEST_SPAN:
        raise ValidationError(_("A period can last at most a year: check the dates."),
                              code="too_long")


def _check_weekly(weekly):
    """Refuse periods that end before they start or overlap on the same day."""
    for weekday, periods in weekly.items():
        label = Weekday(weekday).label
        for start, end in periods:
            if end <= start:
                raise ValidationError(_("%(day)s: a period must end after it starts.")
                                      % {"day": label}, code="order")
        if overlapping(periods):
            raise ValidationError(_("%(day)s: the periods overlap.") % {"day": label},
                                  code="overlap")


def _describe(weekly):
    return {str(Weekday(day).label): ", ".join(f"{start:%H:%M}-{end:%H:%M}"
                                               for start, end in sorted(periods))
            for day, periods in sorted(weekly.items()) if periods}


def hub_page_update(*, hub, phone, email, about, services, latitude, longitude, acting_user):
    """Update what the hub's public page says: phone and e-mail (the register's Hub), the text,
    the services and the point on the map (both coordinates or neither)."""
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Enter both coordinates, or neither."), code="coordinates")
    unknown = set(services) - set(Service.values)
    if unknown:
        raise ValidationError(_("Unknown service: %(value)s.") % {"value": sorted(unknown)[0]})
    with transaction.atomic():
        hub = Hub.objects.select_for_update().get(pk=hub.pk)
        profile, _created = HubProfile.objects.get_or_create(hub=hub)
        before = {"phone": hub.phone, "email": hub.email, "about": profile.about,
                  "services": profile.services, "latitude": profile.latitude,
                  "longitude": profile.longitude}
        hub.phone, hub.email = phone, email
        hub.save(update_fields=["phone", "email"])
        profile.about, profile.services = about, list(services)
        profile.latitude, profile.longitude = latitude, longitude
        profile.save()
        after = {"phone": phone, "email": email, "about": about, "services": list(services),
                 "latitude": latitude, "longitude": longitude}
        changes = {name: [_plain(before[name]), _plain(value)] for name, value in after.items()
                   if before[name] != value}
        if changes:
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=profile,
                         changes=changes)
    return profile


def _plain(value):
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def hub_hours_set(*, hub, weekly, acting_user):
    """Replace the hub's weekly opening hours with `weekly` ({weekday: [(opens, closes)]})."""
    _check_weekly(weekly)
    with transaction.atomic():
        hub = Hub.objects.select_for_update().get(pk=hub.pk)
        before = {}
        for period in OpeningPeriod.objects.filter(hub=hub):
            before.setdefault(period.weekday, []).append((period.opens_at, period.closes_at))
        OpeningPeriod.objects.filter(hub=hub).delete()
        OpeningPeriod.objects.bulk_create([
            OpeningPeriod(hub=hub, weekday=weekday, opens_at=start, closes_at=end)
            for weekday, periods in sorted(weekly.items()) for start, end in sorted(periods)])
        if _describe(before) != _describe(weekly):
            audit_event(actor=acting_user, action=AuditAction.UPDATE,
                        target_type="hubs.openingperiod", target_id=hub.code,
                        target_repr=hub.name,
                        changes={"hours": [_describe(before), _describe(weekly)]}).save()


def _span_add(span, *, signal, no_reason, acting_user):
    """Check and save a closure or an absence (models.Span), audited, and announce it with
    `signal`, whose receivers cancel the bookings it hits: `span.cancelled_bookings` says how
    many. `no_reason` is the message when it says no reason."""
    _check_span(span.starts_on, span.ends_on)
    span.reason = (span.reason or "").strip()
    if not span.reason:
        raise ValidationError(no_reason, code="reason")
    with transaction.atomic():
        span.created_by = user_or_none(acting_user)
        span.save()
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=span,
                     changes=span.audit_facts(), note=span.audit_note)
        span.cancelled_bookings = _announce(signal, acting_user=acting_user,
                                            **{span._meta.model_name: span})
    return span


def _span_remove(span, *, acting_user):
    with transaction.atomic():
        audit_record(actor=acting_user, action=AuditAction.DELETE, target=span,
                     changes=span.audit_facts(), note=span.audit_note)
        span.delete()


def closure_add(*, hub, starts_on, ends_on, reason, acting_user):
    """Close the hub from `starts_on` to `ends_on` (both included). The bookings it hits are
    cancelled by the receivers of `closure_added`; returns the closure, with
    `cancelled_bookings` set to how many they cancelled."""
    return _span_add(Closure(hub=hub, starts_on=starts_on, ends_on=ends_on, reason=reason),
                     signal=signals.closure_added,
                     no_reason=_("Say why the Spazio CASA is closed."), acting_user=acting_user)


def closure_remove(*, closure, acting_user):
    """The hub opens again on those days (bookings cancelled by the closure stay cancelled)."""
    _span_remove(closure, acting_user=acting_user)


def staff_hours_set(*, hub, user, weekly, acting_user):
    """Replace a staff member's weekly hours at the hub's desk. They must work at the hub, and
    cannot be at two hubs at once."""
    if user.role not in (Role.COMMUNITY_MANAGER, Role.CARE_STAFF) or not user.hubs.filter(
            pk=hub.pk).exists():
        raise ValidationError(_("%(name)s does not work at this Spazio CASA.")
                              % {"name": user.get_full_name() or user.email}, code="not_staff")
    _check_weekly(weekly)
    with transaction.atomic():
        # One writer at a time per staff member: the check across hubs below holds.
        type(user).objects.select_for_update().get(pk=user.pk)
        elsewhere = {}
        for row in StaffHours.objects.filter(user=user).exclude(hub=hub).select_related("hub"):
            elsewhere.setdefault(row.weekday, []).append((row.starts_at, row.ends_at, row.hub))
        for weekday, periods in weekly.items():
            for start, end in periods:
                for other_start, other_end, other_hub in elsewhere.get(weekday, ()):
                    if start < other_end and other_start < end:
                        raise ValidationError(
                            _("%(day)s: %(start)s-%(end)s overlaps the hours at %(hub)s.")
                            % {"day": Weekday(weekday).label, "start": f"{start:%H:%M}",
                               "end": f"{end:%H:%M}", "hub": other_hub.name},
                            code="overlap_elsewhere")
        before = {}
        for row in StaffHours.objects.filter(hub=hub, user=user):
            before.setdefault(row.weekday, []).append((row.starts_at, row.ends_at))
        StaffHours.objects.filter(hub=hub, user=user).delete()
        StaffHours.objects.bulk_create([
            StaffHours(hub=hub, user=user, weekday=weekday, starts_at=start, ends_at=end)
            for weekday, periods in sorted(weekly.items()) for start, end in sorted(periods)])
        if _describe(before) != _describe(weekly):
            audit_event(actor=acting_user, action=AuditAction.UPDATE,
                        target_type="hubs.staffhours", target_id=f"{hub.code}:{user.email}",
                        target_repr=f"{user} @ {hub.name}",
                        changes={"hours": [_describe(before), _describe(weekly)]}).save()


def absence_add(*, user, starts_on, ends_on, reason, acting_user):
    """Record that `user` is away from `starts_on` to `ends_on` (both included). The bookings
    it hits are cancelled by the receivers of `absence_added`; returns the absence, with
    `cancelled_bookings` set."""
    return _span_add(Absence(user=user, starts_on=starts_on, ends_on=ends_on, reason=reason),
                     signal=signals.absence_added,
                     no_reason=_("Say why you are away (e.g. leave, training)."),
                     acting_user=acting_user)


def absence_remove(*, absence, acting_user):
    _span_remove(absence, acting_user=acting_user)


def building_assign_hub(*, building, hub, acting_user):
    """Give a building that the register left without a hub its Spazio CASA. A hub the
    register names is not changed here (the next import would say otherwise); a later import
    with no hub for the building keeps this one (casa/registry/importing/load.py)."""
    with transaction.atomic():
        building = Building.objects.select_for_update().get(pk=building.pk)
        if building.hub_id is not None:
            raise ValidationError(
                _("%(building)s already belongs to %(hub)s.")
                % {"building": building, "hub": building.hub.name}, code="assigned")
        building.hub = hub
        building.save(update_fields=["hub"])
        audit_event(actor=acting_user, action=AuditAction.UPDATE,
                    target_type="registry.building", target_id=building.code,
                    target_repr=str(building), subject=f"building:{building.code}",
                    changes={"hub": ["", hub.code]}, note="assigned by staff").save()
    return building


def _announce(signal, *, acting_user, **record):
    """Send `signal` and return the number of bookings its receivers cancelled."""
    responses = signal.send(sender=next(iter(record.values())).__class__,
                            acting_user=acting_user, **record)
    return sum(result for _receiver, result in responses if isinstance(result, int))
