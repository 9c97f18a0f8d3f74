"""Lookups shared by the energy pages: a call by code, the tenant's own household, an
application within the user's scope. Each answers 404 when the object is missing or out of
scope, so that codes don't leak."""

from django.http import Http404

from casa.registry.access import visible_households

from .. import selectors
from ..models import Application


def call_or_404(code):
    call = selectors.call_by_code(code)
    if call is None:
        raise Http404
    return call


def household_qs(user):
    return (visible_households(user).select_related("unit__building__hub")
            .prefetch_related("isee_declarations", "heating_charges"))


def tenant_household_or_404(user):
    household = selectors.tenant_household(user)
    if household is None:
        raise Http404
    return household_qs(user).get(pk=household.pk)


def applications_for(user):
    """The applications of the households `user` may see."""
    return Application.objects.filter(household__in=visible_households(user))


def application_or_404(user, protocol):
    application = (applications_for(user)
                   .select_related("call", "household__unit__building__hub", "submitted_by")
                   .filter(protocol=protocol).first())
    if application is None:
        raise Http404
    return application
