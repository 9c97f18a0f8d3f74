from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    # The installable app: the service worker at the root, so that its scope is the whole
    # site, and the page it shows when a page cannot be loaded.
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    # Under /i18n/, which staff without two-factor authentication may still reach.
    path("i18n/switch/", views.switch_language, name="switch_language"),
    path("i18n/switch/search/", views.switch_language_get_form,
         name="switch_language_get_form"),
]
