from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("staff/households/", views.household_search, name="household_search"),
    path("staff/households/<str:code>/", views.household_detail, name="household_detail"),
]
