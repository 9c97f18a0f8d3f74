"""The permission layer's mechanism: capabilities, the view decorators, the middleware, and which
audit events a user may read.

core holds the mechanism and knows no domain, not even the roles: the accounts app declares
them (`declare_roles`) and says which roles hold core's own capability, reading the whole audit
trail. Each app declares its capabilities (name -> roles) and the capability needed to read
audit events about each of its record types in its own `access.py`, which its
AppConfig.ready() imports:

    # in the energy app's access.py
    declare_capabilities({"energy.view_applications": {Role.BENEFIT_OFFICER, ...}})
    declare_record_types({"energy.application": "energy.view_applications"})

Roles are the values of the user model's `role` field (settings.AUTH_USER_MODEL); a role that
was not declared, or no roles at all, stops the server from starting, like an undeclared
capability.

Every view declares its access with `@allow("capability")` or `@public`; `AccessMiddleware`
refuses any CASA view that declares nothing, so a new view cannot forget it, and a capability
nobody declared stops the server from starting. `tests/test_access_matrix.py` walks every URL
as every role.

The JSON API (casa/api.py, django-ninja) uses the same `can()` and scopes, but its views live
in ninja's modules, which `AccessMiddleware` does not see. It fails closed another way: the
NinjaAPI is built with `auth=django_auth`, so every operation requires a logged-in user (401
otherwise) unless it opts out explicitly; each operation then calls `require(request,
"capability")` (403) and reads through `visible_households` (casa/registry/access.py, 404
outside scope). The access matrix test walks the API's URLs too, against a table of its own.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .models import AuditEvent

PUBLIC = "public"
AUTHENTICATED = "authenticated"

# Every role a user can have, and those of staff (everyone but tenants): declared by the app
# that owns the user model (casa/accounts/access.py).
ROLES: set[str] = set()
STAFF_ROLES: set[str] = set()
# capability -> the roles that hold it, filled by each app's access.py when the app loads.
CAPABILITIES: dict[str, frozenset] = {}
# record type of the audit trail ("energy.application") -> the capability needed to read
# events about it. Types nobody declares are read only through READ_EVERY_EVENT.
RECORD_TYPES: dict[str, str] = {}
# Whoever holds this reads every audit event (auditors and administrators).
READ_EVERY_EVENT = "core.view_audit_trail"

# Capabilities named by views decorated before every app had declared its own: checked once
# all apps are loaded (AccessMiddleware at startup, and `manage.py check`).
_NAMED_BEFORE_READY: set[str] = set()


def declare_roles(roles, *, staff):
    """Declare the roles users can have (the values of the user model's `role`), and which of
    them are staff. Called once, by the app that owns the user model."""
    roles, staff = {str(role) for role in roles}, {str(role) for role in staff}
    if not staff <= roles:
        raise ValueError(f"Staff roles {sorted(staff - roles)} are not roles")
    if ROLES and (roles, staff) != (ROLES, STAFF_ROLES):
        raise ValueError("The roles are declared twice, differently")
    ROLES.update(roles)
    STAFF_ROLES.update(staff)


def _unknown_roles(roles):
    return sorted(set(roles) - ROLES) if ROLES else []


def declare_capabilities(table):
    """Declare an app's capabilities: {name: roles}. A name is declared once (declaring the
    same roles again is harmless, other roles raise)."""
    for name, roles in table.items():
        roles = frozenset(str(role) for role in roles)
        if name in (PUBLIC, AUTHENTICATED) or "." not in name:
            raise ValueError(f"Capability names look like 'app.verb_object', not {name!r}")
        unknown = _unknown_roles(roles)
        if unknown:
            raise ValueError(f"Capability {name!r} names unknown roles {unknown}")
        if CAPABILITIES.get(name, roles) != roles:
            raise ValueError(f"Capability {name!r} is declared twice with different roles")
        CAPABILITIES[name] = roles


def declare_record_types(table):
    """Declare which capability reads audit events about each of an app's record types:
    {"app_label.model": "capability"}. The capability must be declared already."""
    for record_type, capability in table.items():
        if capability not in CAPABILITIES:
            raise ValueError(f"Record type {record_type!r} needs the unknown capability "
                             f"{capability!r}")
        if RECORD_TYPES.get(record_type, capability) != capability:
            raise ValueError(f"Record type {record_type!r} is declared twice")
        RECORD_TYPES[record_type] = capability


def _check_known(capability):
    if capability in (PUBLIC, AUTHENTICATED) or capability in CAPABILITIES:
        return
    if apps.ready:
        raise ValueError(f"Unknown capability {capability!r}")
    _NAMED_BEFORE_READY.add(capability)


def undeclared_capabilities():
    """Capabilities that views name but no app declared (empty when all is well)."""
    return sorted(_NAMED_BEFORE_READY - set(CAPABILITIES))


def declaration_problems():
    """What is wrong with the declarations once every app has loaded: capabilities views name
    that nobody declared, no roles declared, roles that capabilities name but nobody declared
    (a capability declared before the roles is checked here)."""
    problems = [f"Unknown capability {name!r} named by a view"
                for name in undeclared_capabilities()]
    if not ROLES:
        problems.append("No roles declared (the accounts app declares them with declare_roles)")
    problems += [f"Capability {name!r} names unknown roles {_unknown_roles(roles)}"
                 for name, roles in sorted(CAPABILITIES.items()) if _unknown_roles(roles)]
    return problems


def check_declared():
    """Raise unless the declarations are complete (see declaration_problems)."""
    problems = declaration_problems()
    if problems:
        raise ImproperlyConfigured("; ".join(problems))


@checks.register(checks.Tags.security)
def capabilities_check(app_configs=None, **kwargs):
    return [checks.Error(problem, id="casa.E001") for problem in declaration_problems()]


def can(user, capability):
    if capability == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if capability == AUTHENTICATED:
        return True
    try:
        roles = CAPABILITIES[capability]
    except KeyError:
        raise LookupError(f"Unknown capability {capability!r}") from None
    return user.role in roles


def require(request, capability):
    """For views that cannot be decorated (the API): refuse unless the user has `capability`."""
    if not can(request.user, capability):
        raise PermissionDenied
    return request.user


def readable_events(user, events=None):
    """`events` (an AuditEvent queryset, default all) narrowed to those `user` may read:
    every event for the audit trail's readers; for anyone else, only events about record types
    whose declared capability they hold. A record type no app declared is hidden (fail
    closed)."""
    events = AuditEvent.objects.all() if events is None else events
    if can(user, READ_EVERY_EVENT):
        return events
    readable = sorted(record_type for record_type, capability in RECORD_TYPES.items()
                      if can(user, capability))
    return events.filter(target_type__in=readable)


def allow(capability):
    """Decorate a view: anonymous users go to the login page, others without the capability
    get 403."""
    _check_known(capability)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if capability != PUBLIC and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.casa_access = capability
        return wrapped

    return decorator


public = allow(PUBLIC)


def view_access(view_func):
    """The capability a view declared, or None."""
    view_class = getattr(view_func, "view_class", None)
    return getattr(view_func, "casa_access", getattr(view_class, "casa_access", None))


class AccessMiddleware:
    """Refuses any CASA view that did not declare its access (fail closed)."""

    def __init__(self, get_response):
        check_declared()  # at startup: a capability nobody declared stops the server
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        module = getattr(view_func, "__module__", "")
        if module.startswith("casa.") and view_access(view_func) is None:
            raise PermissionDenied(f"{module}.{view_func.__name__} declares no access rule")
        return None
