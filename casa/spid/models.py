"""The identity providers tenants may log in with: SPID's, and CIE ID. Read from SAML metadata
(AgID's registry in production, a file in tests and in the demo) by registry.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SPID = "spid", "SPID"
    CIE = "cie", "CIE"


class IdentityProviderQuerySet(models.QuerySet):
    def offered(self):
        """Those the login page lists: active, and the test one only where it is allowed."""
        rows = self.filter(active=True)
        if not settings.CASA_SPID_TEST_IDP:
            rows = rows.filter(test=False)
        return rows


class IdentityProvider(models.Model):
    entity_id = models.CharField(_("entity ID"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    # Where CASA sends the authentication and logout requests (HTTP-Redirect binding).
    sso_url = models.URLField(_("login address"), max_length=500)
    slo_url = models.URLField(_("logout address"), max_length=500, blank=True)
    # The signing certificates the metadata lists (base64 DER): a response signed by any of
    # them is the identity provider's (two during a key rollover).
    certificates = models.JSONField(_("certificates"), default=list)
    # A registry refresh that no longer lists a provider turns it off; logins stop at once.
    active = models.BooleanField(_("active"), default=True)
    # CASA's own test identity provider (casa/spid/testidp.py): never offered in production.
    test = models.BooleanField(_("test provider"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IdentityProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class SpentAssertion(models.Model):
    """An assertion CASA has accepted, kept until it expires: the same one never logs anyone
    in twice, from any session (the session's one-time request is the first guard)."""

    assertion_id = models.CharField(max_length=255, unique=True)
    until = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("accepted assertion")
        verbose_name_plural = _("accepted assertions")

    def __str__(self):
        return self.assertion_id
