"""Pages of a long list for the staff's pages (i11page): Django's Paginator, a page number that
does not exist answered with the nearest page and a message saying so (never a 500), and the
query string that keeps the filters in the pagination links (core/includes/pagination.html)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.utils.translation import gettext as _


def nearest_page(items, per_page, asked):
    """(the page `asked` of `items`, or the nearest one, the warning that says so or None):
    a page that is not a number shows the first, one past the last shows the last."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(asked)
    if asked is None or asked == str(page.number):
        return page, None
    return page, _("There is no page “%(asked)s”: showing page %(shown)s of %(pages)s.") % {
        "asked": asked, "shown": page.number, "pages": paginator.num_pages}


def page_of(request, items, per_page):
    """(the page of `items` that request.GET's `page` asks for, the query string of the other
    parameters for the pagination links). A page that is not a number, or past the last,
    shows the first or the last page with a warning."""
    page, warning = nearest_page(items, per_page, request.GET.get("page"))
    if warning:
        messages.warning(request, warning)
    kept = request.GET.copy()
    kept.pop("page", None)
    return page, kept.urlencode()
