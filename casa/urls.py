"""CASA's URLs: one include per app (the portal's pages gather several domains)."""

from django.contrib import admin
from django.urls import include, path

from casa.api import api

urlpatterns = [
    path("", include("casa.portal.urls")),
    path("", include("casa.core.urls")),
    path("", include("casa.registry.urls")),
    path("", include("casa.energy.urls")),
    path("", include("casa.notifications.urls")),
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
