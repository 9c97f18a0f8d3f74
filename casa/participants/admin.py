"""Funded projects and their hubs are configuration, kept here by administrators.
Participants, consents and snapshots are written only through services.py."""

from django.contrib import admin

from .models import FundedProject, ProjectHub


class ProjectHubInline(admin.TabularInline):
    model = ProjectHub
    extra = 0


@admin.register(FundedProject)
class FundedProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "line", "starts_on", "ends_on"]
    list_filter = ["line"]
    inlines = [ProjectHubInline]
