from django.urls import path

from . import views

app_name = "hubs"

urlpatterns = [
    path("hubs/", views.hub_list, name="hub_list"),
    path("hubs/<slug:code>/", views.hub_page, name="hub_page"),
    path("staff/hubs/", views.manage_list, name="manage_list"),
    path("staff/hubs/<slug:code>/", views.manage, name="manage"),
    path("staff/hubs/<slug:code>/hours/", views.hours, name="hours"),
    path("staff/hubs/<slug:code>/staff/<int:user_id>/", views.staff_hours, name="staff_hours"),
    path("staff/hubs/<slug:code>/closures/", views.closures, name="closures"),
    path("staff/hubs/<slug:code>/closures/<int:pk>/delete/", views.closure_delete,
         name="closure_delete"),
    path("staff/absences/", views.absences, name="absences"),
    path("staff/absences/<int:pk>/delete/", views.absence_delete, name="absence_delete"),
    path("staff/buildings/without-hub/", views.buildings_without_hub,
         name="buildings_without_hub"),
]
