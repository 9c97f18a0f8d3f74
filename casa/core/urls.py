from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    # Under /i18n/, which staff without two-factor authentication may still reach.
    path("i18n/switch/", views.switch_language, name="switch_language"),
    path("i18n/switch/search/", views.switch_language_get_form,
         name="switch_language_get_form"),
]
