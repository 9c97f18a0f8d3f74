"""The permission layer: who may do what, and which records they may see.

Every view declares its access with `@allow("capability")` or `@public`; `AccessMiddleware`
refuses any CASA view that declares nothing, so a new view cannot forget it.
`tests/test_access_matrix.py` walks every URL as every role.

The JSON API (casa/api.py, django-ninja) uses the same `can()` and scopes, but its views live
in ninja's modules, which `AccessMiddleware` does not see. It fails closed another way: the
NinjaAPI is built with `auth=django_auth`, so every operation requires a logged-in user (401
otherwise) unless it opts out explicitly; each operation then calls `require(request,
"capability")` (403) and reads through `visible_households` (404 outside scope). The access
matrix test walks the API's URLs too, against a table of its own.
"""

import functools

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role

PUBLIC = "public"
AUTHENTICATED = "authenticated"

R = Role
_REGISTER_READERS = {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.BENEFIT_OFFICER, R.APPROVER,
                     R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN}

# capability -> roles that hold it. The one table to read to know who can do what.
CAPABILITIES = {
    "registry.search_households": _REGISTER_READERS,
    "registry.view_household": _REGISTER_READERS,
    "tenant.view_own_household": {R.TENANT},
    "tenant.view_own_messages": {R.TENANT},
    "core.view_audit_trail": {R.AUDITOR, R.ADMIN},
    # Energy contribution. Community Managers see calls and the screening of their own hubs
    # only (the screening reads through household_scope), to help the families they follow;
    # inviting households and changing calls stay with the programme and benefit staff.
    "energy.view_calls": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.APPROVER, R.AUDITOR,
                          R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.manage_calls": {R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.screen": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.invite": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.ADMIN},
    "energy.simulate": {R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.view_call_as_tenant": {R.TENANT},
    # Reviewing applications. Community Managers read those of their hubs' households (the
    # pages read through household_scope); deciding and confirming stay with benefit staff.
    "energy.view_applications": {R.BENEFIT_OFFICER, R.APPROVER, R.PROGRAMME_MANAGER,
                                 R.AUDITOR, R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.review": {R.BENEFIT_OFFICER, R.ADMIN},
    "energy.confirm": {R.APPROVER, R.ADMIN},
    "energy.apply": {R.TENANT},
    # Applying on a tenant's behalf at the desk (Community Managers: their hubs' households).
    "energy.apply_assisted": {R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER, R.ADMIN},
    # Payment runs: started by benefit and programme staff, read by them and the auditors.
    "energy.pay": {R.BENEFIT_OFFICER, R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.view_payments": {R.AUDITOR, R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.APPROVER,
                             R.ADMIN},
    # Decision letters: tenants their own household's, staff those of the households in
    # their scope (the view reads through household_scope).
    "energy.view_decision_letter": {R.TENANT, R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER,
                                    R.APPROVER, R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
    # Documents sent with answers to requests for information: tenants their own household's,
    # staff who read applications those of the households in their scope.
    "energy.view_attachments": {R.TENANT, R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER, R.APPROVER,
                                R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
}


def can(user, capability):
    if capability == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if capability == AUTHENTICATED:
        return True
    return user.role in CAPABILITIES[capability]


def require(request, capability):
    """For views that cannot be decorated (the API): refuse unless the user has `capability`."""
    if not can(request.user, capability):
        raise PermissionDenied
    return request.user


def household_scope(user):
    """A Q filter on Household for the households `user` may see."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.role == R.TENANT:
        if not user.fiscal_code:
            return Q(pk__in=[])
        return Q(members__fiscal_code=user.fiscal_code, tenancy_end__isnull=True)
    if user.role in HUB_SCOPED_ROLES:
        return Q(unit__building__hub__in=user.hubs.all())
    if user.role in _REGISTER_READERS:
        return Q()
    return Q(pk__in=[])


def visible_households(user):
    from casa.registry.models import Household

    return Household.objects.filter(household_scope(user))


def allow(capability):
    """Decorate a view: anonymous users go to the login page, others without the capability
    get 403."""
    if capability != PUBLIC and capability != AUTHENTICATED and capability not in CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}")

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
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        module = getattr(view_func, "__module__", "")
        if module.startswith("casa.") and view_access(view_func) is None:
            raise PermissionDenied(f"{module}.{view_func.__name__} declares no access rule")
        return None
