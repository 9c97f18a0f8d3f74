"""Administrators configure accounts here: roles, hubs, deactivation. Every change goes into
CASA's audit trail, through the hooks every admin path calls (add and change forms, the
password form, deletions one by one or in bulk): the object is photographed when the admin
loads it, and compared when the admin logs the change."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import LoginPolicy, User
from .services import (
    login_policy_change,
    user_admin_changed,
    user_admin_created,
    user_admin_deleted,
    user_snapshot,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    # A tenant's account may have no e-mail (issue 13): the list shows its fiscal code too.
    list_display = ["email", "fiscal_code", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "hubs"]
    search_fields = ["email", "first_name", "last_name", "fiscal_code"]
    filter_horizontal = ["hubs", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "fiscal_code", "mobile_phone",
                                  "language"]}),
        (_("Role and hubs"), {"fields": ["role", "hubs"]}),
        (_("Administration"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                # A tenant may have a fiscal code and no e-mail nor password (SPID/CIE only).
                "fields": ["email", "fiscal_code", "role", "hubs", "usable_password",
                           "password1", "password2"]}),
    ]

    def get_object(self, request, object_id, from_field=None):
        user = super().get_object(request, object_id, from_field)
        if user is not None:
            user._audit_before = user_snapshot(user)
        return user

    def save_model(self, request, obj, form, change):
        if change and not hasattr(obj, "_audit_before"):  # a path that did not load it
            obj._audit_before = user_snapshot(User.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        user_admin_created(user=obj, acting_user=request.user)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        before = getattr(obj, "_audit_before", None)
        if before is None:
            before = {}
        user_admin_changed(user=obj, before=before, acting_user=request.user)
        obj._audit_before = user_snapshot(obj)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for user in queryset:
            user_admin_deleted(user=user, acting_user=request.user)
        return super().log_deletions(request, queryset)


@admin.register(LoginPolicy)
class LoginPolicyAdmin(admin.ModelAdmin):
    """One row, changed and never added nor deleted. Its changes go into the audit trail
    (services.login_policy_change)."""

    fields = ["tenants_may_use_password", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        LoginPolicy.current()  # the one row, made on first use
        return super().get_queryset(request)

    def get_object(self, request, object_id, from_field=None):
        policy = super().get_object(request, object_id, from_field)
        if policy is not None:
            policy._audit_before = policy.tenants_may_use_password
        return policy

    def save_model(self, request, obj, form, change):
        before = getattr(obj, "_audit_before", None)
        if before is None:
            before = LoginPolicy.current().tenants_may_use_password
        login_policy_change(policy=obj, before=before, acting_user=request.user)
