from django.urls import path

from . import photo_views

app_name = "report_photos"

urlpatterns = [
    path("<int:pk>/<slug:size>/", photo_views.photo, name="photo"),
]
