"""What text CASA accepts: no control characters, and no bidirectional controls in names.

One definition, applied where text arrives: `RefuseControlCharactersMiddleware` for every
request (pages, forms, downloads, the admin, allauth, the API), and the register import for
every cell (casa/registry/importing/parse.py). PostgreSQL cannot store NUL in text at all, and
the other control characters (form feeds, escapes, C1 codes) are invisible, break exports and
have no business in a tenant's or an officer's text. Tab, line feed and carriage return are
kept where a multi-line text may hold them (a textarea, a query value, a multi-line address);
a path, a parameter's name and a single-line register value refuse them too.

Bidirectional embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069) can
make a name display as another ("Trojan Source"): names and the register's other texts are
cleaned of them.
"""

import json
import re

from django.core.validators import RegexValidator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Unicode's control characters (category Cc): C0, DEL and C1.
_CONTROL = "\x00-\x1f\x7f-\x9f"
_REFUSED = re.compile(f"[{_CONTROL}]")
# Multi-line text keeps tab, line feed and carriage return.
_REFUSED_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# A phone number as the register and the accounts accept it: digits, spaces, + . / ( ) -
# (casa/registry/importing/parse.py for the register's, accounts.User.mobile_phone).
PHONE_RE = re.compile(r"^\+?[0-9 ./()-]{5,31}$")


def control_character(text, *, multiline=False):
    """The first control character of `text` that CASA refuses, or None."""
    match = (_REFUSED_MULTILINE if multiline else _REFUSED).search(text)
    return match.group() if match else None


def code_point(character):
    """'\\x00' -> 'U+0000'."""
    return f"U+{ord(character):04X}"


def visible(text):
    """`text` with its control characters written as <U+0000>, for reports and messages."""
    return _REFUSED.sub(lambda match: f"<{code_point(match.group())}>", text)


def without_bidi_controls(text):
    """`text` without bidirectional embedding, override and isolate characters."""
    return _BIDI_CONTROLS.sub("", text)


def clean_name(text):
    """A person's name as CASA stores it: no bidirectional controls, no surrounding blanks."""
    return without_bidi_controls(text or "").strip()


def control_character_message(character):
    """Why a value is refused, as a report line or a form error reads it."""
    return _("contains a control character (%(code)s), which CASA does not accept: retype "
             "the value rather than pasting it") % {"code": code_point(character)}


# --- Requests --------------------------------------------------------------------------------

def _strings(value):
    """Every string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def refused_in_request(request):
    """(where, name, character) for the first refused character a request carries, or None:
    where is "path", "query" or "body"; name the parameter's name (or the path)."""
    character = control_character(request.path)
    if character:
        return "path", request.path, character
    for where, data in (("query", request.GET), ("body", _body(request))):
        for name, values in data.lists():
            character = control_character(name)
            for value in values if not character else ():
                if isinstance(value, str):
                    character = control_character(value, multiline=True)
                    if character:
                        break
            if character:
                return where, name, character
    if request.content_type == "application/json" and request.body:
        try:
            document = json.loads(request.body)
        except ValueError:
            return None  # not JSON: for the view to refuse
        for text in _strings(document):
            character = control_character(text, multiline=True)
            if character:
                return "body", "", character
    return None


class _NoData:
    def lists(self):
        return ()


def _body(request):
    """The form fields a request sends (none unless it is a form POST)."""
    if request.method != "POST" or request.content_type not in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        return _NoData()
    return request.POST


class RefuseControlCharactersMiddleware:
    """Refuses a request whose path, query string, form fields (names and values) or JSON
    body hold a control character (Django's upload parser already drops them from file
    names): a page saying so in the user's language (400), or for the API a validation error
    in django-ninja's shape (422). Nothing reaches a view, a form or the database with a NUL,
    so no page, search or API call fails on PostgreSQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = refused_in_request(request)
        if found is None:
            return self.get_response(request)
        where, name, character = found
        if request.path.startswith("/api/"):
            message = _("The value contains a control character (%(code)s), which CASA does "
                        "not accept.") % {"code": code_point(character)}
            return JsonResponse({"detail": [{
                "type": "control_character", "loc": [where, name] if name else [where],
                "msg": message}]}, status=422)
        return render(request, "core/refused_input.html", {
            "where": where, "name": visible(name), "code": code_point(character),
        }, status=400)


class DropCookiesWithControlCharactersMiddleware:
    """Drops the cookies whose value holds a control character, before anything reads them:
    the session key is looked up in the database, and on PostgreSQL a NUL in it made every page
    answer 500. No browser sends such a cookie; a forged one counts as absent (not logged in,
    no language chosen)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if control_character(name) or control_character(value):
                del request.COOKIES[name]
        return self.get_response(request)


def validate_phone(value):
    """A phone number in the register's form, or ValidationError."""
    RegexValidator(PHONE_RE, _("Not a phone number (digits, spaces, + . / ( ) -)."),
                   code="invalid_phone")(value)
