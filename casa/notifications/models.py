"""The outbox: every message to a tenant, written in the transaction of the event that causes
it and delivered afterwards by a background task (see tasks.py)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    APP = "app", _("in the app")
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    # Claimed by one worker; returned to pending if that worker dies (tasks.LEASE).
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Message(models.Model):
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("household"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="messages",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="messages",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    # E-mail address or phone number as it was when the message was written; empty for app.
    address = models.CharField(_("address"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    # Rendered once, in the recipient's language, when the event happened: what was sent is
    # what the event said, even if templates change later.
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Files sent with an e-mail, as written with the event: [{"filename", "mimetype",
    # "content"}] for text (a calendar file), or [{"filename", "mimetype", "storage"}] for a
    # file already kept in Django's storage (a report's photo), read when the e-mail leaves.
    # Empty for the other channels.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True,
                                           default=timezone.now)
    # When a delivery task was last put on the queue (None: none is waiting).
    enqueued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # "<event>:<channel>", e.g. "energy.invitation:energia-2025-26:H0001234:email": the same
    # event never writes the same message twice.
    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due_idx"),
            models.Index(fields=["household", "channel", "-created_at"],
                         name="message_inbox_idx"),
        ]
        constraints = [
            # A household, a user, or an e-mail address outside CASA (a contractor).
            models.CheckConstraint(
                condition=Q(household__isnull=False) | Q(user__isnull=False)
                | (Q(channel="email") & ~Q(address="")),
                name="message_has_a_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.channel} #{self.pk}"

    @property
    def audit_subject(self):
        return f"household:{self.household.code}" if self.household_id else ""

    @property
    def is_unread(self):
        return self.read_at is None
