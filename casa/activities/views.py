"""The staff's pages of activities: the list per hub, an activity with its sessions, and a
session's page with who came (ticked on a phone, or found by name or fiscal code), the number
of other attendees and the volunteers' hours. Thin: reads in selectors.py, writes in
services.py, whose messages are shown next to the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record
from casa.core.forms import add_service_errors
from casa.registry.models import Member

from . import rules, selectors, services
from .forms import ActivityForm, AnonymousForm, ContributionForm, SearchForm, SessionForm
from .models import Contribution


def _refused(request, error):
    messages.error(request, " ".join(error.messages))


@allow("activities.view")
def activity_list(request):
    hubs = selectors.hubs_of(request.user)
    hub = hubs.filter(code=request.GET.get("hub", "")).first()
    return render(request, "activities/staff/list.html", {
        "activities": selectors.for_hub_list(request.user, hub),
        "hubs": hubs, "hub": hub,
        "may_create": selectors.manageable_hubs(request.user).exists(),
    })


@allow("activities.manage")
def activity_new(request):
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Activity created: now add its sessions."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/staff/activity_form.html", {"form": form})


def _activity_or_404(user, pk):
    activity = selectors.activity_for_staff(user, pk)
    if activity is None:
        raise Http404  # outside the user's hubs: not found, not forbidden
    return activity


def _activity_page(request, activity, form=None, status=200):
    may_manage = selectors.may_manage(request.user, activity.hub)
    return render(request, "activities/staff/detail.html", {
        "activity": activity, "sessions": selectors.sessions_of(activity),
        "may_manage": may_manage,
        "form": form or (SessionForm() if may_manage else None),
    }, status=status)


@allow("activities.view")
def activity_detail(request, pk):
    return _activity_page(request, _activity_or_404(request.user, pk))


@allow("activities.manage")
def session_new(request, pk):
    activity = _activity_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("activities:detail", pk=activity.pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = services.session_create(activity=activity, **form.cleaned_data,
                                              acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            return redirect("activities:session", pk=session.pk)
    return _activity_page(request, activity, form=form)


def _session_or_404(user, pk):
    session = selectors.session_for_staff(user, pk)
    if session is None:
        raise Http404
    return session


def _session_page(request, session, *, contribution_form=None, anonymous_form=None):
    """The session with who came: personal data, so each view is audited."""
    attendances = selectors.attendances(session)
    may_manage = selectors.may_manage(request.user, session.activity.hub)
    may_record = may_manage and rules.may_record_attendance(session.day,
                                                            timezone.localdate())
    marked = {a.member_id: a for a in attendances}
    registered = selectors.registered_members(session)
    # The list to tick: the households registered for the event, then whoever else is marked.
    rows = [(member, marked.get(member.pk)) for member in registered]
    listed = {member.pk for member in registered}
    rows += [(a.member, a) for a in attendances if a.member_id not in listed]
    search = SearchForm(request.GET or None)
    found = []
    if may_record and search.is_valid() and search.cleaned_data["q"]:
        found = selectors.search_members(session, search.cleaned_data["q"])
    audit_record(actor=request.user, action=AuditAction.VIEW, target=session,
                 changes={"attendances": len(attendances)}, note="session attendance")
    return render(request, "activities/staff/session.html", {
        "session": session, "activity": session.activity, "rows": rows,
        "attended": sum(1 for a in attendances if a.attended),
        "may_manage": may_manage, "may_record": may_record,
        "search": search, "found": found, "marked": marked,
        "contributions": selectors.contributions(session),
        "contribution_form": contribution_form or (ContributionForm(session=session)
                                                   if may_manage else None),
        "anonymous_form": anonymous_form or AnonymousForm(
            initial={"anonymous_attendees": session.anonymous_attendees}),
    })


@allow("activities.view")
def session_detail(request, pk):
    return _session_page(request, _session_or_404(request.user, pk))


def _ids(values):
    try:
        return {int(value) for value in values}
    except ValueError:
        return None


@allow("activities.manage")
def attendance(request, pk):
    """The ticked list: ticked people attended, listed and unticked ones did not. A GET only
    leads back to the session."""
    session = _session_or_404(request.user, pk)
    if request.method == "POST":
        ticked, shown = _ids(request.POST.getlist("came")), _ids(request.POST.getlist("shown"))
        if ticked is None or shown is None:
            messages.error(request, _("Tick only the people listed."))
        else:
            try:
                marked, unmarked = services.attendance_record(
                    session=session, ticked=ticked, shown=shown, acting_user=request.user)
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Attendance saved: %(marked)s marked, "
                                            "%(unmarked)s unmarked.")
                                 % {"marked": marked, "unmarked": unmarked})
    return redirect("activities:session", pk=session.pk)


@allow("activities.manage")
def attendee_add(request, pk):
    """Mark one person found by the search. A GET only leads back to the session."""
    session = _session_or_404(request.user, pk)
    if request.method == "POST":
        member_id = _ids([request.POST.get("member", "")] if request.POST.get("member")
                         else [])
        member = (Member.objects.current().filter(pk__in=member_id).first() if member_id
                  else None)
        if member is None:
            messages.error(request, _("Choose a person from the search."))
        else:
            try:
                services.attendance_mark(session=session, member=member,
                                         acting_user=request.user)
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(request, _("%(name)s marked as attending.")
                                 % {"name": member})
    return redirect("activities:session", pk=session.pk)


@allow("activities.manage")
def anonymous(request, pk):
    """The number of other attendees. A GET only leads back to the session."""
    session = _session_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("activities:session", pk=session.pk)
    form = AnonymousForm(request.POST)
    if form.is_valid():
        try:
            services.anonymous_set(session=session, acting_user=request.user,
                                   count=form.cleaned_data["anonymous_attendees"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Other attendees saved."))
            return redirect("activities:session", pk=session.pk)
    return _session_page(request, session, anonymous_form=form)


@allow("activities.manage")
def contribution_add(request, pk):
    """Record a volunteer's or a partner's hours. A GET only leads back to the session."""
    session = _session_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("activities:session", pk=session.pk)
    form = ContributionForm(request.POST, session=session)
    if form.is_valid():
        try:
            services.contribution_add(session=session, **form.cleaned_data,
                                      acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Hours recorded."))
            return redirect("activities:session", pk=session.pk)
    return _session_page(request, session, contribution_form=form)


@allow("activities.manage")
def contribution_remove(request, pk, contribution_id):
    session = _session_or_404(request.user, pk)
    contribution = Contribution.objects.filter(session=session, pk=contribution_id).first()
    if contribution is None:
        raise Http404
    if request.method == "POST":
        try:
            services.contribution_remove(contribution=contribution, acting_user=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Hours removed."))
    return redirect("activities:session", pk=session.pk)
