from django.urls import path

from .views import (
    appeals,
    apply,
    calls,
    documents,
    letters,
    payments,
    review,
    screening,
    tenant,
    whatif,
)

app_name = "energy"

urlpatterns = [
    # Back office
    path("staff/energy/", calls.call_list, name="call_list"),
    path("staff/energy/calls/new/", calls.call_new, name="call_new"),
    path("staff/energy/calls/<slug:code>/", calls.call_detail, name="call_detail"),
    path("staff/energy/calls/<slug:code>/parameters/new/", calls.parameter_new,
         name="parameter_new"),
    path("staff/energy/calls/<slug:code>/screening/", screening.screening_page,
         name="screening"),
    path("staff/energy/calls/<slug:code>/screening.csv", screening.screening_csv,
         name="screening_csv"),
    path("staff/energy/calls/<slug:code>/invitations/", screening.invite, name="invite"),
    path("staff/energy/calls/<slug:code>/what-if/", whatif.simulate, name="what_if"),
    # Review of applications
    path("staff/energy/review/", review.queue, name="review_queue"),
    path("staff/energy/applications/<str:protocol>/", review.application_page,
         name="review_application"),
    path("staff/energy/applications/<str:protocol>/action/", review.application_action,
         name="review_action"),
    # Tenants
    path("energy/<slug:code>/", tenant.call_page, name="tenant_call"),
    # Applying (tenants online, staff at a Spazio CASA desk)
    path("energy/<slug:code>/apply/", apply.apply_page, name="apply"),
    path("energy/<slug:code>/application/", apply.my_application, name="my_application"),
    path("energy/<slug:code>/application/receipt.pdf", apply.my_receipt, name="my_receipt"),
    path("staff/energy/households/<str:household>/", apply.household_energy,
         name="household_energy"),
    path("staff/energy/calls/<slug:code>/households/<str:household>/apply/",
         apply.assisted_apply, name="assisted_apply"),
    path("staff/energy/calls/<slug:code>/households/<str:household>/receipt.pdf",
         apply.assisted_receipt, name="assisted_receipt"),
    # Answers, bank account and documents (tenants: their own; staff: their scope)
    path("staff/energy/calls/<slug:code>/households/<str:household>/application/",
         apply.assisted_application, name="assisted_application"),
    path("staff/energy/applications/<str:protocol>/signed-form.pdf", documents.assisted_form,
         name="assisted_form"),
    path("energy/attachments/<int:pk>/", documents.attachment, name="attachment"),
    # Payment runs
    path("staff/energy/calls/<slug:code>/payments/", payments.run_list, name="payment_runs"),
    path("staff/energy/calls/<slug:code>/payments/new/", payments.run_new,
         name="payment_run_new"),
    path("staff/energy/calls/<slug:code>/payments/<int:number>/", payments.run_detail,
         name="payment_run"),
    path("staff/energy/calls/<slug:code>/payments/<int:number>/bill-credits.csv",
         payments.run_csv, name="payment_run_csv"),
    path("staff/energy/calls/<slug:code>/payments/<int:number>/sepa.xml", payments.run_sepa,
         name="payment_run_sepa"),
    # Payment runs: confirmation, returned lines, overpayments to recover (issue 7)
    path("staff/energy/calls/<slug:code>/payments/<int:number>/confirm/",
         payments.run_confirm, name="payment_run_confirm"),
    path("staff/energy/calls/<slug:code>/payments/<int:number>/lines/<int:line_id>/return/",
         payments.line_return, name="payment_line_return"),
    path("staff/energy/calls/<slug:code>/payments/recoveries/", payments.recovery_list,
         name="payment_recoveries"),
    path("staff/energy/calls/<slug:code>/payments/recoveries/<int:pk>/recovered/",
         payments.recovery_recovered, name="payment_recovery_recovered"),
    # Appeals (tenants file them, a different officer decides)
    path("energy/<slug:code>/application/appeal/", appeals.appeal_new, name="appeal_new"),
    path("staff/energy/applications/<str:protocol>/appeal/", appeals.appeal_decide,
         name="appeal_decide"),
    # Decision letters (tenants: their own; staff: their scope)
    path("energy/decisions/<int:pk>/letter.pdf", letters.letter, name="decision_letter"),
]
