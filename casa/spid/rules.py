"""What a SPID response must be, beyond what python3-saml checks (signatures, schema, times,
audience, recipient, InResponseTo): the rules of AgID's "Regole tecniche" that spid-sp-test's
response cases exercise. Pure functions over the response's XML: no database, no request.

`check_response` returns the first rule broken, as a short English reason for the log and the
audit trail (the person sees a page in their language, whatever the reason), or "".
"""

import dataclasses
import datetime as dt
import re

from stdnum.it import codicefiscale

NS = {"samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
      "saml": "urn:oasis:names:tc:SAML:2.0:assertion"}
ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
LEVELS = {f"https://www.spid.gov.it/SpidL{n}": n for n in (1, 2, 3)}
# The clocks of CASA and of the identity provider may differ this much.
CLOCK_SKEW = dt.timedelta(minutes=3)
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


@dataclasses.dataclass(frozen=True)
class Expected:
    request_id: str
    requested_at: dt.datetime   # when CASA sent the request (UTC)
    idp: str                    # the identity provider's entity ID
    acs: str                    # CASA's assertion consumer service
    audience: str               # CASA's entity ID
    level: int = 2
    # SPID asks the assertion's Issuer to say Format="entity"; CIE ID may leave it out.
    issuer_format_required: bool = True
    now: dt.datetime | None = None


def parse_instant(value):
    """A SAML instant (UTC, "Z") as an aware datetime, or None when it is not one."""
    if not value or not INSTANT.match(value):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _one(element, path):
    found = element.findall(path, NS)
    return found[0] if len(found) == 1 else None


def _instant_problem(value, what, expected, now):
    instant = parse_instant(value)
    if instant is None:
        return f"{what} is missing or not a UTC instant"
    if instant > now + CLOCK_SKEW:
        return f"{what} is in the future"
    if instant < expected.requested_at - CLOCK_SKEW:
        return f"{what} is before the request"
    return ""


def _issuer_problem(element, what, expected, *, format_required):
    issuer = _one(element, "saml:Issuer")
    if issuer is None or not (issuer.text or "").strip():
        return f"{what} has no Issuer"
    if issuer.text.strip() != expected.idp:
        return f"{what}'s Issuer is not the identity provider asked"
    issuer_format = issuer.get("Format")
    if (issuer_format is None and format_required) or (issuer_format not in (None, ENTITY)):
        return f"{what}'s Issuer Format is not entity"
    return ""


def check_response(root, expected):  # noqa: C901, PLR0911, PLR0912 (one rule after another)
    """The first SPID rule `root` (the samlp:Response element) breaks, or ""."""
    now = expected.now or dt.datetime.now(dt.UTC)
    if root.tag != f"{{{NS['samlp']}}}Response":
        return "not a Response"
    if root.get("Version") != "2.0":
        return "Response Version is not 2.0"
    if not root.get("ID"):
        return "Response has no ID"
    if problem := _instant_problem(root.get("IssueInstant"), "Response IssueInstant",
                                   expected, now):
        return problem
    if root.get("InResponseTo") != expected.request_id:
        return "Response InResponseTo is not the request's ID"
    if root.get("Destination") != expected.acs:
        return "Response Destination is not CASA's ACS"
    if problem := _issuer_problem(root, "Response", expected, format_required=False):
        return problem
    status = root.find("samlp:Status/samlp:StatusCode", NS)
    if status is None or status.get("Value") != SUCCESS:
        return "Response status is not Success"
    assertions = root.findall("saml:Assertion", NS)
    if len(assertions) != 1 or root.findall(".//saml:EncryptedAssertion", NS):
        return "Response does not hold exactly one Assertion"
    assertion = assertions[0]
    if not assertion.get("ID"):
        return "Assertion has no ID"
    if assertion.get("Version") != "2.0":
        return "Assertion Version is not 2.0"
    if problem := _instant_problem(assertion.get("IssueInstant"), "Assertion IssueInstant",
                                   expected, now):
        return problem
    if problem := _issuer_problem(assertion, "Assertion", expected,
                                  format_required=expected.issuer_format_required):
        return problem
    if problem := _subject_problem(assertion, expected, now):
        return problem
    if problem := _conditions_problem(assertion, expected, now):
        return problem
    if level_of(root) < expected.level:
        return "level of assurance below the one asked"
    fiscal_number = attribute(root, "fiscalNumber")
    if not fiscal_number:
        return "no fiscalNumber attribute"
    return ""


def _subject_problem(assertion, expected, now):  # noqa: PLR0911
    name_id = _one(assertion, "saml:Subject/saml:NameID")
    if name_id is None or not (name_id.text or "").strip():
        return "Assertion has no NameID"
    if name_id.get("Format") != TRANSIENT:
        return "NameID Format is not transient"
    if not name_id.get("NameQualifier"):
        return "NameID has no NameQualifier"
    confirmation = _one(assertion, "saml:Subject/saml:SubjectConfirmation")
    if confirmation is None or confirmation.get("Method") != BEARER:
        return "SubjectConfirmation is not bearer"
    data = _one(confirmation, "saml:SubjectConfirmationData")
    if data is None:
        return "no SubjectConfirmationData"
    if data.get("Recipient") != expected.acs:
        return "SubjectConfirmationData Recipient is not CASA's ACS"
    if data.get("InResponseTo") != expected.request_id:
        return "SubjectConfirmationData InResponseTo is not the request's ID"
    until = parse_instant(data.get("NotOnOrAfter"))
    if until is None or until <= now - CLOCK_SKEW:
        return "SubjectConfirmationData NotOnOrAfter is missing or past"
    return ""


def _conditions_problem(assertion, expected, now):  # noqa: PLR0911
    conditions = _one(assertion, "saml:Conditions")
    if conditions is None:
        return "Assertion has no Conditions"
    not_before = parse_instant(conditions.get("NotBefore"))
    if not_before is None or not_before > now + CLOCK_SKEW:
        return "Conditions NotBefore is missing or in the future"
    not_after = parse_instant(conditions.get("NotOnOrAfter"))
    if not_after is None or not_after <= now - CLOCK_SKEW:
        return "Conditions NotOnOrAfter is missing or past"
    audiences = [(element.text or "").strip() for element in
                 conditions.findall("saml:AudienceRestriction/saml:Audience", NS)]
    if audiences != [expected.audience]:
        return "Audience is not CASA"
    statement = _one(assertion, "saml:AuthnStatement")
    if statement is None or _one(statement, "saml:AuthnContext/saml:AuthnContextClassRef") is None:
        return "Assertion has no AuthnContextClassRef"
    return ""


def level_of(root):
    """The level of assurance asserted (1, 2, 3), 0 when none or not one of SPID's."""
    refs = root.findall("saml:Assertion/saml:AuthnStatement/saml:AuthnContext/"
                        "saml:AuthnContextClassRef", NS)
    if len(refs) != 1:
        return 0
    return LEVELS.get((refs[0].text or "").strip(), 0)


def attribute(root, name):
    """The single value of an attribute of the assertion, stripped; "" when absent."""
    values = root.findall(f"saml:Assertion/saml:AttributeStatement/saml:Attribute[@Name='{name}']"
                          "/saml:AttributeValue", NS)
    return (values[0].text or "").strip() if len(values) == 1 else ""


def fiscal_code(value):
    """The fiscal code of a fiscalNumber attribute ("TINIT-RSSMRA80A01F205X"), valid and
    upper-case, or "" when it is not an Italian person's fiscal code."""
    value = (value or "").strip().upper()
    if not value.startswith("TINIT-"):
        return ""
    code = value.removeprefix("TINIT-")
    return code if codicefiscale.is_valid(code) else ""
