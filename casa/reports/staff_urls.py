"""The staff's pages of problem reports, under staff/reports/ (namespace reports_staff)."""

from django.urls import path

from . import staff_views as views

app_name = "reports_staff"

urlpatterns = [
    path("", views.report_queue, name="queue"),
    path("new/", views.report_new, name="new"),
    path("new/household/<str:code>/", views.report_new_for_household,
         name="new_for_household"),
    path("buildings/<str:code>/", views.building_reports, name="building"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/note/", views.note, name="note"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/contractor/", views.send_to_contractor, name="send_to_contractor"),
    path("<int:pk>/work-orders/<int:order_pk>/", views.record_work_order,
         name="record_work_order"),
    path("<int:pk>/split/", views.split, name="split"),
]
