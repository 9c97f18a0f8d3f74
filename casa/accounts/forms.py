"""The login form: allauth's, opted into the language switch that keeps the e-mail typed
(casa/core/drafts.py; the password is never kept)."""

from allauth.account.forms import LoginForm as AllauthLoginForm

from casa.core.drafts import with_draft


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            with_draft(self.request, self, "login-form")
