from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("my/messages/", views.inbox, name="inbox"),
    path("my/messages/<int:pk>/", views.message_detail, name="message_detail"),
]
