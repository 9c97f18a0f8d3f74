"""The JSON API's refusals, described once for the OpenAPI document.

Every operation declares, beside its 200, exactly the refusals it gives: `response={200:
HouseholdOut, **refusals(401, 403, 404)}`. The bodies are those that django-ninja and
casa/api.py's handlers write: `{"detail": "Unauthorized"}` (no session), `{"detail":
"Forbidden"}` (no capability), `{"detail": "Not Found"}` (outside the caller's scope, or no such
record), `{"detail": "Cannot parse request body"}` (400: an operation that takes a JSON body
was sent something else), and for a parameter that cannot be read, 422 with one entry per
problem. Every
operation can give that 422: a control character anywhere in a request is refused before any
view runs (casa/core/text.py), so `refusals` always includes it. A value that a service refuses
(a cancelled event, a time no longer free) answers the same 422, through `invalid`, with the
reason in the caller's language.
tests/test_api_declares_the_answers_it_gives.py compares what is declared with what each
operation answers.
"""

from django.core.paginator import Paginator
from ninja import Schema
from ninja.errors import ValidationError
from ninja.security import SessionAuth

from .access import require


class Refusal(Schema):
    detail: str


class InvalidParameter(Schema):
    type: str
    loc: list[str | int]
    msg: str


class InvalidParameters(Schema):
    detail: list[InvalidParameter]


REFUSALS = {400: Refusal, 401: Refusal, 403: Refusal, 404: Refusal, 422: InvalidParameters}


def refusals(*codes):
    """{status: schema} for the refusals an operation gives, and the 422 every one gives to a
    control character."""
    return {code: REFUSALS[code] for code in (*codes, 422)}


def invalid(loc, *messages, code="value_error"):
    """The 422 for a value a service refused, shaped as django-ninja's for a parameter it
    cannot read: `loc` says where (("query", "people"), ("body", "starts_at")), each message
    why, in the caller's language, and `code` what, for a program: "value_error", or the
    service's own code (an appointment's "taken"). Raise it."""
    return ValidationError([{"type": code, "loc": list(loc), "msg": str(message)}
                            for message in messages])


class SessionWith(SessionAuth):
    """Session authentication that also requires `capability` (casa.core.access.require), for
    a router whose operations all need it: `Router(auth=SessionWith("appointments.book"))`.
    django-ninja authenticates before it reads an operation's parameters and body, so a user
    without the capability is refused 403 whatever they send, never told first that their body
    cannot be read (422); a visitor gets 401. The operation finds the user in `request.auth`."""

    def __init__(self, capability):
        super().__init__()
        self.capability = capability

    def authenticate(self, request, key):
        if not request.user.is_authenticated:
            return None
        return require(request, self.capability)


def api_page(items, per_page, number):
    """The page `number` of `items` (the last if past it), for a list operation; answer it with
    `page_answer` once its rows are read (and their reads audited)."""
    return Paginator(items, per_page).get_page(number)


def page_answer(page, results):
    """A list operation's answer: `{count, page, pages, results}`, the same for every list."""
    return {"count": page.paginator.count, "page": page.number,
            "pages": page.paginator.num_pages, "results": results}
