"""The answer to a request for information and the change of bank account, on the tenant's
application page and on the desk's page for a household: the same forms and services
(casa.energy.applying), with the tenant's password (or SPID/CIE, moments before) or the desk's
identity check. Each handler returns (done, context): done when the service saved, otherwise
what the page shows again."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from casa.accounts.reauthentication import recent_reauthentication
from casa.core.languages import isolate
from casa.core.money import format_euro

from ..applying import (
    IseeNotCountedError,
    application_change_iban,
    application_provide_information,
    can_change_iban,
    masked,
    needs_iban,
)
from ..explain import ISEE_SET_ASIDE, ISEE_WHY, day, kind_label
from ..forms import add_service_errors
from ..models import ApplicationStatus
from .apply_forms import AnswerForm, IbanChangeForm

FIELD_NAMES = {NON_FIELD_ERRORS: None}


def isee_not_counted_sentences(notice) -> list[str]:
    """A declared ISEE the rule would not use (applying.IseeNotCounted), in plain words: which
    declaration counts instead, and why."""
    declared = notice.declared
    sentences = [_("We would not use the ISEE you entered (%(kind)s, issued on %(issued)s): "
                   "%(because)s.") % {
        "kind": kind_label(declared.kind), "issued": day(declared.issued_on),
        "because": ISEE_SET_ASIDE.get(notice.set_aside_because, notice.set_aside_because)}]
    chosen = notice.chosen
    if chosen is not None:
        sentences.append(_(
            "The ISEE that counts is the one of %(value)s (%(kind)s, protocol %(protocol)s), "
            "issued on %(issued)s and valid until %(until)s. The reason: %(why)s.") % {
            "kind": kind_label(chosen.kind), "value": format_euro(chosen.value),
            "protocol": isolate(chosen.protocol), "issued": day(chosen.issued_on),
            "until": day(chosen.valid_until), "why": ISEE_WHY.get(notice.chosen_why, "")})
    else:
        sentences.append(_("No other ISEE of yours is valid today either."))
    return sentences


# --- The answer --------------------------------------------------------------------------------

def answer_form(application, data=None, files=None):
    household = application.household
    return AnswerForm(data, files, household=household,
                      ask_iban=needs_iban(household) and not application.iban)


def post_answer(request, application, *, at_desk):
    """Send the posted answer (on the household's behalf when staff send it). Not done: the
    form with its errors, or the notice that the declared ISEE would not count (nothing is
    saved; files must be chosen again, a browser never sends them back)."""
    form = answer_form(application, request.POST, request.FILES)
    chosen_files = bool(request.FILES.getlist("attachments"))
    context = {"form": form}
    if form.is_valid():
        try:
            application_provide_information(
                application=application, acting_user=request.user,
                text=form.cleaned_data["text"], isee=form.declared_isee(),
                iban=form.declared_iban(), iban_holder=form.declared_holder(),
                attachments=form.cleaned_data["attachments"],
                send_isee_anyway=request.POST.get("send_isee_anyway") == "1")
        except IseeNotCountedError as error:
            context["isee_not_counted"] = isee_not_counted_sentences(error.notice)
        except ValidationError as error:
            add_service_errors(form, error, FIELD_NAMES)
        else:
            if at_desk:
                messages.success(request, _("The answer was sent on the household's behalf: "
                                            "the application is under review again."))
            else:
                messages.success(request, _("Thank you. We received your answer. We are now "
                                            "checking your application again."))
            return True, {}
    context["files_dropped"] = chosen_files
    return False, context


# --- The bank account ------------------------------------------------------------------------

def _confirmation(request, *, at_desk):
    """How the tenant confirmed who they are moments ago ("password", "spid"), read from the
    session (casa.accounts.reauthentication), and whether the form asks for their password:
    not once they confirmed, nor when they have none (they confirm with SPID/CIE first)."""
    if at_desk:
        return None, False
    reauthenticated = recent_reauthentication(request)
    return reauthenticated, reauthenticated is None and request.user.has_usable_password()


def bank_context(request, application, *, at_desk, form=None):
    """The account on file (masked) and, while it can change, the form to change it; nothing
    when the contribution is credited on the bill and no IBAN was ever given. A tenant who has
    not confirmed who they are moments ago is also offered SPID/CIE ({% spid_reauthenticate %},
    in a session opened with them), back to this page; one without a password gets only that
    until they have."""
    household = application.household
    if not application.iban and not needs_iban(household):
        return {}
    changeable = can_change_iban(application)
    reauthenticated, ask_password = _confirmation(request, at_desk=at_desk)
    if changeable and form is None:
        form = IbanChangeForm(household=household, at_desk=at_desk, ask_password=ask_password)
    confirm_first = not at_desk and reauthenticated is None and not ask_password
    return {"bank": {"iban": masked(application.iban), "holder": application.iban_holder_name,
                     "changeable": changeable,
                     "paid": application.status == ApplicationStatus.PAID,
                     "reauthenticated": reauthenticated,
                     "offer_spid": not at_desk and reauthenticated is None,
                     "confirm_first": confirm_first,
                     "return_to": f"{request.path}#bank"},
            "iban_form": form if changeable else None}


def post_iban_change(request, application, *, at_desk):
    reauthenticated, ask_password = _confirmation(request, at_desk=at_desk)
    form = IbanChangeForm(request.POST, household=application.household, at_desk=at_desk,
                          ask_password=ask_password)
    if form.is_valid():
        try:
            application_change_iban(
                application=application, iban=form.cleaned_data["iban"],
                iban_holder=form.cleaned_data["iban_holder"], acting_user=request.user,
                password=form.cleaned_data.get("password"),
                identity=form.identity() if at_desk else None,
                reauthenticated=reauthenticated)
        except ValidationError as error:
            add_service_errors(form, error, FIELD_NAMES)
        else:
            messages.success(request, _("The bank account was changed. The household gets a "
                                        "message confirming it."))
            return True, {}
    return False, bank_context(request, application, at_desk=at_desk, form=form)
