"""The bench's URLconf: CASA's URLs and a bare view (bench/bench_wsgi.py)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("casa.urls")),
]
