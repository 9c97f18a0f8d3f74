"""Writes on user accounts. Every one takes the acting user (or a command name) for the
audit trail."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.it import codicefiscale

from casa.core.audit import AuditAction, audit_event, audit_record
from casa.core.text import clean_name

from . import throttle
from .models import HUB_SCOPED_ROLES, PASSWORD_OFF_MESSAGE, LoginPolicy, Role, User


def user_create(*, email, password, role, first_name, last_name, hubs=(), fiscal_code=None,
                language="", hashed_password=None, acting_user):
    """Create an account. A tenant needs a (valid, 16-character) fiscal code and may have no
    e-mail (`email=None`: no password login, messages in the app and by SMS); Community
    Managers and care staff get the hubs they work in; an administrator can use Django's
    admin. The password goes through the project's password validators; pass
    `hashed_password` (from `make_password`) and `password=None` instead to give many accounts
    one known password without hashing it each time (demo accounts)."""
    role = Role(role)
    email = User.objects.normalize_email(email).lower() or None
    fiscal_code = (fiscal_code or "").strip().upper() or None
    hubs = list(hubs)
    if fiscal_code is not None and (len(fiscal_code) != 16
                                    or not codicefiscale.is_valid(fiscal_code)):
        raise ValidationError(_("%(code)s is not a valid fiscal code.") % {"code": fiscal_code})
    if role == Role.TENANT and fiscal_code is None:
        raise ValidationError(_("A tenant account needs the tenant's fiscal code."))
    if hubs and role not in HUB_SCOPED_ROLES:
        raise ValidationError(_("Only Community Managers and care staff are assigned to "
                                "Spazi CASA."))
    if email is not None and User.objects.filter(email=email).exists():
        raise ValidationError(_("An account with the e-mail %(email)s already exists.")
                              % {"email": email})
    if fiscal_code and User.objects.filter(fiscal_code=fiscal_code).exists():
        raise ValidationError(_("An account with this fiscal code already exists."))

    user = User(email=email, role=role, first_name=clean_name(first_name),
                last_name=clean_name(last_name),
                fiscal_code=fiscal_code, language=language,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    user.clean()  # the model's rules on e-mail and fiscal code (a staff account needs an e-mail)
    if hashed_password is not None:
        if password is not None:
            raise ValueError("Pass either password or hashed_password.")
        user.password = hashed_password
    else:
        validate_password(password, user)
        user.set_password(password)
    with transaction.atomic():
        user.save()
        if hubs:
            user.hubs.set(hubs)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=user, changes={
            "role": role.value,
            "hubs": sorted(hub.code for hub in hubs),
            "fiscal_code": fiscal_code or "",
        })
    return user


def password_confirm(*, user, password):
    """Whether `password` is the logged-in `user`'s, for a page that asks for it again before a
    sensitive change (the IBAN of an application). Under the same limits as the login
    (throttle.py), so a session left open is no way around them: raises ValidationError when the
    account must wait first."""
    attempt = throttle.claim(user.audit_key)
    if not attempt.allowed:
        raise ValidationError(
            _("Too many wrong passwords for this account. Try again in %(wait)s.")
            % {"wait": throttle.wait_text(attempt.wait)}, code="too_many_for_account")
    password_refusal_check(user)
    if password and user.has_usable_password() and user.check_password(password):
        throttle.forget(user.audit_key)
        return True
    return False


# -- Passwords as a tenant fallback (issue 13, LoginPolicy) ------------------------------------

def password_refusal_check(user, *, audit=False):
    """The one rule on whose password may be used, for every password path: allauth's login
    and re-authentication (adapter.py) and CASA's own password checks (password_confirm). A
    tenant's password, even the right one, is refused once the administrators have turned
    passwords off for tenants: ValidationError telling them to use SPID or CIE, and, with
    `audit`, a failed login in the audit trail."""
    if not LoginPolicy.current().refuses_password_of(user):
        return
    if audit:
        audit_event(actor="anonymous", action=AuditAction.LOGIN_FAILED,
                    target_type="accounts.user", target_id=user.audit_key,
                    note=PASSWORD_OFF_NOTE).save()
    raise ValidationError(str(PASSWORD_OFF_MESSAGE), code="tenant_password_off")


# The note of a failed login refused by the login policy (audit_trail.py reads it).
PASSWORD_OFF_NOTE = "password login is off for tenants"  # noqa: S105 (a note, not a password)


def email_in_use(email, *, by_other_than=None):
    """Whether `email` is another account's login address (or confirmed allauth address);
    without `by_other_than`, any account's."""
    email = email.strip().lower()
    accounts = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if by_other_than is not None:
        accounts = accounts.exclude(pk=by_other_than.pk)
        addresses = addresses.exclude(user=by_other_than)
    return accounts.exists() or addresses.exists()


def user_email_address_sync(user):
    """allauth's address rows follow `User.email`, the one address an account logs in with: a
    verified, primary row for it (the agency gave it, an administrator set it, or its owner
    confirmed it with a code) and no row for any other address. A tenant's change of address
    waits in their session until they type the code sent to the new one (allauth's
    ACCOUNT_CHANGE_EMAIL with codes), so an address not confirmed never logs in nor receives
    a password reset. An account with no e-mail has no row. Called on every save of the
    address (signals.py)."""
    if not user.email:
        EmailAddress.objects.filter(user=user).delete()
        return
    email = user.email.strip().lower()
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).exclude(email=email).delete()
        # Another account's row for this address is stale: User.email is unique.
        EmailAddress.objects.filter(email=email).exclude(user=user).delete()
        EmailAddress.objects.update_or_create(user=user, email=email,
                                              defaults={"verified": True, "primary": True})


# -- Changes made in the Django admin (admin.py) -------------------------------------------------

# The note of the events the admin writes (audit_trail.py says it in the reader's language).
ADMIN_NOTE = "django admin"
# Many-to-many fields, each value by the name people know it by.
_M2M_KEYS = {"hubs": "code", "groups": "name", "user_permissions": "codename"}


def user_snapshot(user):
    """Every field an administrator can change, as JSON values: the scalar fields, the
    related hubs, groups and permissions by name, and the password hash (compared, never
    written to the trail)."""
    values = {}
    for field in User._meta.concrete_fields:
        if field.primary_key:
            continue
        value = field.value_from_object(user)
        if isinstance(value, dt.datetime):
            # To the second, as the admin's form shows it: saving the form unchanged drops
            # the microseconds, which is no change anyone made.
            value = value.astimezone(dt.UTC).replace(microsecond=0).isoformat()
        values[field.name] = value
    for name, key in _M2M_KEYS.items():
        values[name] = sorted(getattr(user, name).values_list(key, flat=True)) if user.pk else []
    return values


def _for_the_trail(snapshot):
    return {name: ("set" if name == "password" else value) for name, value in snapshot.items()
            if value not in ("", None, [], False)}


def user_admin_created(*, user, acting_user):
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=user,
                 changes=_for_the_trail(user_snapshot(user)), note=ADMIN_NOTE)


def user_admin_changed(*, user, before, acting_user):
    """One event with each field the administrator changed, [old, new] (the password as
    "changed"); none when nothing changed."""
    after = user_snapshot(User.objects.get(pk=user.pk))
    changes = {name: ("changed" if name == "password" else [before.get(name), value])
               for name, value in after.items() if before.get(name) != value}
    if changes:
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=user,
                     changes=changes, note=ADMIN_NOTE)


def user_admin_deleted(*, user, acting_user):
    audit_record(actor=acting_user, action=AuditAction.DELETE, target=user,
                 changes=_for_the_trail(user_snapshot(user)), note=ADMIN_NOTE)


def login_policy_change(*, policy, before, acting_user):
    """An administrator's change of the login policy (admin.py), saved and audited with each
    field's [old, new]."""
    with transaction.atomic():
        policy.pk = 1
        policy.save()
        changes = {"tenants_may_use_password": [before, policy.tenants_may_use_password]}
        if before != policy.tenants_may_use_password:
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=policy,
                         changes=changes, note=ADMIN_NOTE)
    return policy
