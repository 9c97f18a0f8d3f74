from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: staff look at the outbox to see what was sent, when, and why not."""

    list_display = ["created_at", "kind", "channel", "household", "status", "attempts",
                    "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["household__code", "address", "key"]
    date_hierarchy = "created_at"
    raw_id_fields = ["household", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
