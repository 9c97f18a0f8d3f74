"""CASA's URLs: one include per app (the portal's pages gather several domains)."""

from django.contrib import admin
from django.urls import include, path

from casa.accounts import views as accounts_views
from casa.api import api

# The admin has no login page of its own: allauth's, with its limits and the second factor.
admin.site.login = accounts_views.admin_login

urlpatterns = [
    path("", include("casa.portal.urls")),
    path("", include("casa.core.urls")),
    path("", include("casa.registry.urls")),
    path("", include("casa.energy.urls")),
    path("", include("casa.notifications.urls")),
    # Issue 9: notices and events.
    path("", include("casa.notices.urls")),
    path("", include("casa.events.urls")),
    # Issue 9: the Spazi CASA and their appointments.
    path("", include("casa.hubs.urls")),
    path("", include("casa.appointments.urls")),
    # Issue 10: a problem report's photos, for who sees the report in full.
    path("reports/photos/", include("casa.reports.photo_urls")),
    # Issue 10: problem reports.
    path("", include("casa.reports.urls")),
    # Issue 10: the staff's pages of problem reports.
    path("staff/reports/", include("casa.reports.staff_urls")),
    # Issue 11 (i11care): the care and vigilance staff's rounds, incidents, fragile residents.
    path("staff/care/", include("casa.care.urls")),
    # Issue 11: FSE+ participants and indicators (staff).
    path("staff/participants/", include("casa.participants.urls")),
    # Issue 11: case files, the tenant's support page and the staff's pages.
    path("", include("casa.casework.urls")),
    path("staff/cases/", include("casa.casework.staff_urls")),
    # Issue 11 (activities): the staff's pages of group activities at the hubs.
    path("staff/activities/", include("casa.activities.urls")),
    # Issue 13: SPID and CIE (metadata, login, assertion consumer service, single logout).
    path("spid/", include("casa.spid.urls")),
    path("api/", api.urls),
    # Before allauth's own: only tenants change their e-mail address.
    path("accounts/email/", accounts_views.email, name="account_email"),
    # Before allauth's own: logging out also clears the browser's cache of CASA.
    path("accounts/logout/", accounts_views.logout, name="account_logout"),
    # Before allauth's own (issue 13, reauth): accounts without a password confirm with SPID/CIE.
    path("accounts/reauthenticate/", accounts_views.reauthenticate,
         name="account_reauthenticate"),
    # Before allauth's own (issue 13): a first password is set after a fresh SPID/CIE login.
    path("accounts/password/set/", accounts_views.password_set, name="account_set_password"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
