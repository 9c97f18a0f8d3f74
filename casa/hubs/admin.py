"""Only the places (neighbourhood points for the nearest hub) are edited in the admin. Hours,
closures and absences go through the staff pages (views.py), whose services cancel the bookings
a closure hits: an admin form would skip that."""

from django.contrib import admin

from .models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["municipality", "neighbourhood", "latitude", "longitude"]
    search_fields = ["municipality", "neighbourhood"]
