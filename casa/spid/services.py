"""The SPID and CIE login: start it, finish it, log out. Views call these; nothing here reads
the request beyond its session.

A login is one request CASA signs and sends (`start`), kept in the session once: the response
must answer that request, in that session, within ten minutes (`finish`), so a response replayed,
sent to another browser, or sent unasked is refused before its signature is even read. Then
python3-saml checks the signatures, times, audience and recipient, rules.py checks SPID's own
rules, and an accepted assertion is spent for good (SpentAssertion).

The person is found by the fiscal code the identity provider asserts, never by e-mail
(`match`): an account that has it (staff, or a tenant still in a household), else a current
member of a current household, whose account is made on this first login. Everything else gets
the "not recognised" page, and the attempt goes in the audit trail. The login itself is
allauth's (`perform_login`): the same audit event, session, language and second factor as a
password login (casa/accounts).
"""

import dataclasses
import datetime as dt
import logging
import secrets

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.contrib.auth import hashers
from django.contrib.auth import logout as django_logout
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from casa.accounts.middleware import NATIONAL_IDENTITY
from casa.accounts.models import Role, User
from casa.accounts.services import email_in_use, user_create
from casa.core.audit import AuditAction, audit_event
from casa.core.text import PHONE_RE
from casa.registry.models import Member

from . import rules, saml
from .models import IdentityProvider, Kind, SpentAssertion

logger = logging.getLogger(__name__)

PENDING = "spid_pending"       # session: request ID -> what the login is for
ESTABLISHED = "spid_session"   # session: what single logout needs
PENDING_FOR = dt.timedelta(minutes=10)
MOST_PENDING = 5               # a person may start a login in a few tabs
LOGIN, REAUTHENTICATE = "login", "reauthenticate"
ACTOR = "spid"


class Refused(Exception):
    """A login that cannot go on. `reason` is for the log and the audit trail; `recognised`
    False means a valid identity CASA does not know (its own page)."""

    def __init__(self, reason, *, recognised=True, fiscal_code=""):
        super().__init__(reason)
        self.reason = reason
        self.recognised = recognised
        self.fiscal_code = fiscal_code


@dataclasses.dataclass(frozen=True)
class Identity:
    fiscal_code: str
    first_name: str
    last_name: str
    email: str
    mobile_phone: str
    level: int
    idp: str
    name_id: str
    name_qualifier: str
    session_index: str


def start(session, idp, *, next_url="", purpose=LOGIN):
    """The address to send the browser to: the identity provider, with CASA's signed request.
    The request is remembered in the session, for one answer."""
    relay_state = secrets.token_urlsafe(16)  # opaque, as AgID asks: never a URL
    url, request_id = saml.login_redirect(idp, relay_state)
    pending = _live(session.get(PENDING, {}))
    pending[request_id] = {"idp": idp.entity_id, "at": timezone.now().isoformat(),
                           "next": next_url, "purpose": purpose}
    session[PENDING] = dict(sorted(pending.items(), key=lambda item: item[1]["at"])
                            [-MOST_PENDING:])
    return url


def _live(pending):
    oldest = timezone.now() - PENDING_FOR
    return {key: value for key, value in pending.items()
            if isinstance(value, dict) and dt.datetime.fromisoformat(value["at"]) > oldest}


def read(session, saml_response):
    """The identity a response asserts, once every check passed, or Refused (in the audit
    trail). The request it answers is taken out of the session whatever happens: a response is
    read once."""
    try:
        return _read(session, saml_response)
    except Refused as refusal:
        record_refusal(refusal)
        raise


def _read(session, saml_response):
    try:
        xml = OneLogin_Saml2_Utils.b64decode(saml_response)
        root = OneLogin_Saml2_XML.to_etree(xml)
    except Exception as error:  # noqa: BLE001 (base64, lxml and defusedxml raise many kinds)
        raise Refused(f"not a SAML message: {type(error).__name__}") from error
    request_id = root.get("InResponseTo") or ""
    pending = _live(session.get(PENDING, {}))
    asked = pending.pop(request_id, None)
    session[PENDING] = pending
    if asked is None:
        raise Refused("answers no request of this session (replayed, expired or unasked)")
    idp = IdentityProvider.objects.offered().filter(entity_id=asked["idp"]).first()
    if idp is None:
        raise Refused("the identity provider is no longer in the registry")
    auth = saml.toolkit(idp, saml.acs_url(), post={"SAMLResponse": saml_response})
    try:
        auth.process_response(request_id=request_id)
    except Exception as error:  # noqa: BLE001 (python3-saml raises its own error or lxml's)
        raise Refused(f"unreadable response: {error}") from error
    if auth.get_errors():
        raise Refused(f"refused by python3-saml: {auth.get_last_error_reason()}")
    expected = rules.Expected(
        request_id=request_id, requested_at=dt.datetime.fromisoformat(asked["at"]),
        idp=idp.entity_id, acs=saml.acs_url(), audience=saml.entity_id(idp.kind),
        level=saml.REQUIRED_LEVEL, issuer_format_required=idp.kind == Kind.SPID)
    if problem := rules.check_response(root, expected):
        raise Refused(problem)
    _spend(auth.get_last_assertion_id(), auth.get_last_assertion_not_on_or_after())
    fiscal_code = rules.fiscal_code(rules.attribute(root, "fiscalNumber"))
    if not fiscal_code:
        raise Refused("the fiscalNumber is not an Italian fiscal code", recognised=False)
    identity = Identity(
        fiscal_code=fiscal_code, first_name=rules.attribute(root, "name"),
        last_name=rules.attribute(root, "familyName"), email=rules.attribute(root, "email"),
        mobile_phone=rules.attribute(root, "mobilePhone"), level=rules.level_of(root),
        idp=idp.entity_id, name_id=auth.get_nameid() or "",
        name_qualifier=auth.get_nameid_nq() or "", session_index=auth.get_session_index() or "")
    return identity, asked


def _spend(assertion_id, not_on_or_after):
    until = (dt.datetime.fromtimestamp(not_on_or_after, dt.UTC) if not_on_or_after
             else timezone.now() + PENDING_FOR)
    try:
        with transaction.atomic():
            SpentAssertion.objects.filter(until__lt=timezone.now()).delete()
            SpentAssertion.objects.create(assertion_id=assertion_id, until=until)
    except IntegrityError:
        raise Refused("assertion already used") from None


def match(identity):
    """The account of the person the identity provider vouched for, made on their first login
    when they are a current member of a current household; Refused(recognised=False) when CASA
    does not know them as a tenant or staff member."""
    user = User.objects.filter(fiscal_code=identity.fiscal_code).first()
    member = (Member.objects.current().select_related("household")
              .filter(fiscal_code=identity.fiscal_code, household__tenancy_end=None).first())
    if user is not None:
        if not user.is_active:
            raise Refused("the account is disabled", recognised=False,
                          fiscal_code=identity.fiscal_code)
        if user.role == Role.TENANT and member is None:
            raise Refused("no longer a current member of a current household",
                          recognised=False, fiscal_code=identity.fiscal_code)
        return user
    if member is None:
        raise Refused("not a current member of a current household", recognised=False,
                      fiscal_code=identity.fiscal_code)
    return _tenant_account(identity, member)


def _tenant_account(identity, member):
    """The first login of a member: an account with their fiscal code and the register's name,
    the e-mail and mobile number the identity provider gave (when no other account uses the
    address), and no password: they log in with SPID or CIE."""
    email = (identity.email or "").strip().lower()
    if email and email_in_use(email):
        email = ""
    try:
        user = user_create(email=email or None, password=None,
                           hashed_password=hashers.make_password(None), role=Role.TENANT,
                           first_name=member.first_name, last_name=member.last_name,
                           fiscal_code=identity.fiscal_code,
                           language="", acting_user=ACTOR)
    except (ValidationError, IntegrityError):
        # The same person finishing two logins at once: the other made the account.
        user = User.objects.filter(fiscal_code=identity.fiscal_code).first()
        if user is None:
            raise
    mobile_phone = identity.mobile_phone.replace(" ", "")
    if mobile_phone and not user.mobile_phone and PHONE_RE.match(mobile_phone):
        User.objects.filter(pk=user.pk).update(mobile_phone=mobile_phone[:32])
    return user


def log_in(request, identity, asked):
    """allauth's login of the matched account (its stages, signals and audit event), with the
    identity provider's level recorded: level 2 counts as the second factor (docs/spid.md)."""
    try:
        user = match(identity)
    except Refused as refusal:
        record_refusal(refusal, idp=identity.idp)
        raise
    if asked["purpose"] == REAUTHENTICATE:
        if not request.user.is_authenticated or request.user.pk != user.pk:
            refusal = Refused("re-authentication by another person")
            record_refusal(refusal, idp=identity.idp)
            raise refusal
        _record(request, user, identity, reauthenticated=True)
        return None
    if request.user.is_authenticated and request.user.pk != user.pk:
        django_logout(request)
    _record(request, user, identity)
    return perform_login(request, user, email_verification="none",
                         redirect_url=asked.get("next") or None)


def _record(request, user, identity, reauthenticated=None):
    record_authentication(request, user, NATIONAL_IDENTITY, provider=identity.idp,
                          level=identity.level, reauthenticated=reauthenticated)
    request.session[ESTABLISHED] = {
        "user": user.pk, "idp": identity.idp, "name_id": identity.name_id,
        "name_qualifier": identity.name_qualifier, "session_index": identity.session_index}


def record_refusal(refusal, *, idp=""):
    """A refused login in the audit trail: who (when the identity was valid) and why."""
    logger.warning("SPID login refused: %s (%s)", refusal.reason, idp)
    target = f"CF:{refusal.fiscal_code}" if refusal.fiscal_code else (idp or "unknown")
    audit_event(actor="anonymous", action=AuditAction.LOGIN_FAILED,
                target_type="accounts.user", target_id=target[:254],
                note=f"SPID/CIE: {refusal.reason}"[:200]).save()


def logout_redirect(session, user):
    """Where to send a browser logging out of a session opened with SPID or CIE: the identity
    provider's single logout, with CASA's signed request; None for other sessions."""
    established = session.get(ESTABLISHED)
    if not established or established.get("user") != getattr(user, "pk", None):
        return None
    idp = IdentityProvider.objects.filter(entity_id=established["idp"]).first()
    if idp is None or not idp.slo_url:
        return None
    auth = saml.toolkit(idp, saml.sls_url())
    return auth.logout(return_to=secrets.token_urlsafe(16),
                       name_id=established["name_id"],
                       session_index=established["session_index"] or None,
                       nq=established["name_qualifier"] or None,
                       name_id_format=saml.TRANSIENT)


def logout_requested(request, get):
    """The identity provider asks CASA to end the session it opened (a logout started at the
    provider or at another service): checked, the session ended when it is that provider's
    session of that person, and answered. Returns the address of the provider's signed answer,
    or None when the request is not a valid one."""
    try:
        xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(get["SAMLRequest"])
        root = OneLogin_Saml2_XML.to_etree(xml)
    except Exception:  # noqa: BLE001 (base64, zlib, lxml and defusedxml raise many kinds)
        return None
    issuer = root.find(f"{{{rules.NS['saml']}}}Issuer")
    issuer = (issuer.text or "").strip() if issuer is not None else ""
    idp = IdentityProvider.objects.filter(entity_id=issuer).first()
    if idp is None:
        return None
    established = request.session.get(ESTABLISHED) or {}
    name_id = root.find(f"{{{rules.NS['saml']}}}NameID")
    same_session = (established.get("idp") == idp.entity_id and name_id is not None
                    and (name_id.text or "").strip() == established.get("name_id"))
    auth = saml.toolkit(idp, saml.sls_url(), get=get)
    try:
        url = auth.process_slo(keep_local_session=True)
    except Exception:  # noqa: BLE001 (python3-saml raises its own error or lxml's)
        return None
    if auth.get_errors():
        logger.warning("SPID logout request refused: %s", auth.get_last_error_reason())
        return None
    if same_session and request.user.is_authenticated:
        django_logout(request)
    return url
