"""What every page's layout needs."""

from django.conf import settings


def casa(request):
    return {"CASA_SITE_NAME": "CASA", "CASA_DEBUG": settings.DEBUG}
