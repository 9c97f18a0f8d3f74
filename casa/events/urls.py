from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    # Tenants
    path("my/events/", views.my_events, name="my_events"),
    path("my/events/<int:pk>/", views.my_event, name="my_event"),
    path("my/events/<int:pk>/register/", views.register, name="register"),
    path("my/events/<int:pk>/cancel/", views.cancel_mine, name="cancel_mine"),
    # Back office
    path("staff/events/", views.staff_list, name="staff_list"),
    path("staff/events/new/", views.new, name="new"),
    path("staff/events/<int:pk>/", views.detail, name="detail"),
    path("staff/events/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/events/<int:pk>/cancel/", views.cancel_event, name="cancel_event"),
    path("staff/events/<int:pk>/registrations/new/", views.register_household,
         name="register_household"),
    path("staff/events/<int:pk>/registrations/<int:registration_id>/cancel/",
         views.cancel_registration, name="cancel_registration"),
    path("staff/events/<int:pk>/attendance/", views.attendance, name="attendance"),
]
