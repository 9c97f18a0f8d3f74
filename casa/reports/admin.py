"""The contractors that reports are sent to are configuration, kept here by administrators.
Work orders are written only through services.py and are not edited here."""

from django.contrib import admin

from .models import Contractor


@admin.register(Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "active"]
    list_filter = ["active", "categories"]
    search_fields = ["name", "email"]
    filter_horizontal = ["categories"]
