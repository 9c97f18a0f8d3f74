"""The audit trail: who did what to which record and when. Append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .append_only import AppendOnlyModel


class AuditAction(models.TextChoices):
    # A context of their own: "created" alone is also the import report's plural ("creati").
    CREATE = "create", pgettext_lazy("audit action", "created")
    UPDATE = "update", pgettext_lazy("audit action", "updated")
    END = "end", pgettext_lazy("audit action", "ended")
    VIEW = "view", pgettext_lazy("audit action", "viewed")
    IMPORT = "import", pgettext_lazy("audit action", "imported")
    LOGIN = "login", pgettext_lazy("audit action", "logged in")
    LOGIN_FAILED = "login_failed", pgettext_lazy("audit action", "failed login")
    DELETE = "delete", pgettext_lazy("audit action", "deleted")


class AuditEvent(AppendOnlyModel):
    """One line of the audit trail. Never updated or deleted (casa/core/append_only.py; the
    database refuses it too)."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Indexed with the time below (audit_actor_at_idx), not on its own.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False,
    )
    # Who, as text: the e-mail at the time, or the command that acted ("import_registry").
    actor_label = models.CharField(_("who (label)"), max_length=254)
    action = models.CharField(_("what"), max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(_("record type"), max_length=64)
    # A record's code, or an account's e-mail: up to 254 characters (RFC 5321).
    target_id = models.CharField(_("record"), max_length=254)
    target_repr = models.CharField(_("record (description)"), max_length=200, blank=True)
    # Groups events for one history page, e.g. "household:H0001234" for a household, its
    # members, ISEE declarations and charges.
    subject = models.CharField(_("subject"), max_length=80, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        # The trail holds millions of rows: each search filter of /audit/ (casa/core/
        # audit_search.py) starts from one of these and reads it newest first.
        indexes = [
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
            models.Index(fields=["subject", "at"], name="audit_subject_at_idx"),
            models.Index(fields=["target_id", "at"], name="audit_target_id_at_idx"),
            models.Index(fields=["target_type", "action", "at"], name="audit_type_action_at_idx"),
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
        ]

    def __str__(self):
        return (f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} "
                f"{self.target_type}:{self.target_id}")


class PeriodicRun(models.Model):
    """One run of a periodic job in one slot (casa/core/periodic.py). The unique (job, slot)
    is the claim: however many schedulers run, one row, so one run, per job and slot."""

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="periodic_run_once_per_slot"),
        ]

    def __str__(self):
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"
