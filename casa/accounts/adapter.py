"""How allauth treats CASA accounts: no self sign-up; accounts are created by the agency."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False
