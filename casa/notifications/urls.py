from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("my/messages/", views.inbox, name="inbox"),
    path("my/messages/<int:pk>/", views.message_detail, name="message_detail"),
    # The laptop profile's mailbox (DEBUG only: not found otherwise).
    path("demo-mailbox/", views.demo_mailbox, name="demo_mailbox"),
    path("demo-mailbox/<str:file>/<int:number>/", views.demo_mail, name="demo_mail"),
]
