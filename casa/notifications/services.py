"""Telling tenants: the one notification service of CASA.

    notify(kind="energy.invitation", household=household, context={...}, link="/...",
           key=f"energy.invitation:{call.code}:{household.code}", actor=officer)

Call it inside the transaction of the event that causes the message: the messages are written
to the outbox (models.Message) in that transaction, rendered in the recipient's language, and
their delivery is queued only when it commits. A rolled-back event sends nothing.

`attachments` are files sent with the e-mail only (the app shows the message and its link): a
list of (file name, MIME type, content), e.g. an appointment's calendar file
("appuntamento.ics", "text/calendar", ...). The content is text, kept with the message as
written, in the outbox, and attached again on a retry; or a `StoredFile`, a file already in
Django's storage (a report's photo), which the outbox names and reads when the e-mail leaves.

`notify_address` writes an e-mail to an address outside CASA (a contractor), in Italian unless
told otherwise, through the same outbox.

The text of a kind lives in `casa/templates/notifications/<app>/<name>.txt` (kind
`<app>.<name>`): the first line is the subject, the rest the body, written with
{% translate %}/{% blocktranslate %} so that `make messages` collects them. Plain text: nothing
is HTML-escaped. The template sees the caller's context, plus `link` (absolute) and `site_url`.
"""

import dataclasses
import functools
import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from casa.core import languages
from casa.core.audit import AuditAction, audit_event
from casa.core.models import AuditEvent
from casa.registry.languages import household_language, household_languages

from .models import Channel, Message
from .tasks import enqueue_deliveries

logger = logging.getLogger(__name__)


def recipient_language(*, household=None, user=None):
    """The language of a message to `household` or `user` (see `_recipient`)."""
    return _recipient(household, user)[0]


def _recipient(household, user, known=None):
    """(language, register code CASA does not speak or ""): for a household, the language a
    member chose on their account, else the register's (casa/registry/languages.py); for a
    user alone, their account's; else Italian. `known` is household_languages' answer for
    many households at once."""
    if household is not None:
        found = known.get(household.pk) if known and household.pk is not None else None
        return found or household_language(household)
    language = languages.supported(getattr(user, "language", ""))
    return (language or settings.LANGUAGE_CODE, "")


def absolute_url(link):
    if link.startswith("/"):
        return f"{settings.SITE_URL}{link}"
    return link


def template_name(kind):
    return f"notifications/{kind.replace('.', '/')}.txt"


def render_message(*, kind, context, language, link="", language_help=False):
    """(subject, body) of a kind in `language`. With `language_help` (the household's language
    is one CASA does not speak) the body ends with an offer of help, in English."""
    template = get_template(template_name(kind))
    values = {**context, "link": link, "site_url": settings.SITE_URL}
    with translation.override(language):
        # The engine's own Template, so that plain text is not HTML-escaped.
        text = template.template.render(Context(values, autoescape=False))
    lines = text.strip().splitlines()
    if not lines or not lines[0].strip():
        raise ValueError(f"{template_name(kind)} rendered no subject line")
    subject = lines[0].strip()[:200]
    # Template tags leave blank lines behind: at most one between paragraphs.
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines[1:])).strip()
    if language_help:
        body = f"{body}\n\n{languages.HELP_IN_ENGLISH}"
    return subject, body


def choose_channels(*, household=None, user=None, channels=None):
    """[(channel, address)]: the app always; e-mail when an address is known; SMS when asked
    for, or in place of an e-mail wanted when neither the household nor the account has an
    address (a tenant whose SPID/CIE identity gave none), as long as a phone number is known:
    the household's in the register, else the account's mobile number. `channels` limits the
    choice."""
    wanted = set(channels) if channels is not None else {Channel.APP, Channel.EMAIL}
    email = getattr(household, "email", "") or getattr(user, "email", "") or ""
    phone = getattr(household, "phone", "") or getattr(user, "mobile_phone", "") or ""
    if Channel.EMAIL in wanted and not email:
        wanted.add(Channel.SMS)
    chosen = []
    if Channel.APP in wanted:
        chosen.append((Channel.APP, ""))
    if Channel.EMAIL in wanted and email:
        chosen.append((Channel.EMAIL, email))
    if Channel.SMS in wanted and phone:
        chosen.append((Channel.SMS, phone))
    return chosen


@dataclasses.dataclass(frozen=True)
class StoredFile:
    """An attachment already kept in Django's default storage, by its name there."""

    name: str


def attachment_rows(attachments):
    """[(file name, MIME type, text or StoredFile)] -> the JSON a Message keeps."""
    rows = []
    for filename, mimetype, content in attachments or ():
        if isinstance(content, StoredFile):
            rows.append({"filename": filename, "mimetype": mimetype, "storage": content.name})
            continue
        if not isinstance(content, str):
            raise TypeError("Attachments are text (a calendar file) or a StoredFile, not "
                            "bytes.")
        rows.append({"filename": filename, "mimetype": mimetype, "content": content})
    return rows


def notify(*, kind, household=None, user=None, context=None, link="", channels=None, key=None,
           attachments=None, actor):
    """Write the messages for one event to one recipient and queue them for delivery once the
    caller's transaction commits. Returns the messages written (none when `key` was used
    before)."""
    if household is None and user is None:
        raise ValueError("A message needs a household or a user to go to.")
    language, unspoken = _recipient(household, user)
    return _write(kind=kind, household=household, user=user, language=language,
                  language_help=bool(unspoken),
                  context=context, link=link, key=key, attachments=attachments, actor=actor,
                  recipients=choose_channels(household=household, user=user,
                                             channels=channels))


def notify_address(*, kind, address, context=None, link="", key=None, attachments=None,
                   language=None, actor):
    """An e-mail to an address outside CASA (a contractor), through the outbox as `notify`
    writes them: in the caller's transaction, delivered once it commits, retried on failure.
    In `language`, Italian by default. Returns the messages written (none when `key` was
    used before)."""
    address = (address or "").strip()
    if not address:
        raise ValueError("An e-mail needs an address to go to.")
    return _write(kind=kind, household=None, user=None,
                  language=language or settings.LANGUAGE_CODE, context=context, link=link,
                  key=key, attachments=attachments, actor=actor,
                  recipients=[(Channel.EMAIL, address)])


def _write(*, kind, household, user, language, context, link, key, attachments, actor,
           recipients, language_help=False):
    context = context or {}
    link = absolute_url(link)
    subject, body = render_message(kind=kind, context=context, language=language, link=link,
                                   language_help=language_help)
    files = attachment_rows(attachments)
    now = timezone.now()
    created = []
    with transaction.atomic():
        for channel, address in recipients:
            message = Message(
                household=household, user=user, channel=channel, address=address,
                language=language, kind=kind, subject=subject, body=body, link=link,
                context=context, key=f"{key}:{channel}" if key else None,
                attachments=files if channel == Channel.EMAIL else [],
                created_at=now, next_attempt_at=now,
            )
            if message.key and Message.objects.filter(key=message.key).exists():
                continue
            try:
                with transaction.atomic():
                    message.save()
            except IntegrityError:
                if message.key and Message.objects.filter(key=message.key).exists():
                    continue  # written by a concurrent call for the same event
                raise
            created.append(message)
        AuditEvent.objects.bulk_create([
            audit_event(actor=actor, action=AuditAction.CREATE,
                        target_type=Message._meta.label_lower, target_id=message.pk,
                        target_repr=message.subject, subject=message.audit_subject,
                        changes={"kind": kind, "channel": message.channel},
                        note=message.key or "")
            for message in created
        ])
        if created:
            transaction.on_commit(
                functools.partial(enqueue_deliveries, [message.pk for message in created]),
                robust=True,
            )
    return created



def notify_many(events, *, actor):
    """`notify` for many events at once, in a fixed number of queries whatever their number
    (a payment run confirmed for thousands of households): each event is a dict with `kind`,
    `household` (or `user`), `context`, `link` and `key`, as `notify` takes them. Messages whose
    key was used before are skipped. Returns the messages written."""
    now = timezone.now()
    prepared = []
    events = list(events)
    known = household_languages(event.get("household") for event in events)
    for event in events:
        household, user = event.get("household"), event.get("user")
        if household is None and user is None:
            raise ValueError("A message needs a household or a user to go to.")
        language, unspoken = _recipient(household, user, known)
        link = absolute_url(event.get("link", ""))
        context = event.get("context") or {}
        subject, body = render_message(kind=event["kind"], context=context, language=language,
                                       link=link, language_help=bool(unspoken))
        key = event.get("key")
        for channel, address in choose_channels(household=household, user=user,
                                                channels=event.get("channels")):
            prepared.append(Message(
                household=household, user=user, channel=channel, address=address,
                language=language, kind=event["kind"], subject=subject, body=body, link=link,
                context=context, key=f"{key}:{channel}" if key else None, created_at=now,
                next_attempt_at=now))
    with transaction.atomic():
        keys = [message.key for message in prepared if message.key]
        used = set()
        for start in range(0, len(keys), 900):
            used.update(Message.objects.filter(key__in=keys[start:start + 900])
                        .values_list("key", flat=True))
        created = Message.objects.bulk_create(
            [message for message in prepared if message.key not in used or not message.key],
            batch_size=500)
        AuditEvent.objects.bulk_create([
            audit_event(actor=actor, action=AuditAction.CREATE,
                        target_type=Message._meta.label_lower, target_id=message.pk,
                        target_repr=message.subject, subject=message.audit_subject,
                        changes={"kind": message.kind, "channel": message.channel},
                        note=message.key or "")
            for message in created
        ], batch_size=500)
        if created:
            transaction.on_commit(
                functools.partial(enqueue_deliveries, [message.pk for message in created]),
                robust=True,
            )
    return created


def message_mark_read(*, message, actor):
    """The tenant opened an app message."""
    if message.read_at is None:
        now = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
        message.read_at = now
    return message
