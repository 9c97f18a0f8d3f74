"""The access matrix's mechanism: the outcomes a request can have, the tables' builders, the walk
over every URL pattern, and the request of each URL as one user.

The tables themselves (which role gets what on which URL) are written out by hand in
tests/test_access_matrix.py, the specification; a new app's URLs join them and are walked the
same way. Roles are those the accounts app declared to core (casa/core/access.py).
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import access

ANONYMOUS = "anonymous"

OK = "ok"  # 200, or a redirect somewhere other than the login page
LOGIN = "login"  # redirect to the login page
DENIED = "denied"  # 403
HIDDEN = "not found"  # 404: outside the user's scope, without saying it exists
UNAUTHORIZED = "unauthorized"  # 401 (API)
# POST only (the GET tables count a redirect as OK):
REDIRECT = "redirect"  # a redirect elsewhere than the login page: done, or refused with a
#                        message, and led back to the page the action belongs to
NOT_ALLOWED = "method not allowed"  # 405
INVALID = "invalid"  # 422 (API): allowed, but what the request sends cannot be used
BAD_REQUEST = "bad request"  # 400: a protocol endpoint (SPID's) sent nothing it can read
REFUSALS = (LOGIN, DENIED, HIDDEN, UNAUTHORIZED)


def every_role():
    """Anonymous visitors, then every declared role."""
    return [ANONYMOUS, *sorted(access.ROLES)]


def table(default, **by_role):
    """The outcome for every role and for anonymous visitors."""
    roles = every_role()
    outcomes = {role: default for role in roles}
    outcomes.update(by_role)
    assert set(outcomes) == set(roles), set(outcomes) ^ set(roles)
    return outcomes


def only(roles, *, anonymous=LOGIN, others=DENIED, **overrides):
    """OK for `roles`, `others` for the other roles, the login page for visitors."""
    outcomes = {role: (OK if role in roles else others) for role in access.ROLES}
    outcomes.update(overrides, anonymous=anonymous)
    return table(others, **outcomes)


def not_found_for(roles):
    """Allowed, but the object does not exist: 404."""
    return {role: HIDDEN for role in roles}


def walk(patterns, namespace=""):
    """(qualified URL name, callback, URL converters) of every pattern, recursively."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, pattern.callback, set(pattern.pattern.converters)


def casa_urls():
    """The URLs whose views are CASA's own (where AccessMiddleware applies)."""
    return [(name, callback, params) for name, callback, params
            in walk(get_resolver().url_patterns)
            if getattr(callback, "__module__", "").startswith("casa.")]


def api_urls():
    return [(name, callback, params) for name, callback, params
            in walk(get_resolver().url_patterns)
            if name and name.startswith("api:")]


def outcome(response, *, redirect=OK):
    login_path = reverse("account_login")
    if response.status_code in (301, 302):
        return LOGIN if response["Location"].startswith(login_path) else redirect
    return {200: OK, 400: BAD_REQUEST, 401: UNAUTHORIZED, 403: DENIED, 404: HIDDEN,
            405: NOT_ALLOWED, 422: INVALID}.get(
        response.status_code, f"status {response.status_code}")


def check(client, user, role, expected, *, sample_kwargs, post_data=None, method="GET"):
    """Request every URL of `expected` ({(URL name, sample): {role: outcome}}) as `user` (None:
    a visitor); the mismatches with the table, as sentences."""
    mismatches = []
    for (name, sample), outcomes in expected.items():
        if user is not None:  # again for each URL: one of them may be the logout
            client.force_login(user)
        url = reverse(name, kwargs=sample_kwargs[sample])
        if method == "POST":
            data = (post_data or {}).get((name, sample), {})
            # The API is sent JSON, as a program sends it; the pages a form.
            json = {"content_type": "application/json"} if name.startswith("api:") else {}
            got = outcome(client.post(url, data, **json), redirect=REDIRECT)
        else:
            got = outcome(client.get(url))
        if got != outcomes[role]:
            mismatches.append(f"{role} {method} {url}: expected {outcomes[role]}, got {got}")
    return mismatches
