from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    # The tenant.
    path("my/appointments/", views.my_appointments, name="my_appointments"),
    path("my/appointments/new/", views.book, name="book"),
    path("my/appointments/<int:pk>/", views.my_appointment, name="my_appointment"),
    path("my/appointments/<int:pk>/move/", views.my_appointment_move,
         name="my_appointment_move"),
    path("my/appointments/<int:pk>/cancel/", views.my_appointment_cancel,
         name="my_appointment_cancel"),
    path("my/appointments/<int:pk>/appointment.ics", views.my_appointment_calendar,
         name="my_appointment_calendar"),
    # Issue 11 (i11cb): the tenant's call-back requests.
    path("my/appointments/call-back/", views.my_callbacks, name="my_callbacks"),
    path("my/appointments/call-back/new/", views.callback_new, name="callback_new"),
    path("my/appointments/call-back/<int:pk>/cancel/", views.my_callback_cancel,
         name="my_callback_cancel"),
    # The Community Manager.
    path("staff/agenda/", views.agenda_day, name="agenda_day"),
    path("staff/agenda/week/", views.agenda_week, name="agenda_week"),
    path("staff/agenda/book/", views.staff_book, name="staff_book"),
    path("staff/agenda/walk-in/", views.walk_in, name="walk_in"),
    path("staff/agenda/<int:pk>/", views.staff_appointment, name="staff_appointment"),
    path("staff/agenda/<int:pk>/no-show/", views.staff_no_show, name="staff_no_show"),
    path("staff/agenda/<int:pk>/cancel/", views.staff_cancel, name="staff_cancel"),
    # Issue 11 (i11cb): tenants to call back.
    path("staff/call-back/", views.callbacks, name="callbacks"),
    path("staff/call-back/new/", views.callback_record, name="callback_record"),
    path("staff/call-back/<int:pk>/", views.staff_callback, name="staff_callback"),
    path("staff/call-back/<int:pk>/no-answer/", views.staff_callback_no_answer,
         name="staff_callback_no_answer"),
    path("staff/hubs/<slug:code>/topics/", views.topic_lengths, name="topic_lengths"),
]
