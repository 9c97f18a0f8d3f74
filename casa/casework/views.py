"""The tenant's page of their support: what a case file records for them (the plan's actions
marked for them, the referrals and their outcome), never a note."""

from django.shortcuts import render

from casa.core.access import allow

from . import selectors


@allow("casework.view_own")
def my_support(request):
    actions, referrals = selectors.tenant_support(request.user)
    return render(request, "casework/tenant/my_support.html",
                  {"actions": actions, "referrals": referrals})
