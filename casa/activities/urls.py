"""The staff's pages of activities, under staff/activities/ (namespace activities)."""

from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_new, name="new"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/attendees/new/", views.attendee_add, name="attendee_add"),
    path("sessions/<int:pk>/others/", views.anonymous, name="anonymous"),
    path("sessions/<int:pk>/hours/", views.contribution_add, name="contribution_add"),
    path("sessions/<int:pk>/hours/<int:contribution_id>/remove/", views.contribution_remove,
         name="contribution_remove"),
]
