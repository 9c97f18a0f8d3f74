"""Users and their roles. A tenant is keyed by fiscal code, so SPID/CIE can log them in; a
tenant's account may have no e-mail address (SPID/CIE may assert none), and then cannot log in
with a password."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from casa.core.text import clean_name, validate_phone


class Role(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    COMMUNITY_MANAGER = "community_manager", _("Community Manager")
    # Issue 11 (casework): supervises the Community Managers of their hubs and reads their
    # hubs' case files; hub-scoped like them (docs/decisions.md, "Who reads case notes").
    SOCIAL_COORDINATOR = "social_coordinator", _("Social coordinator")
    CARE_STAFF = "care_staff", _("Care and vigilance staff")
    BENEFIT_OFFICER = "benefit_officer", _("Benefit officer")
    APPROVER = "approver", _("Approver")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


# Roles whose view of the register is limited to the hubs they are assigned to.
HUB_SCOPED_ROLES = frozenset({Role.COMMUNITY_MANAGER, Role.CARE_STAFF,
                              Role.SOCIAL_COORDINATOR})
STAFF_ROLES = frozenset(Role) - {Role.TENANT}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower() or None
        if email is None and not extra.get("fiscal_code"):
            raise ValueError("An account needs an e-mail address or a fiscal code.")
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra):
        """An account; a tenant's may have a fiscal code and no e-mail (a first SPID login)."""
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        if not email:
            raise ValueError("An administrator needs an e-mail address to log in with.")
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    # The password login's name. None, never "", when the account has none (a tenant whose
    # identity provider gave no address): unique allows many NULLs, on SQLite and PostgreSQL.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.TENANT)
    # A tenant's identity: the fiscal code of a household member (SPID/CIE give the same).
    fiscal_code = models.CharField(
        _("fiscal code"), max_length=16, unique=True, null=True, blank=True
    )
    hubs = models.ManyToManyField(
        "registry.Hub", verbose_name=_("hubs"), blank=True, related_name="staff"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    # The mobile number the identity provider asserted (SPID/CIE), for SMS when the household
    # has no phone in the register (notifications.services.choose_channels).
    mobile_phone = models.CharField(_("mobile phone"), max_length=32, blank=True,
                                    validators=[validate_phone])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email or self.fiscal_code or f"#{self.pk}"

    def clean(self):
        super().clean()  # normalises the e-mail, None included, to a string
        self.email = self.email or None
        self.fiscal_code = self.fiscal_code or None
        self.mobile_phone = (self.mobile_phone or "").strip()
        # As the register's names (casa/core/text.py): no name displays as another's.
        self.first_name = clean_name(self.first_name)
        self.last_name = clean_name(self.last_name)
        if self.email is None and self.fiscal_code is None:
            raise ValidationError(_("An account needs an e-mail address or a fiscal code."),
                                  code="no_email_nor_fiscal_code")
        # Staff log in with their e-mail (and SPID, when they have a fiscal code) and receive
        # the back office's messages there: only tenants may have none.
        if self.email is None and self.role != Role.TENANT:
            raise ValidationError({"email": _("Staff accounts need an e-mail address.")},
                                  code="staff_without_email")

    def save(self, *args, **kwargs):
        # "" would be a second account's address too: unique holds only for NULLs.
        self.email = self.email or None
        self.fiscal_code = self.fiscal_code or None
        super().save(*args, **kwargs)

    @property
    def is_tenant(self):
        return self.role == Role.TENANT

    @property
    def is_casa_staff(self):
        return self.role in STAFF_ROLES

    @property
    def audit_key(self):
        """How the audit trail names the account: its e-mail, else its fiscal code, else its
        number (never empty)."""
        if self.email:
            return self.email
        if self.fiscal_code:
            return f"CF:{self.fiscal_code}"
        return f"user:{self.pk}"


# What a tenant reads when their password is refused (services.password_refusal_check).
PASSWORD_OFF_MESSAGE = _(
    "Tenants now log in with SPID or with their electronic identity card (CIE), not with a "
    "password: use the “Entra con SPID” or “Entra con CIE” button.")


class LoginPolicy(models.Model):
    """How people may log in, set by an administrator in the admin: one row (`current()`).
    Issue 13: tenants log in with SPID or CIE; the e-mail and password stay for staff, and for
    tenants as a fallback until an administrator turns it off."""

    tenants_may_use_password = models.BooleanField(
        _("tenants may log in with e-mail and password"), default=True,
        help_text=_("When off, tenants log in only with SPID or CIE; staff keep their password "
                    "and second factor."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("login policy")
        verbose_name_plural = _("login policy")

    def __str__(self):
        return str(_("Login policy"))

    @property
    def audit_key(self):
        return "login-policy"

    @classmethod
    def current(cls):
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    def refuses_password_of(self, user):
        """Whether `user`'s password, even the right one, does not log them in: a tenant's,
        once tenants may no longer use one. Staff always may (with their second factor)."""
        return (not self.tenants_may_use_password and user.is_tenant
                and not (user.is_staff or user.is_superuser))
