"""The tenant's inbox: the messages CASA sent them in the app. Thin views."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from casa.core.access import allow

from . import selectors, services


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
