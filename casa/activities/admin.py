from django.contrib import admin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    """Partner organisations are few and change rarely: kept by administrators here."""

    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
