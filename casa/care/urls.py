"""The care and vigilance staff's pages, under staff/care/ (namespace care)."""

from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("rounds/new/<str:code>/", views.round_new, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/items/<int:check_pk>/report/", views.open_report,
         name="open_report"),
    path("photos/<int:pk>/<slug:size>/", views.check_photo, name="photo"),
    path("incidents/", views.incidents, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("residents/", views.residents, name="residents"),
    path("residents/new/", views.resident_new, name="resident_new"),
    path("residents/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/visits/", views.visit_new, name="visit_new"),
    path("flags/<int:pk>/close/", views.flag_close, name="flag_close"),
    path("residents/<int:pk>/withdraw/", views.resident_withdraw, name="resident_withdraw"),
]
