"""The review of applications for benefit officers and approvers: the queue (casa/energy/queue.py:
what needs the user's action, search, sort, filters kept in the query string), an application
with the household and its contacts, the rule's checks in plain words, the decision history
with the letters, the call's budget, the actions (start the review, ask for information,
approve or reject, confirm) and the next application of the same queue. Applications are
personal data: lists and pages cover only the households the user may see, and each view is
recorded in the audit trail (one event per page)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_event, audit_record
from casa.core.paging import nearest_page
from casa.registry.models import Hub
from casa.registry.selectors import search_hub_choices

from .. import appeals, controls, decisions, workflow
from .. import queue as review_queue
from ..applying import masked
from ..explain import REASON_LABELS, explain, isee_used, isee_wanted_sentence
from ..letters import letter_available
from ..models import (
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    Channel,
    DecisionState,
)
from .common import application_or_404

S = ApplicationStatus


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(label=gettext_lazy("Show"), required=False,
                             choices=[(review_queue.ACTION, gettext_lazy("Needs my action")),
                                      (review_queue.OPEN, gettext_lazy("In progress")),
                                      (review_queue.WAITLIST, gettext_lazy("Waiting list")),
                                      (review_queue.FINISHED, gettext_lazy(
                                          "Finished (approved, paid, rejected)")),
                                      (review_queue.ALL, gettext_lazy("All applications"))])
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100,
                        help_text=gettext_lazy("Protocol number, name, fiscal code or "
                                               "household code."))
    call = forms.ModelChoiceField(label=gettext_lazy("Call"), required=False,
                                  queryset=Call.objects.all(), to_field_name="code",
                                  empty_label=gettext_lazy("All calls"))
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("Every status")), *S.choices])
    hub = forms.ModelChoiceField(label=gettext_lazy("Spazio CASA"), required=False,
                                 queryset=Hub.objects.order_by("name"), to_field_name="code",
                                 empty_label=gettext_lazy("All Spazi CASA"))
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False,
                                choices=[("", gettext_lazy("Every channel")),
                                         *Channel.choices])
    to_confirm = forms.BooleanField(label=gettext_lazy("Only approvals I can confirm"),
                                    required=False)
    appeal = forms.BooleanField(label=gettext_lazy("Only applications with an open appeal"),
                                required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = search_hub_choices(user)
        if not review_queue.acts(user):  # nothing needs their action: they read
            self.fields["show"].choices = self.fields["show"].choices[1:]

    def clean_sort(self):
        value = self.cleaned_data["sort"]
        if value and review_queue.Sort.parse(value) is None:
            raise ValidationError("unknown sort")
        return value


# The query string of a queue: kept on its links, on each application's page and through the
# actions there, so that the officer comes back to the same filtered, sorted page.
QUEUE_KEYS = ("show", "q", "call", "status", "hub", "channel", "to_confirm", "appeal", "sort",
              "page")


def _fallback_message(form, name, value, user):
    value = Truncator(value).chars(40)
    if name == "call":
        return _("There is no call “%(code)s”: showing every call.") % {"code": value}
    if name == "hub":
        return _("There is no Spazio CASA “%(code)s” you may filter by: showing all of them."
                 ) % {"code": value}
    if name == "sort":
        return _("Unknown sort order “%(sort)s”: sorted by submission date.") % {
            "sort": value}
    if name == "show":
        return _("Unknown view “%(view)s”: showing %(default)s.") % {
            "view": value, "default": VIEW_LABELS[review_queue.default_view(user)]}
    if name == "q":
        return _("The search text is longer than %(max)s characters: it was ignored.") % {
            "max": form.fields["q"].max_length}
    return _("Ignored the filter “%(label)s”: “%(value)s” is not one of its choices.") % {
        "label": form.fields[name].label, "value": value}


def _queue_params(data):
    """The queue's own keys of a query string (nothing else is carried along), not checked."""
    kept = QueryDict(mutable=True)
    for key in QUEUE_KEYS:
        if data.get(key):
            kept[key] = data[key][:200]
    return kept


def queue_filters(data, user):
    """The queue's Filters from a query string, with every bad value dropped: (filters, the
    kept values as a query dict, a message for each value dropped). Never raises."""
    kept = _queue_params(data)
    warnings = []
    form = QueueFilterForm(kept, user=user)
    if not form.is_valid():
        for name in form.errors:
            warnings.append(_fallback_message(form, name, kept.get(name, ""), user))
            kept.pop(name, None)
        form = QueueFilterForm(kept, user=user)
        form.is_valid()
    data = form.cleaned_data
    view = data.get("show") or review_queue.default_view(user)
    sort = review_queue.Sort.parse(data.get("sort") or "") or review_queue.default_sort(view)
    filters = review_queue.Filters(view=view, q=data.get("q", ""), call=data.get("call"),
                                   hub=data.get("hub"), channel=data.get("channel", ""),
                                   status=data.get("status", ""),
                                   to_confirm=bool(data.get("to_confirm")),
                                   appeal=bool(data.get("appeal")), sort=sort)
    return filters, form, kept, warnings


VIEW_LABELS = dict(QueueFilterForm.base_fields["show"].choices)


def _with(query, **changes):
    """`query` (a QueryDict) urlencoded with `changes` (None removes a key)."""
    query = query.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


class DecisionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Reasons in words"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class InformationForm(forms.Form):
    message = forms.CharField(label=gettext_lazy("What the tenant must send"),
                              widget=forms.Textarea(attrs={"rows": 3}))


# The sortable columns: (sort key, header).
SORTABLE = {review_queue.SUBMITTED: gettext_lazy("Submitted"),
            review_queue.AMOUNT: gettext_lazy("Amount"),
            review_queue.ISEE: gettext_lazy("ISEE used"),
            review_queue.POSITION: gettext_lazy("Waiting list position")}


def _sort_headers(filters, kept):
    """Each sortable column's header: its link (the other direction when it is the current
    sort, ascending otherwise) and its aria-sort."""
    headers = {}
    for key, label in SORTABLE.items():
        current = filters.sort.key == key
        following = review_queue.Sort(key, descending=current and not filters.sort.descending)
        headers[key] = {
            "label": label,
            "url": "?" + _with(kept, sort=str(following), page=None),
            "aria_sort": (("descending" if filters.sort.descending else "ascending")
                          if current else None),
            "next_direction": (_("sort descending") if following.descending
                               else _("sort ascending")),
        }
    return headers


@allow("energy.view_applications")
def queue(request):
    user = request.user
    filters, form, kept, warnings = queue_filters(request.GET, user)
    ids = review_queue.queue(user, filters).values_list("pk", flat=True)
    page, warning = nearest_page(ids, settings.CASA_PAGE_SIZE, kept.get("page") or None)
    if warning:
        warnings.append(warning)
        kept["page"] = str(page.number)
    for text in warnings:
        messages.warning(request, text)
    rows = review_queue.rows(list(page.object_list))
    audit_event(actor=user, action=AuditAction.VIEW,
                target_type=Application._meta.label_lower, target_id="review-queue",
                target_repr=_("Review queue"),
                changes={"filters": {key: value for key, value in kept.items()
                                     if key != "page"},
                         "page": page.number,
                         "applications_listed": [app.protocol for app in rows]}).save()
    return render(request, "energy/review/queue.html", {
        "form": form, "filters": filters, "page": page, "rows": rows,
        "more_filters": any(key in kept for key in ("call", "status", "hub", "channel",
                                                    "to_confirm", "appeal")),
        "answered": {app.pk for app in rows if review_queue.is_answered(app)},
        "views": [(value, label, "?" + _with(kept, show=value, page=None),
                   value == filters.view)
                  for value, label in form.fields["show"].choices],
        "sort_headers": _sort_headers(filters, kept),
        "query_string": _with(kept, page=None),  # for the pagination links
        "row_query": kept.urlencode(),  # for each application's link
        "all_url": "?" + _with(kept, show=review_queue.ALL, page=None),
    })


def _page_url(protocol, query):
    url = reverse("energy:review_application", args=[protocol])
    return f"{url}?{query}" if query else url


@allow("energy.view_applications")
def application_page(request, protocol):
    user = request.user
    application = application_or_404(user, protocol)
    audit_record(actor=user, action=AuditAction.VIEW, target=application)
    call = application.call
    household = application.household
    filters, _form, kept, _warnings = queue_filters(request.GET, user)
    following = review_queue.after(review_queue.queue(user, filters), application,
                                   filters.sort)
    decision_rows = list(application.decisions.select_related("decided_by", "confirmed_by")
                         .order_by("decided_at", "id"))
    pending = next((d for d in decision_rows if d.state == DecisionState.PENDING), None)
    can_review = can(user, "energy.review")
    appeal = (application.appeals.filter(status=AppealStatus.OPEN)
              .select_related("filed_by", "decision").first())
    request_change = workflow.latest_information_request(application)
    decide_conflict = decisions.duty_conflict(application, user, controls.Duty.DECIDE)
    confirm_conflict = (decisions.duty_conflict(application, user, controls.Duty.CONFIRM)
                        if pending else None)
    sharers, sharers_hidden = review_queue.iban_sharers(application, user)
    query = kept.urlencode()
    return render(request, "energy/review/application.html", {
        "appeal": appeal,
        "can_decide_appeal": appeal is not None and appeals.may_decide(appeal, user),
        "appeal_is_mine": (appeal is not None and can_review
                           and not appeals.may_decide(appeal, user)),
        "application": application,
        "call": call,
        "household": household,
        "members": household.members.current().order_by("relation", "last_name"),
        "masked_iban": masked(application.iban),
        # The form signed at the desk prints to whoever may read the application (same
        # capability and scope as documents.assisted_form).
        "signed_form_url": (reverse("energy:assisted_form", args=[application.protocol])
                            if application.channel == Channel.ASSISTED else ""),
        "iban_sharers": sharers,
        "iban_sharers_hidden": sharers_hidden,
        "queue_query": query,
        "queue_url": reverse("energy:review_queue") + (f"?{query}" if query else ""),
        "next_application": following,
        "next_url": (_page_url(following.protocol, _with(kept, page=None))
                     if following else ""),
        "isee_used": isee_used(application),
        "reasons": [REASON_LABELS.get(code, code) for code in application.reasons],
        "sentences": explain(application.trace or []),
        "decisions": [(decision, explain(decision.trace or []),
                       [REASON_LABELS.get(code, code) for code in decision.reasons],
                       isee_used(decision), letter_available(decision))
                      for decision in decision_rows],
        "history": workflow.history(application),
        "information_request": request_change,
        "isee_wanted": isee_wanted_sentence((request_change.details or {}).get("isee_wanted"))
        if request_change else "",
        "answers": application.answers.prefetch_related("attachments").order_by("answered_at"),
        "pending": pending,
        "left": call.budget_eur - call.committed_eur,
        "position": application.waitlist_position,
        "can_start": can_review and application.status in (S.SUBMITTED, S.NEEDS_INFORMATION),
        "can_ask": can_review and workflow.can_move(application, S.NEEDS_INFORMATION),
        "can_decide": (can_review and application.status in decisions.DECIDABLE
                       and decide_conflict is None),
        "decide_conflict": (decisions.CONFLICT_MESSAGES[decide_conflict]
                            if can_review and decide_conflict
                            and application.status in decisions.DECIDABLE else ""),
        "can_confirm": (pending is not None and can(user, "energy.confirm")
                        and confirm_conflict is None),
        "confirm_conflict": (decisions.CONFLICT_MESSAGES[confirm_conflict]
                             if pending is not None and confirm_conflict else ""),
        "can_send_back": pending is not None and (can(user, "energy.confirm") or can_review),
        "decision_form": DecisionForm(),
        "information_form": InformationForm(),
    })


ACTIONS = {
    # action -> capability it needs (the services check duties and conflicts again)
    "start": "energy.review",
    "information": "energy.review",
    "approve": "energy.review",
    "reject": "energy.review",
    "confirm": "energy.confirm",
    "send_back": "energy.view_applications",
}


@allow("energy.view_applications")
@require_http_methods(["GET", "POST"])
def application_action(request, protocol):
    """POST one action on the application; a GET only leads back to its page."""
    application = application_or_404(request.user, protocol)
    # Back to the page with the queue's filters, so that "next application" follows them.
    back = _page_url(protocol, _queue_params(request.GET).urlencode())
    if request.method != "POST":
        return redirect(back)
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect(back)
    if not can(request.user, ACTIONS[action]):
        raise PermissionDenied
    user = request.user
    try:
        if action == "start":
            decisions.application_start_review(application=application, acting_user=user)
            messages.success(request, _("Review started."))
        elif action == "send_back":
            decisions.application_send_back(application=application, acting_user=user,
                                            note=request.POST.get("note", ""))
            messages.success(request, _("Sent back without confirmation."))
        elif action == "information":
            decisions.application_request_information(
                application=application, message=request.POST.get("message", ""),
                acting_user=user)
            messages.success(request, _("The request for information was sent to the "
                                        "tenant."))
        elif action in ("approve", "reject"):
            decision = decisions.application_decide(
                application=application, approve=action == "approve",
                note=request.POST.get("note", ""), acting_user=user)
            messages.success(request, _decided_message(decision))
        else:
            decision = decisions.application_confirm(application=application, acting_user=user)
            messages.success(request, _("Confirmed.") if decision.outcome == S.APPROVED
                             else _("Confirmed, but the budget left does not cover it: the "
                                    "application is on the waiting list."))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(back)


def _decided_message(decision):
    if decision.outcome == S.REJECTED:
        return _("Application rejected; the tenant has been told.")
    if decision.outcome == S.WAITLISTED:
        return _("The budget left does not cover the amount: the application is on the "
                 "waiting list.")
    if decision.state == DecisionState.PENDING:
        return _("Approval recorded: above the threshold, an approver must confirm it.")
    return _("Application approved; the amount is committed against the budget.")
