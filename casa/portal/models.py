from django.db import models
from django.utils.translation import gettext_lazy as _


class HomeVersion(models.Model):
    """How many times what a tenant's home shows has changed: one row per household whose own
    records changed (appointments, applications, decisions, appeals, notices read, event
    registrations), and the row `SHARED` (0) for what many homes share (hubs, opening hours,
    closures, notices, events, calls).

    Only the database writes it, through the triggers of casa/portal/freshness.py, so that
    every write counts, whichever code (or bulk update, or import) makes it. The page cache of
    the tenant's home (casa/portal/page_cache.py) keys each page by these two numbers."""

    SHARED = 0

    scope = models.BigIntegerField(_("household id, or 0 for what every home shares"),
                                   primary_key=True)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("home version")
        verbose_name_plural = _("home versions")

    def __str__(self):
        return f"{self.scope}: {self.version}"
