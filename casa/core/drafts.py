"""Switching language without losing what was typed in a form.

The header's language buttons post to `switch_language` with the page's address. On a page
whose view opted in with one line,

    form = with_draft(request, MyForm(request.POST or None), "my-form")

(the template renders the form with `id="my-form"`), the buttons submit that form instead:
`form="my-form"` and a `formaction` carrying a signed note of the page and of the fields to
keep. The switch keeps what was typed (never passwords or files) in the session for a few
minutes, keyed by the page's path and the user, sets the language and goes back to the page;
`with_draft` then gives the values back to the form, unvalidated, as initial values, once.

A GET form (a search) needs no storage: `with_draft(..., method="get")` sends the typed
values back in the page's query string. No JavaScript is involved.
"""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SESSION_KEY = "casa_drafts"
DRAFT_SECONDS = 15 * 60  # how long a draft waits for the page to come back
MAX_DRAFTS = 5  # per session: the newest ones
MAX_VALUES = 200  # per draft
MAX_VALUE_LENGTH = 5000
SALT = "casa.core.drafts"
# A page can stay open a long time before someone switches language.
NOTE_SECONDS = 24 * 60 * 60
# Fields never kept: what a person would not want stored, and files.
SECRET_WIDGETS = (forms.PasswordInput, forms.FileInput)


@dataclass(frozen=True)
class LanguageSwitch:
    """What the header's language buttons need to submit the page's form (see base.html)."""

    form_id: str
    note: str  # signed: the page, the fields to keep, the form's method
    method: str

    def action(self, language):
        name = "core:switch_language_get_form" if self.method == "get" else \
            "core:switch_language"
        return f"{reverse(name)}?{urlencode({'draft': self.note, 'language': language})}"


def kept_fields(form) -> dict[str, str]:
    """{name in the request: field name} of the fields a draft may keep."""
    return {form.add_prefix(name): name for name, field in form.fields.items()
            if not isinstance(field.widget, SECRET_WIDGETS + (forms.MultiWidget,))}


def with_draft(request, form, form_id, *, method="post"):
    """Opt a form into the language switch that keeps what was typed, and return it.

    On a GET with a draft waiting for this page and this user, the draft's values become the
    form's initial values (unvalidated; the form stays unbound). Call it only where the page
    renders the form with `id="<form_id>"`: the language buttons submit that form."""
    fields = kept_fields(form)
    note = signing.dumps({"path": request.get_full_path(), "key": request.path,
                          "fields": sorted(fields), "method": method,
                          "user": _user_key(request)},
                         salt=SALT, compress=True)
    request.casa_language_switch = LanguageSwitch(form_id=form_id, note=note, method=method)
    if method == "post" and request.method == "GET" and not form.is_bound:
        draft = take_draft(request)
        if draft is not None:
            _restore(form, fields, draft)
    return form


def _restore(form, fields, draft):
    values, language = draft["data"], draft.get("language")
    for html_name, name in fields.items():
        field = form.fields[name]
        widget = field.widget
        typed = values.get(html_name)
        if typed is None:
            # An unticked checkbox sends nothing: it was unticked.
            if isinstance(widget, forms.CheckboxInput):
                form.initial[name] = False
            elif getattr(widget, "allow_multiple_selected", False):
                form.initial[name] = []
            continue
        value = typed if getattr(widget, "allow_multiple_selected", False) else typed[-1]
        if hasattr(field, "draft_value"):  # e.g. an amount typed in the other language
            value = field.draft_value(value, language)
        form.initial[name] = value


def note_is_for(request, note):
    """Whether `note` (read_note's) was made on a page shown to the logged-in person of
    `request`: the proof a request without a CSRF token gives that they sent it."""
    user = _user_key(request)
    return user is not None and note is not None and note.get("user") == user


def _user_key(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _fresh(drafts, now):
    return {key: draft for key, draft in drafts.items()
            if isinstance(draft, dict) and now - draft.get("at", 0) < DRAFT_SECONDS}


def read_note(text):
    """The signed note of a language button, or None when it is missing, forged or old."""
    try:
        note = signing.loads(text or "", salt=SALT, max_age=NOTE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(note, dict) or not str(note.get("path", "")).startswith("/"):
        return None
    return note


def keep_draft(request, note):
    """Store what the request posted for the note's fields, for the note's page and the user."""
    fields = note.get("fields", [])
    data, count = {}, 0
    for name in fields:
        typed = [value[:MAX_VALUE_LENGTH] for value in request.POST.getlist(name)]
        if not typed or count + len(typed) > MAX_VALUES:
            continue
        data[name] = typed
        count += len(typed)
    now = time.time()
    drafts = _fresh(request.session.get(SESSION_KEY, {}), now)
    drafts[note["key"]] = {"user": _user_key(request), "at": now, "data": data,
                           "language": translation.get_language()}
    newest = sorted(drafts.items(), key=lambda item: item[1]["at"])[-MAX_DRAFTS:]
    request.session[SESSION_KEY] = dict(newest)


def take_draft(request):
    """The draft waiting for this page and this user, removed from the session (once)."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    drafts = _fresh(stored, time.time())
    draft = drafts.pop(request.path, None)
    request.session[SESSION_KEY] = drafts
    if draft is None or draft.get("user") != _user_key(request):
        return None
    return draft


def query_of(request, note):
    """The typed values of a GET form, as the query string of its page."""
    return urlencode([(name, value[:MAX_VALUE_LENGTH]) for name in note.get("fields", [])
                      for value in request.POST.getlist(name)[:MAX_VALUES]])


def set_language_cookie(response, language):
    """What Django's set_language view does to remember the choice."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response
