"""The login form: allauth's, opted into the language switch that keeps the e-mail typed
(casa/core/drafts.py; the password is never kept). The form to change one's e-mail address:
allauth's, refusing another account's address."""

from allauth.account.forms import AddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext as _

from casa.core.drafts import with_draft

from .services import email_in_use


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            with_draft(self.request, self, "login-form")


class ChangeEmailForm(AddEmailForm):
    def clean_email(self):
        email = super().clean_email()
        if email_in_use(email, by_other_than=self.user):
            raise forms.ValidationError(
                _("This address belongs to another CASA account: choose another one. If it is "
                  "yours, ask at your Spazio CASA."), code="email_in_use")
        return email
