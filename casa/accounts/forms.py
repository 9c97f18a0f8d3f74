"""allauth's forms as CASA uses them: the login form, opted into the language switch that keeps
the e-mail typed (casa/core/drafts.py; the password is never kept); the form to change one's
e-mail address, refusing another account's address; the password change, whose current
password is checked under the login's limits."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext as _

from casa.core.drafts import with_draft

from .models import LoginPolicy
from .services import email_in_use, password_confirm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            with_draft(self.request, self, "login-form")

    @property
    def tenants_may_use_password(self):
        """Whether the login page offers the password to tenants too (LoginPolicy)."""
        return LoginPolicy.current().tenants_may_use_password


class ChangeEmailForm(AddEmailForm):
    def clean_email(self):
        email = super().clean_email()
        if email_in_use(email, by_other_than=self.user):
            raise forms.ValidationError(
                _("This address belongs to another CASA account: choose another one. If it is "
                  "yours, ask at your Spazio CASA."), code="email_in_use")
        return email


class ChangePasswordForm(AllauthChangePasswordForm):
    def clean_oldpassword(self):
        password = self.cleaned_data.get("oldpassword", "")
        if not password_confirm(user=self.user, password=password):
            raise get_adapter().validation_error("enter_current_password")
        return password
