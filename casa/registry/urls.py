from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("my/home/", views.my_home, name="my_home"),
    path("staff/households/", views.household_search, name="household_search"),
    path("staff/households/<str:code>/", views.household_detail, name="household_detail"),
]
