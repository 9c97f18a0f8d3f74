from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    # Tenants (issue 10); the staff's pages are on their own branch.
    path("my/reports/", views.my_reports, name="my_reports"),
    path("my/reports/new/", views.new, name="new"),
    path("my/reports/<int:pk>/", views.my_report, name="my_report"),
    path("my/reports/<int:pk>/follow/", views.follow, name="follow"),
    path("my/reports/<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("my/reports/<int:pk>/fixed/", views.answer_fixed, name="answer_fixed"),
]
