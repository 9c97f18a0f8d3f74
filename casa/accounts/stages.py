"""allauth's second-factor step at login, skipped when the session has already passed two
factors: a SPID or CIE login at level 2 or higher (middleware.passed_second_factor, the one
rule the middleware applies too)."""

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from .middleware import passed_second_factor


class AuthenticateStage(AllauthAuthenticateStage):
    def _should_handle(self, request):
        if self.login.user is not None and passed_second_factor(request, self.login.user):
            return False
        return super()._should_handle(request)
