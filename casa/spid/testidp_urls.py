from django.urls import path

from . import testidp_views

urlpatterns = [
    path("<str:kind>/sso/", testidp_views.sso, name="test_idp_sso"),
    path("<str:kind>/slo/", testidp_views.slo, name="test_idp_slo"),
]
