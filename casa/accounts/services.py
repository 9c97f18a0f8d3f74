"""Writes on user accounts. Every one takes the acting user (or a command name) for the
audit trail."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.it import codicefiscale

from casa.core.audit import AuditAction, audit_record
from casa.core.text import clean_name

from .models import HUB_SCOPED_ROLES, Role, User


def user_create(*, email, password, role, first_name, last_name, hubs=(), fiscal_code=None,
                language="", hashed_password=None, acting_user):
    """Create an account. A tenant needs a (valid, 16-character) fiscal code; Community
    Managers and care staff get the hubs they work in; an administrator can use Django's
    admin. The password goes through the project's password validators; pass
    `hashed_password` (from `make_password`) and `password=None` instead to give many accounts
    one known password without hashing it each time (demo accounts)."""
    role = Role(role)
    email = User.objects.normalize_email(email).lower()
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
    if User.objects.filter(email=email).exists():
        raise ValidationError(_("An account with the e-mail %(email)s already exists.")
                              % {"email": email})
    if fiscal_code and User.objects.filter(fiscal_code=fiscal_code).exists():
        raise ValidationError(_("An account with this fiscal code already exists."))

    user = User(email=email, role=role, first_name=clean_name(first_name),
                last_name=clean_name(last_name),
                fiscal_code=fiscal_code, language=language,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
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
