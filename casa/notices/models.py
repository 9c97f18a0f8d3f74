"""Notices to tenants: works, heating interruptions, meetings, the hubs' events. A notice goes
to everyone, to the buildings of a Spazio CASA, to a building or to one entrance of a
building (the register's Hub, Building and Unit.entrance), within a publication window.
Tenants' reads are kept per person (NoticeRead), for the unread mark and the read receipts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("every tenant")
    HUB = "hub", _("the buildings of a Spazio CASA")
    BUILDING = "building", _("a building")
    ENTRANCE = "entrance", _("an entrance of a building")


class Notice(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    audience = models.CharField(_("to"), max_length=16, choices=Audience.choices)
    hub = models.ForeignKey("registry.Hub", verbose_name=_("Spazio CASA"), null=True,
                            blank=True, on_delete=models.PROTECT, related_name="notices")
    building = models.ForeignKey("registry.Building", verbose_name=_("building"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="notices")
    entrance = models.CharField(_("entrance"), max_length=16, blank=True)
    published_from = models.DateTimeField(_("published from"), default=timezone.now)
    # None: until it is withdrawn.
    published_until = models.DateTimeField(_("published until"), null=True, blank=True)
    # Taken down by staff before its window ended (or before it started).
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # Urgent notices also go to each household concerned by app and e-mail (SMS without an
    # e-mail address), once, when the notice is published (services.notice_send_urgent).
    urgent = models.BooleanField(_("urgent"), default=False)
    urgent_sent_at = models.DateTimeField(_("sent to the households"), null=True, blank=True)
    # An optional document, checked by casa.core.uploads and served only by views.attachment.
    attachment = models.FileField(_("attachment"), upload_to="notices/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment's name"), max_length=200, blank=True)
    attachment_type = models.CharField(_("attachment's type"), max_length=64, blank=True)
    attachment_size = models.PositiveIntegerField(_("attachment's size (bytes)"), null=True,
                                                  blank=True)
    attachment_sha256 = models.CharField(_("attachment's SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The publishing form's one-time key: a form sent twice (a double click, a reload)
    # publishes one notice, and an urgent one is sent once.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True,
                                      editable=False)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_from", "-id"]
        indexes = [models.Index(fields=["-published_from", "-id"], name="notice_newest_idx")]
        constraints = [
            models.CheckConstraint(
                name="notice_audience_is_complete",
                condition=(
                    Q(audience=Audience.EVERYONE, hub__isnull=True, building__isnull=True,
                      entrance="")
                    | Q(audience=Audience.HUB, hub__isnull=False, building__isnull=True,
                        entrance="")
                    | Q(audience=Audience.BUILDING, hub__isnull=True, building__isnull=False,
                        entrance="")
                    | (Q(audience=Audience.ENTRANCE, hub__isnull=True, building__isnull=False)
                       & ~Q(entrance=""))
                ),
            ),
            models.CheckConstraint(
                name="notice_ends_after_it_starts",
                condition=Q(published_until__isnull=True)
                | Q(published_until__gt=F("published_from")),
            ),
        ]

    def __str__(self):
        return self.title

    def is_published(self, now=None):
        """The window is open at `now` and the notice was not withdrawn (selectors.published
        is the same rule as a query)."""
        now = now or timezone.now()
        return (self.withdrawn_at is None and self.published_from <= now
                and (self.published_until is None or now < self.published_until))

    def state(self, now=None):
        """scheduled, published, ended or withdrawn: for the staff pages."""
        now = now or timezone.now()
        if self.withdrawn_at is not None:
            return "withdrawn"
        if now < self.published_from:
            return "scheduled"
        return "published" if self.is_published(now) else "ended"

    def audience_text(self):
        """Who the notice is for, in words."""
        if self.audience == Audience.HUB:
            return gettext("the buildings of %(hub)s") % {"hub": self.hub}
        if self.audience == Audience.BUILDING:
            return str(self.building)
        if self.audience == Audience.ENTRANCE:
            return gettext("%(building)s, entrance %(entrance)s") % {
                "building": self.building, "entrance": self.entrance}
        return gettext("every tenant")

    @property
    def audit_key(self):
        return f"notice-{self.pk}"


class NoticeRead(models.Model):
    """A person opened a notice: the first time only. `household` is theirs when they read it."""

    notice = models.ForeignKey(Notice, verbose_name=_("notice"), on_delete=models.PROTECT,
                               related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("read by"),
                             on_delete=models.CASCADE, related_name="notice_reads")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="notice_reads")
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice read")
        verbose_name_plural = _("notices read")
        ordering = ["-read_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"],
                                               name="notice_read_once_per_person")]

    def __str__(self):
        return f"{self.notice_id} {self.user_id}"
