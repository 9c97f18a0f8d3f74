"""The staff's pages of case files: the caseload, a case file with its forms, and opening a case
from the register's household page. Thin: reads in selectors.py (a case file's page is read
through `case_file_read`, audited), writes in services.py, whose ValidationError messages are
shown next to the fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.forms import add_service_errors
from casa.core.paging import page_of

from . import rules, selectors, services
from .staff_forms import (
    ActionForm,
    ArrearsForm,
    AssessmentForm,
    CloseForm,
    ContactForm,
    DoneForm,
    HandoverForm,
    OpenCaseForm,
    OutcomeForm,
    ReferralForm,
)


def _assess(case, data, form, user):
    services.case_assess(case=case, needs=form.needs(), summary=data["summary"],
                         acting_user=user)
    return _("Assessment saved.")


def _action(case, data, form, user):
    services.action_add(case=case, text=data["text"], due_on=data["due_on"],
                        owner_kind=data["owner_kind"], for_tenant=data["for_tenant"],
                        acting_user=user)
    return _("Action added to the plan.")


def _done(case, data, form, user):
    services.action_complete(action=data["action"], acting_user=user)
    return _("Action marked as done.")


def _contact(case, data, form, user):
    services.contact_log(case=case, kind=data["kind"], at=data.get("at"), notes=data["notes"],
                         public_summary=data["public_summary"], acting_user=user)
    return _("Contact recorded.")


def _referral(case, data, form, user):
    services.referral_send(case=case, to=data["to"], sent_on=data["sent_on"],
                           note=data["note"], acting_user=user)
    return _("Referral recorded.")


def _outcome(case, data, form, user):
    services.referral_record_outcome(referral=data["referral"], outcome=data["outcome"],
                                     outcome_on=data["outcome_on"], acting_user=user)
    return _("Outcome of the referral recorded.")


def _arrears(case, data, form, user):
    services.arrears_record(case=case, debt_eur=data["debt_eur"], step=data["step"],
                            step_on=data["step_on"], plan_signed_on=data["plan_signed_on"],
                            acting_user=user)
    return _("Arrears support recorded.")


def _close(case, data, form, user):
    services.case_close(case=case, outcome=data["outcome"], note=data["note"],
                        acting_user=user)
    return _("Case file closed.")


def _handover(case, data, form, user):
    case = services.case_hand_over(case=case, to_owner=data["to_owner"],
                                   reason=data["reason"], acting_user=user)
    return _("Case file handed over to %(name)s.") % {"name": case.owner}


# name -> (form class, whether it is built for the case, the capability, the service call)
FORMS = {
    "assess": (AssessmentForm, True, "casework.work", _assess),
    "action": (ActionForm, False, "casework.work", _action),
    "done": (DoneForm, True, "casework.work", _done),
    "contact": (ContactForm, False, "casework.work", _contact),
    "referral": (ReferralForm, False, "casework.work", _referral),
    "outcome": (OutcomeForm, True, "casework.work", _outcome),
    "arrears": (ArrearsForm, False, "casework.work", _arrears),
    "close": (CloseForm, False, "casework.work", _close),
    "handover": (HandoverForm, True, "casework.hand_over", _handover),
}


def _forms(request, case, bound=None):
    """The forms the user may use on an open case, unbound but for the one just posted."""
    if not case.is_open:
        return {}
    forms = {}
    for name, (form_class, of_case, capability, _call) in FORMS.items():
        if not can(request.user, capability):
            continue
        if bound is not None and bound.prefix == name:
            forms[name] = bound
        else:
            forms[name] = form_class(prefix=name, **({"case": case} if of_case else {}))
    return forms


@allow("casework.view")
def caseload(request):
    today = timezone.localdate()
    mine = can(request.user, "casework.work") and request.GET.get("all") != "1"
    page, query_string = page_of(request, selectors.caseload(request.user, mine=mine),
                                 selectors.CASELOAD_PAGE_SIZE)
    return render(request, "casework/staff/caseload.html", {
        "cases": selectors.mark_overdue(page.object_list, today), "page": page,
        "query_string": query_string, "mine": mine,
        "may_work": can(request.user, "casework.work"), "today": today})


def _detail(request, case, *, bound=None, status=200):
    today = timezone.localdate()
    actions = list(case.actions.select_related("done_by").order_by("done_at", "due_on", "id"))
    for action in actions:
        action.overdue = rules.is_overdue(action.due_on, action.done_at, today)
    contacts = list(selectors.case_contacts(case)[:selectors.CONTACTS_PAGE_SIZE + 1])
    return render(request, "casework/staff/detail.html", {
        "case": case,
        "needs": list(case.needs.all()),
        "actions": actions,
        # The latest contacts (a case open for years has hundreds): the others on the
        # contacts' pages.
        "contacts": contacts[:selectors.CONTACTS_PAGE_SIZE],
        "older_contacts": len(contacts) > selectors.CONTACTS_PAGE_SIZE,
        "referrals": list(case.referrals.all()),
        "steps": list(case.arrears_steps.all()),
        "handovers": list(case.handovers.select_related("from_owner", "to_owner", "by")),
        "energy_link": services.energy_link(case),
        "forms": _forms(request, case, bound),
    }, status=status)


@allow("casework.view")
def case_detail(request, pk):
    case = selectors.case_file_read(request.user, pk)
    if case is None:
        # 404, not 403: a case outside the user's scope must not reveal that it exists.
        raise Http404
    return _detail(request, case)


@allow("casework.view")
def case_contacts(request, pk):
    """A case file's contacts, newest first, CONTACTS_PAGE_SIZE a page: the older ones the
    case's page leaves out. Read as the case file is (audited)."""
    case = selectors.case_file_read(request.user, pk, note="contacts")
    if case is None:
        raise Http404
    page, query_string = page_of(request, selectors.case_contacts(case),
                                 selectors.CONTACTS_PAGE_SIZE)
    return render(request, "casework/staff/contacts.html", {
        "case": case, "page": page, "contacts": page.object_list,
        "query_string": query_string})


@allow("casework.view")
def case_act(request, pk, form_name):
    """Post one of the case's forms; on success back to the case, on an error the case's page
    with the message next to the field, nothing saved. A GET only leads back to the case."""
    case = selectors.case_for_staff(request.user, pk)
    if case is None or form_name not in FORMS:
        raise Http404
    if request.method != "POST":
        return redirect("casework_staff:detail", pk=case.pk)
    form_class, of_case, capability, call = FORMS[form_name]
    if not can(request.user, capability):
        raise PermissionDenied
    if not case.is_open:
        messages.error(request, _("This case file is closed: it cannot be changed."))
        return redirect("casework_staff:detail", pk=case.pk)
    form = form_class(request.POST, prefix=form_name, **({"case": case} if of_case else {}))
    if form.is_valid():
        try:
            done = call(case, form.cleaned_data, form, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, " ".join(error.args) or _("You cannot work on this case."))
        else:
            messages.success(request, done)
            return redirect("casework_staff:detail", pk=case.pk)
    # The page shown again reads the case: audited as any reading.
    case = selectors.case_file_read(request.user, pk, note="form with errors")
    return _detail(request, case, bound=form)


@allow("casework.work")
def case_new(request, code):
    """Open a case for a household of the user's hubs (from the register's household page)."""
    household = selectors.household_for_opening(request.user, code)
    if household is None:
        raise Http404
    form = OpenCaseForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(household=household, member=data["member"],
                                      reason=data["reason"], owner=data["owner"],
                                      acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, " ".join(error.args))
        else:
            messages.success(request, _("Case file %(reference)s opened.")
                             % {"reference": case.reference})
            return redirect("casework_staff:detail", pk=case.pk)
    return render(request, "casework/staff/new.html", {"form": form, "household": household})
