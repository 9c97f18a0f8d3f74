from django.conf import settings
from django.urls import include, path

from . import views

app_name = "spid"

urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("metadata/cie/", views.metadata, {"kind": "cie"}, name="cie_metadata"),
    path("login/", views.login, name="login"),
    path("reauthenticate/", views.reauthenticate, name="reauthenticate"),
    path("acs/", views.acs, name="acs"),
    path("acs/finish/", views.acs_finish, name="acs_finish"),
    path("sls/", views.sls, name="sls"),
]

# CASA's test identity provider: routed only where the settings allow it (never without DEBUG).
if settings.CASA_SPID_TEST_IDP:
    urlpatterns.append(path("test-idp/", include("casa.spid.testidp_urls")))
