"""The public pages of the Spazi CASA, and the pages with which their staff keep them up to
date. Thin views: reads in selectors.py, writes in services.py."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casa.accounts.models import Role
from casa.core.access import allow, public
from casa.core.panels import render_panels
from casa.registry.models import Building

from . import selectors, services
from .access import editable_hubs
from .forms import AbsenceForm, AssignHubForm, ClosureForm, HubPageForm, WeeklyHoursForm
from .models import Absence, Closure
from .panels import HUB_PAGE


@public
def hub_list(request):
    today = selectors.hub_today()
    hubs = selectors.public_hubs()
    return render(request, "hubs/hub_list.html", {
        "rows": [(hub, selectors.opening_today(hub, today)) for hub in hubs],
    })


@public
def hub_page(request, code):
    hub = selectors.hub_by_code(code)
    if hub is None:
        raise Http404
    now = selectors.opening_now(hub)
    today = now.today.date
    return render(request, "hubs/hub_page.html", {
        "hub": hub,
        "profile": selectors.profile_of(hub),
        "services": selectors.services_of(hub),
        "map_url": selectors.map_url(hub),
        "today": now.today,
        "open_now": now.open_now,
        "next_period": now.next_period,
        "week": selectors.week_table(hub),
        "on_duty": selectors.on_duty(hub, today),
        "managers": selectors.community_managers(hub),
        "closures": selectors.upcoming_closures(hub, today),
        "holidays": selectors.upcoming_holidays(today, days=60),
        "can_edit": request.user.is_authenticated
        and editable_hubs(request.user).filter(pk=hub.pk).exists(),
        # The hub's upcoming events (casa/events), how to book (casa/appointments), ...
        "panels": render_panels(HUB_PAGE, request, hub),
    })


def _editable_hub(request, code):
    """The hub `code` if the user may edit it, else 404 (another hub's pages do not say
    whether it exists)."""
    return get_object_or_404(editable_hubs(request.user), code=code)


@allow("hubs.edit_hub")
def manage_list(request):
    hubs = list(editable_hubs(request.user).order_by("name"))
    if len(hubs) == 1:
        return redirect("hubs:manage", hubs[0].code)
    return render(request, "hubs/manage_list.html", {"hubs": hubs})


@allow("hubs.edit_hub")
def manage(request, code):
    hub = _editable_hub(request, code)
    profile = selectors.profile_of(hub)
    initial = {"phone": hub.phone, "email": hub.email, "about": profile.about,
               "services": profile.services, "latitude": profile.latitude,
               "longitude": profile.longitude}
    form = HubPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.hub_page_update(hub=hub, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The page of %(hub)s is up to date.") % {"hub": hub})
            return redirect("hubs:manage", hub.code)
    return render(request, "hubs/manage.html", {
        "hub": hub, "form": form, "staff": selectors.desk_staff(hub),
        "closures": selectors.upcoming_closures(hub, selectors.hub_today(hub)),
    })


@allow("hubs.edit_hub")
def hours(request, code):
    hub = _editable_hub(request, code)
    form = WeeklyHoursForm(request.POST or None, weekly=selectors.weekly_hours(hub))
    if request.method == "POST" and form.is_valid():
        try:
            services.hub_hours_set(hub=hub, weekly=form.weekly(), acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opening hours saved."))
            return redirect("hubs:manage", hub.code)
    return render(request, "hubs/hours.html", {
        "hub": hub, "form": form, "title": _("Opening hours of %(hub)s") % {"hub": hub.name},
    })


@allow("hubs.edit_hub")
def staff_hours(request, code, user_id):
    hub = _editable_hub(request, code)
    member = next((user for user in selectors.desk_staff(hub) if user.pk == user_id), None)
    if member is None:
        raise Http404
    weekly = selectors.staff_weekly_hours(hub, [member.pk]).get(member.pk, {})
    form = WeeklyHoursForm(request.POST or None, weekly=weekly)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_hours_set(hub=hub, user=member, weekly=form.weekly(),
                                     acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hours of %(name)s are saved.")
                             % {"name": member.get_full_name() or member.email})
            return redirect("hubs:manage", hub.code)
    title = _("Hours of %(name)s at %(hub)s") % {"name": member.get_full_name() or member.email,
                                                  "hub": hub.name}
    return render(request, "hubs/hours.html", {
        "hub": hub, "form": form, "title": title, "member": member,
        "bookable": member.role == Role.COMMUNITY_MANAGER,
    })


@allow("hubs.edit_hub")
def closures(request, code):
    hub = _editable_hub(request, code)
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.closure_add(hub=hub, acting_user=request.user,
                                           **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _closed_message(closure))
            return redirect("hubs:closures", hub.code)
    return render(request, "hubs/closures.html", {
        "hub": hub, "form": form,
        "closures": selectors.upcoming_closures(hub, selectors.hub_today(hub), limit=50),
    })


def _closed_message(record):
    cancelled = getattr(record, "cancelled_bookings", 0)
    text = _("Saved: from %(first)s to %(last)s.") % {
        "first": f"{record.starts_on:%d/%m/%Y}", "last": f"{record.ends_on:%d/%m/%Y}"}
    if cancelled:
        text += " " + ngettext(
            "%(count)s appointment on those days was cancelled and the tenant told.",
            "%(count)s appointments on those days were cancelled and the tenants told.",
            cancelled) % {"count": cancelled}
    return text


@allow("hubs.edit_hub")
def closure_delete(request, code, pk):
    hub = _editable_hub(request, code)
    closure = get_object_or_404(Closure, hub=hub, pk=pk)
    if request.method == "POST":
        services.closure_remove(closure=closure, acting_user=request.user)
        messages.success(request, _("The closure is removed: the Spazio CASA is open on those "
                                    "days again."))
    return redirect("hubs:closures", hub.code)


@allow("hubs.record_absence")
def absences(request):
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            absence = services.absence_add(user=request.user, acting_user=request.user,
                                           **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _closed_message(absence))
            return redirect("hubs:absences")
    return render(request, "hubs/absences.html", {
        "form": form,
        "absences": selectors.absences_of(request.user, selectors.hub_today()),
    })


@allow("hubs.record_absence")
def absence_delete(request, pk):
    absence = get_object_or_404(Absence, user=request.user, pk=pk)
    if request.method == "POST":
        services.absence_remove(absence=absence, acting_user=request.user)
        messages.success(request, _("The absence is removed."))
    return redirect("hubs:absences")


@allow("hubs.assign_buildings")
def buildings_without_hub(request):
    hubs = list(editable_hubs(request.user).order_by("name"))
    form = AssignHubForm(request.POST or None, hubs=hubs)
    if request.method == "POST":
        if form.is_valid():
            building = Building.objects.filter(code=form.cleaned_data["building"]).first()
            if building is None:
                form.add_error(None, _("That building is not in the register."))
            else:
                try:
                    services.building_assign_hub(building=building, hub=form.cleaned_data["hub"],
                                                 acting_user=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("%(building)s now belongs to %(hub)s.") % {
                        "building": building, "hub": form.cleaned_data["hub"].name})
                    return redirect(request.get_full_path())
        if form.errors:
            messages.error(request, " ".join(str(error) for errors in form.errors.values()
                                             for error in errors))
            return redirect(request.get_full_path())
    buildings = selectors.unassigned_buildings()
    query = " ".join(request.GET.get("q", "").split())[:100]
    if query:
        buildings = buildings.filter(Q(address__icontains=query)
                                     | Q(municipality__icontains=query)
                                     | Q(neighbourhood__icontains=query))
    page = Paginator(buildings, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.with_nearest(page.object_list)
    hub_codes = {hub.code for hub in hubs}
    return render(request, "hubs/buildings_without_hub.html", {
        "page": page, "query": query, "hubs": hubs,
        "query_string": urlencode({"q": query}) if query else "",
        "rows": [(building, suggestion, suggestion is not None
                  and suggestion[0].code in hub_codes) for building, suggestion in rows],
    })
