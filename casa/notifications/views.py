"""The tenant's inbox: the messages CASA sent them in the app; and, in the laptop profile
only, the demo's mailbox for administrators. Thin views."""

import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from casa.core.access import allow

from . import mailbox, selectors, services


@allow("tenant.view_own_messages")
def inbox(request):
    messages = selectors.inbox_messages(request.user)
    page = Paginator(messages, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {
        "page": page,
        "unread": selectors.unread_count(request.user),
    })


@allow("tenant.view_own_messages")
def message_detail(request, pk):
    # Someone else's message is "not found", without saying it exists.
    message = get_object_or_404(selectors.inbox_messages(request.user), pk=pk)
    was_unread = message.is_unread
    services.message_mark_read(message=message, actor=request.user)
    return render(request, "notifications/message.html", {
        "message": message,
        "was_unread": was_unread,
    })


def laptop_only(view):
    """Not found unless DEBUG (the laptop profile), for everyone, before anything else."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.DEBUG:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@laptop_only
@allow("notifications.read_demo_mailbox")
def demo_mailbox(request):
    """The e-mails the demo wrote to var/mail instead of sending them, newest first."""
    page = Paginator(mailbox.mails(), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/demo_mailbox.html", {
        "page": page, "folder": mailbox.folder()})


@laptop_only
@allow("notifications.read_demo_mailbox")
def demo_mail(request, file, number):
    found = mailbox.mail(file, number)
    if found is None:
        raise Http404
    return render(request, "notifications/demo_mail.html", {"mail": found})

