"""CASA's JSON API (django-ninja), mounted at /api/: OpenAPI schema at /api/openapi.json.

Session authentication on every operation by default (`auth=django_auth`), so the API fails
closed: see casa/core/access.py for how it uses the same permission layer as the pages.
The interactive docs page is off: it would be another page to secure and to fit into the
Content Security Policy, for readers (developers) who can load openapi.json into any viewer.
"""

from django.core.exceptions import PermissionDenied
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.security import django_auth

from casa.activities.api import router as activities_router
from casa.appointments.api import router as appointments_router
from casa.appointments.api import staff_router as appointments_staff_router
from casa.care.api import router as care_router
from casa.casework.api import router as casework_router
from casa.events.api import router as events_router
from casa.notices.api import router as notices_router
from casa.participants.api import router as participants_router
from casa.portal.api import router as portal_router
from casa.registry.api import router as registry_router
from casa.reports.api import router as reports_router

api = NinjaAPI(
    title="CASA API",
    version="1",
    description="The tenant register of Aler Milano, and a tenant's home, notices, events, "
                "appointments and problem reports, with the same permissions as the CASA "
                "pages. Session "
                "authentication (log in to CASA first).",
    auth=django_auth,
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(RawPostDataException)
def form_sent_for_json(request, exc):
    """A multipart form posted to an operation that reads a JSON body: the control-character
    check (casa/core/text.py) has read it as a form, and it cannot be read again. It is not
    JSON either: the answer django-ninja gives to a body it cannot parse, not a 500."""
    return api.create_response(request, {"detail": "Cannot parse request body"}, status=400)


api.add_router("/v1/", registry_router)
# Issue 9: a tenant's notices and events.
api.add_router("/v1/", notices_router)
api.add_router("/v1/", events_router)
# Issue 10: problem reports.
api.add_router("/v1/", reports_router)
# Issue 9: a tenant's appointments with the Community Managers.
api.add_router("/v1/", appointments_router)
api.add_router("/v1/", portal_router)
# Issue 11: case files (staff).
api.add_router("/v1/", casework_router)
# Issue 11 (activities): group activities at the hubs, for staff.
api.add_router("/v1/", activities_router)
# Issue 11 (i11api): the care and vigilance staff's work, and FSE+ participants, for staff.
api.add_router("/v1/", care_router)
api.add_router("/v1/", participants_router)
# Issue 11 (i11cb): tenants to call back, the Community Managers' side (the tenant's is in
# the appointments router).
api.add_router("/v1/", appointments_staff_router)
