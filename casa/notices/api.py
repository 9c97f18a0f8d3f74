"""A tenant's notices in the JSON API: the list (newest first, each with whether this person
has read it) and one notice, which opening marks read, as on the pages. Same selectors and
services as the pages; every operation requires a session (casa/api.py) and the tenant's
capability."""

import datetime as dt

from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema

from casa.core.access import require
from casa.core.api import refusals
from casa.registry.selectors import tenant_household

from . import selectors, services

router = Router(tags=["notices"])


class NoticeOut(Schema):
    id: int
    title: str
    text: str
    to: str
    published_from: dt.datetime
    published_until: dt.datetime | None
    urgent: bool
    read: bool
    attachment_url: str | None


def _notice(notice, *, read):
    return {
        "id": notice.pk, "title": notice.title, "text": notice.body,
        "to": notice.audience_text(), "published_from": notice.published_from,
        "published_until": notice.published_until, "urgent": notice.urgent, "read": read,
        "attachment_url": (reverse("notices:attachment", args=[notice.pk])
                           if notice.attachment else None),
    }


# No session: 401. Not a tenant: 403. A control character anywhere: 422 (every operation).
@router.get("notices", response={200: list[NoticeOut], **refusals(401, 403)},
            url_name="notice_list", summary="My notices")
def notice_list(request):
    """The published notices that concern the tenant's home, newest first; none without a
    household."""
    user = require(request, "notices.read")
    return [_notice(notice, read=notice.is_read) for notice in selectors.for_user(user)]


# No session: 401. Not a tenant: 403. Another home's notice, not published, or none: 404.
@router.get("notices/{notice_id}", response={200: NoticeOut, **refusals(401, 403, 404)},
            url_name="notice_detail", summary="One of my notices (marks it read)")
def notice_detail(request, notice_id: int):
    """One of the tenant's notices; opening it marks it read for this person."""
    user = require(request, "notices.read")
    household = tenant_household(user)
    notice = (selectors.notice_for_tenant(user, notice_id, household=household)
              if household else None)
    if notice is None:
        raise Http404
    services.notice_mark_read(notice=notice, user=user, household=household)
    return _notice(notice, read=True)
