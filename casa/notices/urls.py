from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    # Tenants
    path("my/notices/", views.my_notices, name="my_notices"),
    path("my/notices/<int:pk>/", views.my_notice, name="my_notice"),
    path("notices/<int:pk>/attachment/", views.attachment, name="attachment"),
    # Back office
    path("staff/notices/", views.staff_list, name="staff_list"),
    path("staff/notices/new/", views.new, name="new"),
    path("staff/notices/<int:pk>/", views.detail, name="detail"),
    path("staff/notices/<int:pk>/readers/", views.readers, name="readers"),
    path("staff/notices/<int:pk>/send/", views.send, name="send"),
    path("staff/notices/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
