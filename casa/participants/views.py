"""The staff's pages of FSE+ participants: per hub, the participants with missing data and a
page to complete each one (consent recorded and withdrawn there); the indicators per project,
hub and period, and the snapshots taken of them. Thin: reads in selectors.py, writes in
services.py, whose ValidationError messages are shown next to the fields. Every page that
shows a participant's data is audited (AuditAction.VIEW)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.forms import add_service_errors
from casa.core.paging import page_of

from . import selectors, services
from .forms import CompleteForm, ConsentForm, IndicatorFilterForm, SpecialCategoriesForm
from .models import (
    SPECIAL_CATEGORIES,
    Education,
    Gender,
    IndicatorSnapshot,
    LabourStatus,
)


def _hub_or_404(user, code):
    hub = selectors.hubs_for(user).filter(code=code).first()
    if hub is None:
        raise Http404
    return hub


@allow("participants.view")
def hubs(request):
    return render(request, "participants/staff/hubs.html",
                  {"hubs": selectors.hubs_for(request.user),
                   "can_see_indicators": can(request.user, "participants.view_indicators")})


@allow("participants.view")
def hub_participants(request, code):
    hub = _hub_or_404(request.user, code)
    everyone = request.GET.get("all") == "1"
    page, query_string = page_of(
        request, selectors.hub_participants(request.user, hub, missing_only=not everyone),
        selectors.HUB_PAGE_SIZE)
    # Names of the register shown: each read in the trail, under its household.
    services.participants_listed(participants=page.object_list, acting_user=request.user)
    return render(request, "participants/staff/hub.html",
                  {"hub": hub, "participants": page.object_list, "page": page,
                   "query_string": query_string, "everyone": everyone})


def _participant_or_404(user, pk):
    participant = selectors.visible_participant(user, pk)
    if participant is None:
        # 404, not 403: a participant outside the user's scope must not reveal it exists.
        raise Http404
    return participant


def _detail(request, participant, *, complete=None, consent=None, special=None):
    participant = selectors.with_consent(participant)
    in_force = participant.consent_in_force()
    manage = can(request.user, "participants.manage")
    context = {
        "participant": participant, "in_force": in_force, "manage": manage,
        "consents": participant.consents.select_related("recorded_by", "withdrawn_by"),
        "events": participant.events.select_related("hub"),
        "special": [(label, getattr(participant, name))
                    for name, label in SPECIAL_CATEGORIES.items()],
        "complete_form": complete or CompleteForm(initial={
            "labour_status": participant.labour_status, "education": participant.education,
            "gender": participant.gender, "exit_date": participant.exit_date}),
        "consent_form": consent or ConsentForm(),
        "special_form": special or SpecialCategoriesForm(participant=participant),
    }
    audit_record(actor=request.user, action=AuditAction.VIEW, target=participant,
                 note="participant page")
    return render(request, "participants/staff/detail.html", context)


@allow("participants.view")
def participant_detail(request, pk):
    participant = _participant_or_404(request.user, pk)
    if request.method != "POST":
        return _detail(request, participant)
    if not can(request.user, "participants.manage"):
        raise PermissionDenied
    form = CompleteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.participant_complete(
                participant=participant, acting_user=request.user,
                labour_status=data["labour_status"], education=data["education"],
                gender=data["gender"], exit_date=data["exit_date"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The participant's data was saved."))
            return redirect("participants:detail", pk=participant.pk)
    return _detail(request, participant, complete=form)


@allow("participants.manage")
@require_POST
def consent(request, pk):
    participant = _participant_or_404(request.user, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record(participant=participant, acting_user=request.user,
                                    given=form.cleaned_data["given"],
                                    how=form.cleaned_data["how"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The participant's answer was recorded."))
            return redirect("participants:detail", pk=participant.pk)
    return _detail(request, participant, consent=form)


@allow("participants.manage")
@require_POST
def consent_withdraw(request, pk):
    participant = _participant_or_404(request.user, pk)
    try:
        services.consent_withdraw(participant=participant, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Consent withdrawn: the special categories were "
                                    "removed."))
    return redirect("participants:detail", pk=participant.pk)


@allow("participants.manage")
@require_POST
def special_categories(request, pk):
    participant = _participant_or_404(request.user, pk)
    form = SpecialCategoriesForm(request.POST, participant=participant)
    if form.is_valid():
        try:
            services.special_categories_set(participant=participant, values=form.values(),
                                            acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The special categories were saved."))
            return redirect("participants:detail", pk=participant.pk)
    return _detail(request, participant, special=form)


# --- Indicators ----------------------------------------------------------------------------------

BREAKDOWNS = (
    ("gender", gettext_lazy("By gender"), dict(Gender.choices)),
    ("labour_status", gettext_lazy("By labour-market status at entry"),
     {**dict(LabourStatus.choices),
      "unemployed": gettext_lazy("unemployed, including long-term unemployed")}),
    ("age", gettext_lazy("By age at entry"),
     {"under_18": gettext_lazy("under 18"), "18_29": gettext_lazy("18 to 29"),
      "55_and_over": gettext_lazy("55 and over")}),
    ("education", gettext_lazy("By education"), dict(Education.choices)),
)
COUNTS = (("third_country_national", gettext_lazy("third-country nationals")),
          *SPECIAL_CATEGORIES.items())


def figure_groups(figures):
    """The figures as labelled groups of (label, count, records not usable) rows."""
    groups = [(_("Participants"), [(_("total"), figures["total"]["count"], None)])]
    for key, title, labels in BREAKDOWNS:
        figure = figures[key]
        rows = [(labels[name], count, None) for name, count in figure["counts"].items()]
        rows.append((_("records without this data"), None, figure["missing"]))
        groups.append((title, rows))
    groups.append((_("Other categories"), [
        (label, figures[key]["count"], figures[key]["missing"]) for key, label in COUNTS]))
    return groups


@allow("participants.view_indicators")
def indicators(request):
    form = IndicatorFilterForm(request.POST if request.method == "POST" else
                               (request.GET or None))
    groups = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        period = (data["start"], data["end"])
        if request.method == "POST":
            if not can(request.user, "participants.take_snapshot"):
                raise PermissionDenied
            snapshot = services.snapshot_take(acting_user=request.user, period=period,
                                              project=data["project"], hub=data["hub"])
            messages.success(request, _("Snapshot taken: these figures are kept as "
                                        "reported."))
            return redirect("participants:snapshot", pk=snapshot.pk)
        groups = figure_groups(selectors.indicators(project=data["project"], hub=data["hub"],
                                                    period=period))
    snapshots = IndicatorSnapshot.objects.select_related("project", "hub", "taken_by")[:20]
    return render(request, "participants/staff/indicators.html",
                  {"form": form, "groups": groups, "snapshots": snapshots,
                   "can_snapshot": can(request.user, "participants.take_snapshot")})


@allow("participants.view_indicators")
def snapshot(request, pk):
    taken = get_object_or_404(IndicatorSnapshot.objects.select_related("project", "hub",
                                                                       "taken_by"), pk=pk)
    return render(request, "participants/staff/snapshot.html",
                  {"snapshot": taken, "groups": figure_groups(taken.figures)})
