"""The staff's pages of FSE+ participants and indicators, under staff/participants/
(namespace participants)."""

from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.hubs, name="hubs"),
    path("hubs/<str:code>/", views.hub_participants, name="hub"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/consent/", views.consent, name="consent"),
    path("<int:pk>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/special/", views.special_categories, name="special"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/snapshots/<int:pk>/", views.snapshot, name="snapshot"),
]
