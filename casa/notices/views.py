"""Notices: the tenant's list and page (reading one marks it read), its attachment, and the back
office (list, publish, a notice with its read receipts, who read it, send, withdraw). Thin:
reads in selectors.py, writes in services.py."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casa.core import uploads
from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.drafts import with_draft
from casa.core.forms import add_service_errors
from casa.registry.selectors import tenant_household

from . import selectors, services
from .forms import NoticeForm


def _state_label(state):
    # Looked up when the page renders, in the reader's language.
    return {"scheduled": _("scheduled"), "published": _("published"), "ended": _("ended"),
            "withdrawn": _("withdrawn")}[state]


# --- Tenants -------------------------------------------------------------------------------

@allow("notices.read")
def my_notices(request):
    household = tenant_household(request.user)
    notices = selectors.for_user(request.user, household=household)
    page = Paginator(notices, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notices/my_notices.html", {
        "page": page,
        "household": household,
        "unread": notices.filter(is_read=False).count() if household else 0,
    })


@allow("notices.read")
def my_notice(request, pk):
    household = tenant_household(request.user)
    notice = (selectors.notice_for_tenant(request.user, pk, household=household)
              if household else None)
    if notice is None:
        raise Http404  # another home's notice, or not published: not found
    services.notice_mark_read(notice=notice, user=request.user, household=household)
    return render(request, "notices/my_notice.html", {"notice": notice,
                                                      "was_unread": not notice.is_read})


@allow("notices.download_attachment")
def attachment(request, pk):
    """The notice's document, to the tenants it concerns and to staff who see the notice;
    always a download with the type found in its content."""
    notice = selectors.visible_notice(request.user, pk)
    if notice is None or not notice.attachment:
        raise Http404
    try:
        stored = notice.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stem = notice.attachment_name.rsplit(".", 1)[0] or f"notice-{notice.pk}"
    extension = uploads.EXTENSIONS.get(notice.attachment_type, "bin")
    response = FileResponse(stored, as_attachment=True, filename=f"{stem}.{extension}",
                            content_type=notice.attachment_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Staff ---------------------------------------------------------------------------------

def _staff_notice_or_404(user, pk):
    notice = selectors.notice_for_staff(user, pk)
    if notice is None:
        raise Http404
    return notice


@allow("notices.view")
def staff_list(request):
    notices = selectors.for_staff(request.user)
    page = Paginator(notices, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(notice, notice.state(), _state_label(notice.state()))
            for notice in page.object_list]
    return render(request, "notices/staff_list.html", {
        "page": page, "rows": rows, "can_publish": can(request.user, "notices.publish"),
    })


@allow("notices.publish")
def new(request):
    if request.method == "POST":
        form = NoticeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                notice = services.notice_publish(**form.service_arguments(),
                                                  acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error, NoticeForm.SERVICE_FIELDS)
            else:
                messages.success(request, _("Notice published."))
                return redirect("notices:detail", pk=notice.pk)
    else:
        form = NoticeForm(user=request.user)
    form = with_draft(request, form, "notice-form")  # the language switch keeps what was typed
    return render(request, "notices/staff_form.html", {"form": form})


@allow("notices.view")
def detail(request, pk):
    notice = _staff_notice_or_404(request.user, pk)
    state = notice.state()
    may_act = selectors.may_publish(request.user, audience=notice.audience, hub=notice.hub,
                                    building=notice.building)
    return render(request, "notices/staff_detail.html", {
        "notice": notice,
        "state": state,
        "state_label": _state_label(state),
        "receipts": selectors.receipts(notice, request.user),
        "can_view_readers": can(request.user, "notices.view_readers"),
        "can_send": (may_act and notice.urgent and notice.urgent_sent_at is None
                     and state == "published"),
        "can_withdraw": may_act and state in ("scheduled", "published"),
        "sent_messages": selectors.urgent_message_count(notice) if notice.urgent else 0,
    })


@allow("notices.view_readers")
def readers(request, pk):
    """Who read the notice, in the user's scope: personal data, so each page read is audited."""
    notice = _staff_notice_or_404(request.user, pk)
    page = Paginator(selectors.readers(notice, request.user),
                     settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(actor=request.user, action=AuditAction.VIEW, target=notice,
                 changes={"page": page.number, "readers": len(page.object_list)},
                 note="notice readers")
    return render(request, "notices/readers.html", {"notice": notice, "page": page})


@allow("notices.publish")
def send(request, pk):
    """Send an urgent notice to its households now (once: a second click sends nothing). A GET
    only leads back to the notice."""
    notice = _staff_notice_or_404(request.user, pk)
    if request.method == "POST":
        if not selectors.may_publish(request.user, audience=notice.audience, hub=notice.hub,
                                     building=notice.building):
            messages.error(request, _("You can send notices only of your own Spazi CASA."))
            return redirect("notices:detail", pk=notice.pk)
        try:
            written = services.notice_send_urgent_soon(notice=notice, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if written is None:
                messages.success(request, _("It is being sent to the households, in the "
                                            "background."))
            elif written:
                messages.success(request, ngettext(
                    "Sent to %(count)s household.", "Sent to %(count)s households.",
                    written) % {"count": written})
            else:
                messages.info(request, _("This notice had already been sent: nothing was sent "
                                         "again."))
    return redirect("notices:detail", pk=notice.pk)


@allow("notices.publish")
def withdraw(request, pk):
    """Take a notice down. A GET only leads back to the notice."""
    notice = _staff_notice_or_404(request.user, pk)
    if request.method == "POST":
        try:
            services.notice_withdraw(notice=notice, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Notice withdrawn: tenants no longer see it."))
    return redirect("notices:detail", pk=notice.pk)

