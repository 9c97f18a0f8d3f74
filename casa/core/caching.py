"""Pages and files with personal data are never kept by a browser or a proxy.

Every response to a logged-in user (pages, the API, letters, receipts, CSV and SEPA files,
attachments) and every file download (`Content-Disposition: attachment`) is sent with
`Cache-Control: no-store`, so the back button after logging out, a shared computer's disk
cache or a caching proxy never hand them to someone else. Public pages seen by visitors, and
static files (served by WhiteNoise before this middleware), may still be cached.
"""

from django.utils.cache import add_never_cache_headers


def is_download(response):
    return response.get("Content-Disposition", "").lower().startswith("attachment")


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) or is_download(response):
            add_never_cache_headers(response)
        return response
