from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("my/support/", views.my_support, name="my_support"),
]
