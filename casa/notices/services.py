"""Writes for notices: publishing (with its attachment), withdrawing, a tenant reading one,
and sending an urgent notice to the households it concerns. Every write takes the acting user
and goes into the audit trail."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core import uploads
from casa.core.audit import AuditAction, audit_record
from casa.core.tasks import task
from casa.notifications.models import Channel
from casa.notifications.services import notify_many

from . import selectors
from .models import Audience, Notice, NoticeRead

TITLE_MAX = Notice._meta.get_field("title").max_length
# Urgent messages are written in batches of this many households, each batch in one query.
SEND_BATCH = 500
# The actor of urgent notices sent when their window opens (manage.py send_urgent_notices).
SEND_DUE_ACTOR = "send_urgent_notices"
# An urgent notice to more households than this is sent by a background task
# (send_urgent_notice), not inside the publishing request: a notice to everyone writes some
# 400,000 messages. If the task is lost, the periodic job (send_due_urgent_notices) sends it;
# either way only once.
INLINE_URGENT_LIMIT = 1000


def _storage():
    return Notice._meta.get_field("attachment").storage


def _check(*, title, body, audience, hub, building, entrance, published_from,
           published_until, acting_user, now):
    """The notice's values checked: {field: message} for each problem (empty when none)."""
    errors = {}
    if not title.strip():
        errors["title"] = _("Write a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Write a title of at most %(count)s characters.") % {
            "count": TITLE_MAX}
    if not body.strip():
        errors["body"] = _("Write the text of the notice.")
    if audience not in Audience.values:
        errors["audience"] = _("Choose who the notice is for.")
    elif audience == Audience.HUB and hub is None:
        errors["hub"] = _("Choose the Spazio CASA whose buildings the notice is for.")
    elif audience in (Audience.BUILDING, Audience.ENTRANCE) and building is None:
        errors["building"] = _("Choose the building.")
    elif audience == Audience.ENTRANCE and entrance not in selectors.entrances(building):
        known = ", ".join(selectors.entrances(building)) or "—"
        errors["entrance"] = _("The register lists no entrance “%(entrance)s” in this "
                               "building. Its entrances: %(known)s.") % {
            "entrance": entrance, "known": known}
    elif not selectors.may_publish(acting_user, audience=audience, hub=hub,
                                   building=building):
        field = {Audience.HUB: "hub", Audience.BUILDING: "building",
                 Audience.ENTRANCE: "building"}.get(audience, "audience")
        errors[field] = _("You can publish notices only to the buildings of your own "
                          "Spazi CASA.")
    if published_until is not None:
        if published_until <= published_from:
            errors["published_until"] = _("The notice must end after it starts.")
        elif published_until <= now:
            errors["published_until"] = _("This end is already past: nobody would see the "
                                          "notice.")
    return errors


def notice_publish(*, title, body, audience, hub=None, building=None, entrance="",
                   published_from=None, published_until=None, urgent=False, attachment=None,
                   submission_key=None, acting_user):
    """Publish a notice; `attachment` is a file checked by casa.core.uploads.check_upload (or
    None). An urgent notice whose window is open is sent to the households at once
    (notice_send_urgent), in the same transaction. The same `submission_key` again (the
    form sent twice) returns the notice already published and sends nothing more."""
    now = timezone.now()
    if submission_key is not None:
        existing = Notice.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    published_from = published_from or now
    title, body, entrance = title.strip(), body.strip(), (entrance or "").strip()
    if audience != Audience.HUB:
        hub = None
    if audience not in (Audience.BUILDING, Audience.ENTRANCE):
        building = None
    if audience != Audience.ENTRANCE:
        entrance = ""
    errors = _check(title=title, body=body, audience=audience, hub=hub, building=building,
                    entrance=entrance, published_from=published_from,
                    published_until=published_until, acting_user=acting_user,
                    now=now)
    if errors:
        raise ValidationError(errors)
    notice = Notice(title=title, body=body, audience=audience, hub=hub, building=building,
                    entrance=entrance, published_from=published_from,
                    published_until=published_until, urgent=urgent, created_by=acting_user,
                    created_at=now, submission_key=submission_key)
    try:
        with uploads.removed_on_rollback(_storage()) as written, transaction.atomic():
            if attachment is not None:
                notice.attachment_name = attachment.name
                notice.attachment_type = attachment.content_type
                notice.attachment_size = len(attachment.data)
                notice.attachment_sha256 = attachment.sha256
                extension = uploads.EXTENSIONS[attachment.content_type]
                notice.attachment.save(f"{attachment.sha256[:16]}.{extension}",
                                       ContentFile(attachment.data), save=False)
                written.append(notice.attachment.name)
            notice.save()
            audit_record(actor=acting_user, action=AuditAction.CREATE, target=notice,
                         changes=_described(notice))
            if notice.urgent and notice.is_published(now):
                notice_send_urgent_soon(notice=notice, acting_user=acting_user)
    except IntegrityError:
        # The same form, sent again while the first was being saved.
        existing = (Notice.objects.filter(submission_key=submission_key).first()
                    if submission_key is not None else None)
        if existing is None:
            raise
        return existing
    return notice


def _described(notice):
    changes = {"title": notice.title, "audience": notice.audience,
               "published_from": timezone.localtime(notice.published_from).isoformat(
                   timespec="minutes"),
               "urgent": notice.urgent}
    if notice.hub_id:
        changes["hub"] = notice.hub.code
    if notice.building_id:
        changes["building"] = notice.building.code
    if notice.entrance:
        changes["entrance"] = notice.entrance
    if notice.published_until:
        changes["published_until"] = timezone.localtime(notice.published_until).isoformat(
            timespec="minutes")
    if notice.attachment_name:
        changes["attachment"] = notice.attachment_name
    return changes


def notice_withdraw(*, notice, acting_user):
    """Take a notice down (published or scheduled): tenants no longer see it. Only who may
    publish to its audience."""
    if not selectors.may_publish(acting_user, audience=notice.audience, hub=notice.hub,
                                 building=notice.building):
        raise ValidationError(_("You can withdraw notices only of your own Spazi CASA."))
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.withdrawn_at is not None:
            return notice
        notice.withdrawn_at = timezone.now()
        notice.withdrawn_by = acting_user
        notice.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=notice,
                     changes={"withdrawn": [None, timezone.localtime(
                         notice.withdrawn_at).isoformat(timespec="minutes")]})
    return notice


def notice_mark_read(*, notice, user, household):
    """`user` (a tenant of `household`) opened the notice: the first time is kept. Returns
    True when this was the first time."""
    if NoticeRead.objects.filter(notice=notice, user=user).exists():
        return False
    try:
        with transaction.atomic():
            NoticeRead.objects.create(notice=notice, user=user, household=household)
    except IntegrityError:
        return False  # opened twice at once: the other request kept it
    return True


def _channels(household):
    """App and e-mail; SMS instead of e-mail for a household with no e-mail address."""
    return [Channel.APP, Channel.EMAIL] if household.email else [Channel.APP, Channel.SMS]


def urgent_key(notice, household):
    return f"notices.urgent:{notice.pk}:{household.code}"


def _check_sendable(notice):
    """False if the notice was sent already; a ValidationError if it cannot be sent."""
    if not notice.urgent:
        raise ValidationError(_("Only an urgent notice is sent to the households."))
    if notice.urgent_sent_at is not None:
        return False
    if not notice.is_published():
        raise ValidationError(_("The notice is not published now: it is sent when its "
                                "publication starts."))
    return True


def notice_send_urgent_soon(*, notice, acting_user):
    """Send an urgent notice from a request (publishing it, or the send button): up to
    INLINE_URGENT_LIMIT households here and now (returns how many were written to), more by
    the background task after the commit (returns None). Refused as notice_send_urgent
    refuses."""
    if selectors.households_concerned(notice).count() <= INLINE_URGENT_LIMIT:
        return notice_send_urgent(notice=notice, acting_user=acting_user)
    if not _check_sendable(notice):
        return 0
    actor_id = getattr(acting_user, "pk", None)
    transaction.on_commit(lambda: send_urgent_notice.enqueue(notice.pk, actor_id))
    return None


def notice_send_urgent(*, notice, acting_user):
    """Send an urgent, published notice to every household it concerns: one message per
    household and channel through the outbox (casa.notifications), app and e-mail, or SMS
    when the household has no e-mail address. Once: the notice's row is locked, a notice
    already sent is not sent again, and each message's key is the notice and the household,
    so a second click (or a second worker) writes nothing. Returns how many households were
    written to now."""
    with transaction.atomic():
        notice = (Notice.objects.select_for_update(of=("self",)).select_related("hub", "building")
                  .get(pk=notice.pk))
        if not _check_sendable(notice):
            return 0
        link = reverse("notices:my_notice", args=[notice.pk])
        context = {"title": notice.title, "text": notice.body}
        households = selectors.households_concerned(notice).order_by("pk")
        written = 0
        batch = []
        for household in households.iterator(chunk_size=SEND_BATCH):
            batch.append({"kind": "notices.urgent", "household": household,
                          "context": context, "link": link,
                          "key": urgent_key(notice, household),
                          "channels": _channels(household)})
            if len(batch) == SEND_BATCH:
                notify_many(batch, actor=acting_user)
                written, batch = written + len(batch), []
        if batch:
            notify_many(batch, actor=acting_user)
            written += len(batch)
        notice.urgent_sent_at = timezone.now()
        notice.save(update_fields=["urgent_sent_at"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=notice,
                     changes={"sent_to_households": written})
    return written


def send_due_urgent_notices(*, now=None):
    """Send the urgent notices whose window has opened since they were published (a periodic
    job: manage.py send_urgent_notices). Returns {notice id: households written to}."""
    due = (selectors.published(now=now).filter(urgent=True, urgent_sent_at__isnull=True)
           .order_by("published_from", "pk"))
    return {notice.pk: notice_send_urgent(notice=notice, acting_user=SEND_DUE_ACTOR)
            for notice in due}


@task()
def send_urgent_notice(notice_id, actor_id=None):
    """The background task for an urgent notice to many households (notice_send_urgent_soon):
    notice_send_urgent locks the notice and sends it once, so the task, a retry and the
    periodic job never send it twice. A notice withdrawn or no longer published meanwhile is
    not sent. Returns how many households were written to."""
    from casa.accounts.models import User

    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None or not notice.urgent or not notice.is_published():
        return 0
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return notice_send_urgent(notice=notice, acting_user=actor or SEND_DUE_ACTOR)
