"""Reading messages: the tenant's inbox."""

from django.db.models import Q

from casa.registry.access import visible_households

from .models import Channel, Message


def inbox_messages(user):
    """App messages to the user's household, or to the user personally, newest first."""
    return (
        Message.objects.filter(channel=Channel.APP)
        .filter(Q(household__in=visible_households(user)) | Q(user=user))
        .order_by("-created_at", "-id")
    )


def unread_count(user):
    return inbox_messages(user).filter(read_at__isnull=True).count()
