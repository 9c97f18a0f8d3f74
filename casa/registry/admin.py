"""Hubs are configuration and are edited here; the register itself comes only from imports."""

from django.contrib import admin

from .models import Hub


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "municipality", "address"]
    search_fields = ["name", "code", "municipality"]
    prepopulated_fields = {"code": ["name"]}
