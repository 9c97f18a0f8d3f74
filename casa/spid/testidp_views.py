"""The test identity provider's pages (testidp.py): only routed where CASA_SPID_TEST_IDP is on,
which the settings refuse without DEBUG."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from stdnum.it import codicefiscale

from casa.accounts.models import Role, User
from casa.core.access import public

from . import saml, testidp
from .models import Kind


class PersonForm(forms.Form):
    fiscal_code = forms.CharField(label=_("Fiscal code"), max_length=16)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, initial=2,
                                   choices=[(1, "SpidL1"), (2, "SpidL2"), (3, "SpidL3")])
    email = forms.EmailField(label=_("E-mail"), required=False)
    mobile_phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=20)
    # CASA's request, carried through the page (a test provider keeps no session).
    request_id = forms.CharField(widget=forms.HiddenInput, max_length=100)
    relay_state = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def clean_fiscal_code(self):
        code = self.cleaned_data["fiscal_code"].strip().upper()
        if not codicefiscale.is_valid(code):
            raise forms.ValidationError(_("This is not a valid fiscal code."))
        return code


def _kind(kind):
    if kind not in Kind.values:
        raise Http404
    return Kind(kind)


def _demo_tenants():
    return (User.objects.filter(role=Role.TENANT, is_active=True).exclude(fiscal_code=None)
            .order_by("email")[:20])


@public
@csrf_exempt  # CASA's request arrives as a signed redirect; the form posts back to this page
@never_cache
def sso(request, kind):
    kind = _kind(kind)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            person = testidp.Person(fiscal_code=data["fiscal_code"], email=data["email"],
                                    mobile_phone=data["mobile_phone"])
            response = testidp.build_response(kind, data["request_id"], person,
                                              level=data["level"])
            return render(request, "spid/test_idp_post.html", {
                "acs": saml.acs_url(), "response": response,
                "relay_state": data["relay_state"]})
    else:
        asked = testidp.read_request(kind, request.GET.dict())
        if asked is None:
            return render(request, "spid/refused.html", status=400)
        form = PersonForm(initial={"request_id": asked.id,
                                   "relay_state": request.GET.get("RelayState", "")})
    return render(request, "spid/test_idp.html", {
        "form": form, "kind": kind, "name": testidp.NAMES[kind], "tenants": _demo_tenants()})


@public
@never_cache
def slo(request, kind):
    url = testidp.logout_response_redirect(_kind(kind), request.GET.dict())
    if url is None:
        return render(request, "spid/refused.html", status=400)
    return redirect(url)
