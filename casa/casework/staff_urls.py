"""The staff's pages of case files, under staff/cases/ (namespace casework_staff)."""

from django.urls import path

from . import staff_views as views

app_name = "casework_staff"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/<str:code>/", views.case_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/contacts/", views.case_contacts, name="contacts"),  # i11page
    path("<int:pk>/<slug:form_name>/", views.case_act, name="act"),
]
