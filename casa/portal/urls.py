from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("my/home/", views.my_home, name="my_home"),
    path("staff/households/<str:code>/home/", views.tenant_home, name="tenant_home"),
    # i11day: the Community Manager's day.
    path("staff/day/", views.staff_day, name="staff_day"),
]
