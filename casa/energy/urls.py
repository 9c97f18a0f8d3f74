from django.urls import path

from .views import calls, screening, tenant, whatif

app_name = "energy"

urlpatterns = [
    # Back office
    path("staff/energy/", calls.call_list, name="call_list"),
    path("staff/energy/calls/new/", calls.call_new, name="call_new"),
    path("staff/energy/calls/<slug:code>/", calls.call_detail, name="call_detail"),
    path("staff/energy/calls/<slug:code>/parameters/new/", calls.parameter_new,
         name="parameter_new"),
    path("staff/energy/calls/<slug:code>/screening/", screening.screening_page,
         name="screening"),
    path("staff/energy/calls/<slug:code>/screening.csv", screening.screening_csv,
         name="screening_csv"),
    path("staff/energy/calls/<slug:code>/invitations/", screening.invite, name="invite"),
    path("staff/energy/calls/<slug:code>/what-if/", whatif.simulate, name="what_if"),
    # Tenants
    path("energy/<slug:code>/", tenant.call_page, name="tenant_call"),
]
