"""Which language a household reads CASA in (issue 12): the one a member chose on their
account, else the register's, when CASA speaks it; else Italian, with help offered at the hub.

The pages read it through the session (casa/core/languages.py): `register_language_at_login`
puts the register's language there when a tenant logs in. Messages read it through
`household_languages`, for one household or a payment run's thousands in one query.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.dispatch import receiver
from django.utils import translation

from casa.accounts.models import Role, User
from casa.core import languages

from .models import Member, Relation


def household_languages(households):
    """{household id: (language, register code CASA does not speak or "")} for messages to
    `households` (Household objects, as the caller holds them): the language a current member
    chose on their account (the head of household first), else the household's register
    language when CASA speaks it, else Italian with the register's code, so that help can be
    offered. One query, however many households."""
    households = [household for household in households if household is not None]
    ids = [household.pk for household in households if household.pk is not None]
    picks = {}
    if ids:
        chosen = (User.objects.filter(fiscal_code=OuterRef("fiscal_code"), role=Role.TENANT,
                                      is_active=True)
                  .exclude(language="").values("language")[:1])
        rows = (Member.objects.current().filter(household_id__in=ids)
                .annotate(chosen=Subquery(chosen),
                          head=Case(When(relation=Relation.HEAD, then=Value(0)),
                                    default=Value(1)))
                .exclude(chosen=None).order_by("household_id", "head", "pk")
                .values_list("household_id", "chosen"))
        for household_id, language in rows:
            picks.setdefault(household_id, languages.supported(language))
    answer = {}
    for household in households:
        register = getattr(household, "language", "") or ""
        language = picks.get(household.pk) or languages.supported(register)
        answer[household.pk] = ((language, "") if language
                                else (settings.LANGUAGE_CODE, register))
    return answer


def household_language(household):
    """`household_languages` for one household: (language, register code CASA does not
    speak, or "")."""
    return household_languages([household])[household.pk]


@receiver(user_logged_in)
def register_language_at_login(sender, request, user, **kwargs):
    """A tenant who never picked a language reads CASA in their household's: put it in the
    session (LanguageMiddleware reads it), or the code CASA does not speak, for the offer of
    help in base.html. Then the rest of the login request speaks the person's language too
    (allauth's "you are logged in" message is written before the redirect)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(languages.REGISTER_LANGUAGE_KEY, None)
    request.session.pop(languages.LANGUAGE_HELP_KEY, None)
    if user.role == Role.TENANT:
        from .selectors import tenant_household  # selectors read the access layer, set later

        household = tenant_household(user)
        register = household.language if household is not None else ""
        language = languages.supported(register)
        if language:
            request.session[languages.REGISTER_LANGUAGE_KEY] = language
        elif register:
            request.session[languages.LANGUAGE_HELP_KEY] = register
    translation.activate(languages.LanguageMiddleware.language_for(request))
