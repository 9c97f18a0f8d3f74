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
    # The Community Manager.
    path("staff/agenda/", views.agenda_day, name="agenda_day"),
    path("staff/agenda/week/", views.agenda_week, name="agenda_week"),
    path("staff/agenda/book/", views.staff_book, name="staff_book"),
    path("staff/agenda/walk-in/", views.walk_in, name="walk_in"),
    path("staff/agenda/<int:pk>/", views.staff_appointment, name="staff_appointment"),
    path("staff/agenda/<int:pk>/no-show/", views.staff_no_show, name="staff_no_show"),
    path("staff/agenda/<int:pk>/cancel/", views.staff_cancel, name="staff_cancel"),
    path("staff/hubs/<slug:code>/topics/", views.topic_lengths, name="topic_lengths"),
]
