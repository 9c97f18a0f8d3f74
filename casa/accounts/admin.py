"""Administrators configure accounts here: roles, hubs, deactivation."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "hubs"]
    search_fields = ["email", "first_name", "last_name", "fiscal_code"]
    filter_horizontal = ["hubs", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "fiscal_code", "language"]}),
        (_("Role and hubs"), {"fields": ["role", "hubs"]}),
        (_("Administration"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["email", "role", "hubs", "password1", "password2"]}),
    ]
