"""The languages CASA speaks, and which one a request gets (issue 12).

Tenants read CASA in seven languages; staff pages stay in Italian and English. Which language a
page is in, in this order:

1. the language a logged-in person chose with the header's buttons, saved on their account
   (`user.language`, written through the `language_chosen` signal: accounts keeps it, also
   for a choice made on the login page, at login);
2. the language picked with those buttons in this browser (the language cookie);
3. for a tenant who never chose: their household's language in the register, put in the
   session at login (`REGISTER_LANGUAGE_KEY`, by the registry, which knows households);
4. the browser's Accept-Language (Django's LocaleMiddleware);
5. Italian.

A language a person may not have (Arabic on a staff page, a language CASA does not speak)
falls back to Italian. A household whose register language CASA does not speak gets Italian
and, in English, a line offering help at their Spazio CASA (`LANGUAGE_HELP_KEY`).

Knows no domain: a user is read through `language`, `is_authenticated` and `is_casa_staff`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str  # Django's code (the locale directory is translation.to_locale(code))
    name: str  # its own name, as a reader of that language looks for it
    rtl: bool = False
    # The font family of the PDFs' summary in this language (casa/core/pdf.py), vendored.
    pdf_font: str = "Titillium Web"


LANGUAGES = (
    Language("it", "Italiano"),
    Language("en", "English"),
    Language("ar", "العربية", rtl=True, pdf_font="Noto Sans Arabic"),
    Language("es", "Español"),
    Language("fr", "Français"),
    Language("zh-hans", "中文（简体）", pdf_font="Noto Sans SC"),
    Language("ro", "Română"),
)
BY_CODE = {language.code: language for language in LANGUAGES}

# For settings.LANGUAGES: each language's name in the reader's language (literals, so that
# makemessages finds them).
SETTINGS_LANGUAGES = [
    ("it", _("Italian")), ("en", _("English")), ("ar", _("Arabic")), ("es", _("Spanish")),
    ("fr", _("French")), ("zh-hans", _("Chinese (simplified)")), ("ro", _("Romanian")),
]

TENANT_LANGUAGES = tuple(language.code for language in LANGUAGES)
STAFF_LANGUAGES = ("it", "en")

# Set at login for a tenant who never chose: their household's register language when CASA
# speaks it; LANGUAGE_HELP_KEY holds the register's code when it does not.
REGISTER_LANGUAGE_KEY = "casa_register_language"
LANGUAGE_HELP_KEY = "casa_language_help"

# In English on purpose, whatever the page's language: the offer of help to a household whose
# language CASA does not speak (base.html, and the end of every message to them).
HELP_IN_ENGLISH = ("CASA does not speak your language yet. Your Spazio CASA can help you: "
                   "visit or call them.")

# Sent when a logged-in person picks a language: accounts saves it on the account.
language_chosen = Signal()  # sender=None, user=..., language=...


def supported(code):
    """CASA's code for a language code ("zh-Hans", "zh_Hans", "zh", "ES" ...), or None."""
    code = (code or "").strip().lower().replace("_", "-")
    if not code:
        return None
    if code in BY_CODE:
        return code
    if code in {"zh", "zh-cn", "zh-sg"}:
        return "zh-hans"
    base = code.split("-")[0]
    return base if base in BY_CODE and base != "zh" else None


# Unicode's left-to-right isolate and its end: a number, an amount or a code keeps its order
# inside right-to-left text, in a page and in a plain-text SMS alike.
LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def isolate(text, language=None):
    """`text` isolated left to right when `language` (default: the active one) is written
    right to left; unchanged otherwise."""
    if text in (None, ""):
        return text
    rtl = is_rtl(language) if language else translation.get_language_bidi()
    return f"{LTR_ISOLATE}{text}{POP_ISOLATE}" if rtl else text


def is_rtl(code):
    language = BY_CODE.get(supported(code) or "")
    return bool(language and language.rtl)


def for_user(user):
    """The languages `user` may read pages in: staff Italian and English, others all seven."""
    if getattr(user, "is_casa_staff", False):
        return STAFF_LANGUAGES
    return TENANT_LANGUAGES


def allowed(code, user):
    """`code` as CASA's code when `user` may read pages in it, else None."""
    code = supported(code)
    return code if code in for_user(user) else None


def choices_for(user):
    """[Language] the header offers `user`, in the order of LANGUAGES."""
    codes = for_user(user)
    return [language for language in LANGUAGES if language.code in codes]


class LanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: the account's language, the
    register's, or LocaleMiddleware's pick, narrowed to what the person may read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.language_for(request)
        if language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def language_for(request):
        user = getattr(request, "user", None)
        picked = translation.get_language()  # LocaleMiddleware's: the cookie, else the browser
        if user is None or not user.is_authenticated:
            return allowed(picked, user) or settings.LANGUAGE_CODE
        for candidate in (getattr(user, "language", ""), chosen_here(request),
                          request.session.get(REGISTER_LANGUAGE_KEY), picked):
            language = allowed(candidate, user)
            if language:
                return language
        return settings.LANGUAGE_CODE


def chosen_here(request):
    """The language picked with the header's buttons in this browser (the cookie only they
    set), or None."""
    return supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


def language_help(request):
    """The register's language code when CASA does not speak it and the person has not chosen
    one: base.html then offers help at the hub, in English."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "language", ""):
        return None
    return request.session.get(LANGUAGE_HELP_KEY)
