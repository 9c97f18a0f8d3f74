"""How a message leaves CASA: one small class per channel, all with `send(message)`.

A channel raises on any failure; the delivery task (tasks.py) then keeps the message queued
and tries again later. SMS goes through a provider named by the `CASA_SMS_BACKEND` setting, so
a real gateway plugs in without touching this module (see docs/deployment.md).
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Channel

logger = logging.getLogger(__name__)


class BaseChannel:
    name = ""

    def send(self, message):
        raise NotImplementedError


class AppChannel(BaseChannel):
    """Nothing to send: the message is in the tenant's inbox as soon as it is written."""

    name = Channel.APP

    def send(self, message):
        return None


class EmailChannel(BaseChannel):
    """Plain-text e-mail through Django's configured EMAIL_BACKEND (SMTP in production), with
    the message's attachments: text kept with the message (a calendar file), or files read
    from Django's storage (a report's photos)."""

    name = Channel.EMAIL

    def send(self, message):
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[message.address],
            headers={"Content-Language": message.language},
        )
        for attachment in message.attachments or ():
            if "storage" in attachment:
                with default_storage.open(attachment["storage"], "rb") as stored:
                    content = stored.read()
            else:
                content = attachment["content"]
            email.attach(attachment["filename"], content, attachment["mimetype"])
        email.send(fail_silently=False)


class SmsChannel(BaseChannel):
    """A short text (the subject and the link) through the configured SMS provider."""

    name = Channel.SMS

    def send(self, message):
        text = f"{message.subject}\n{message.link}" if message.link else message.subject
        sms_provider().send_sms(to=message.address, text=text)


# --- SMS providers --------------------------------------------------------------------------

class BaseSmsProvider:
    """The contract for an SMS gateway: `send_sms(to=..., text=...)`, raising on failure.
    Name a subclass in the CASA_SMS_BACKEND setting."""

    def send_sms(self, *, to, text):
        raise NotImplementedError


class LoggingSmsProvider(BaseSmsProvider):
    """The default until a gateway is contracted: writes each SMS to the log."""

    def send_sms(self, *, to, text):
        logger.info("SMS to %s: %s", to, text)


class FileSmsProvider(BaseSmsProvider):
    """The laptop profile's: appends each SMS to `CASA_SMS_FILE` (var/sms.log), as the e-mails
    go to var/mail, so that the demo's messages do not fill the terminal."""

    def send_sms(self, *, to, text):
        path = Path(settings.CASA_SMS_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{timezone.now().isoformat()} SMS to {to}: {text}\n")


class LocmemSmsProvider(BaseSmsProvider):
    """Keeps sent SMS in `LocmemSmsProvider.outbox`, like Django's locmem e-mail backend;
    for tests."""

    outbox = []

    def send_sms(self, *, to, text):
        LocmemSmsProvider.outbox.append({"to": to, "text": text})


def sms_provider():
    return import_string(settings.CASA_SMS_BACKEND)()


CHANNELS = {channel.name: channel for channel in (AppChannel(), EmailChannel(), SmsChannel())}


def channel_for(name):
    return CHANNELS[name]
