"""The one settings module of CASA, driven by environment variables.

Defaults are safe for a laptop (SQLite under var/, console e-mail, local files). Production
is the same module with DEBUG off and the variables listed in docs/deployment.md set; nothing
lives only in a production file.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from casa.core.languages import SETTINGS_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CASA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without DEBUG, a missing SECRET_KEY stops CASA at the end of this module, with the other
# laptop defaults left (see "A production server fails closed" below).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "casa-insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "casa.core",
    "casa.accounts",
    "casa.registry",
    "casa.energy",
    "casa.notifications",
    # Issue 9: notices and events (casa/notices, casa/events).
    "casa.notices",
    "casa.events",
    # Issue 10: problem reports (casa/reports).
    "casa.reports",
    # Issue 11: case files (presa in carico).
    "casa.casework",
    # Issue 9: the Spazi CASA (and their appointments, below the portal).
    "casa.hubs",
    "casa.appointments",
    # Issue 11 (i11care): the care and vigilance staff's rounds, incidents, fragile residents.
    "casa.care",
    # Issue 11: FSE+ participants and indicators (casa/participants), above appointments.
    "casa.participants",
    # Issue 11 (activities): group activities at the hubs, above the events.
    "casa.activities",
    "casa.portal",
    # Issue 13: SPID and CIE login (SAML 2.0 on python3-saml), above the register.
    "casa.spid",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Pages are compressed (a phone on a slow line): first, so that it sees the final page.
    # Static files come compressed from WhiteNoise already. BREACH: docs/decisions.md.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cookie holding a control character is dropped before the session reads it.
    "casa.core.text.DropCookiesWithControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Personal data is never cached (issue 8): right after the user is known, so that it sees
    # every later middleware's response (casa/core/caching.py).
    "casa.core.caching.NoStoreMiddleware",
    # The account's language, else the register's, narrowed to the languages the person may
    # read (staff: Italian and English): after LocaleMiddleware and the user (issue 12).
    "casa.core.languages.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before any view, form or query reads the request; after the middleware whose headers
    # (CSP, frame options) its refusal page needs.
    "casa.core.text.RefuseControlCharactersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "casa.accounts.middleware.StaffMFAMiddleware",
    "casa.core.access.AccessMiddleware",
]

ROOT_URLCONF = "casa.urls"
WSGI_APPLICATION = "casa.wsgi.application"
ASGI_APPLICATION = "casa.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "casa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casa.core.context_processors.casa",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects the database (postgres://user:pass@host/db in production); the
# default is an SQLite file under the git-ignored var/ folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'casa.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Connections are kept (DATABASE_CONN_MAX_AGE) on SQLite too: opening one costs about 3 ms
    # of CPU a request (Django registers its SQL functions, the PRAGMAs run), more than a
    # tenant's whole page (bench/server_time.py, issue 9).
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the server read while an import writes; a busy timeout instead of
        # "database is locked" errors under concurrent writers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache keeps login rate limits (lockout) shared between server processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "casa_cache",
        # Issue 8: past MAX_ENTRIES the cache deletes a third of its entries in key order; at
        # Django's 300, a few hundred wrong logins would wipe the counts of wrong passwords.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # The tenant's home, rendered (casa/portal/page_cache.py): in each process's memory, as
    # every entry's key carries the database's count of changes to it, so a process never
    # serves a page that a write anywhere has made stale. About 30 KB an entry.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "casa-pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CASA_PAGE_CACHE_ENTRIES", "2000"))},
    },
}
# How long a cached home lives at most: what only time changes (the hub opening or closing, a
# notice's publication window, the next appointment going by) and the register's own data
# (address, members) are at most this late. Writes to anything else show at once.
CASA_HOME_CACHE_SECONDS = int(os.environ.get("CASA_HOME_CACHE_SECONDS", "60"))

# --- People and login -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, with a cheaper read of the logged-in user (casa/accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "casa.accounts.backends.ModelBackend",
    "casa.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
ACCOUNT_ADAPTER = "casa.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CASA Aler Milano"
# Staff must enrol a TOTP authenticator before using the back office. On by default when
# DEBUG is off, so the production profile always has it.
CASA_REQUIRE_STAFF_MFA = env_bool("CASA_REQUIRE_STAFF_MFA", not DEBUG)

# --- SPID and CIE (issue 13; casa/spid, docs/spid.md) ---------------------------------------
# CASA is a SAML 2.0 service provider. Its key and certificate come from files (or the
# environment, PEM text), never from the repository; on a laptop a self-signed pair is made
# under var/spid/. The entity ID is the metadata's address, registered with AgID.
CASA_SPID_ENTITY_ID = os.environ.get("CASA_SPID_ENTITY_ID", f"{SITE_URL}/spid/metadata/")
# CIE ID (the electronic identity card) registers its own metadata with the Ministry.
CASA_CIE_ENTITY_ID = os.environ.get("CASA_CIE_ENTITY_ID", f"{SITE_URL}/spid/metadata/cie/")
CASA_SPID_KEY_FILE = os.environ.get("CASA_SPID_KEY_FILE", "")
CASA_SPID_CERT_FILE = os.environ.get("CASA_SPID_CERT_FILE", "")
CASA_SPID_KEY = os.environ.get("CASA_SPID_KEY", "")
CASA_SPID_CERT = os.environ.get("CASA_SPID_CERT", "")
# What the metadata and the certificate say of the agency (AgID: the public body's IPA code).
CASA_SPID_ORGANIZATION = {
    "name": os.environ.get("CASA_SPID_ORGANIZATION_NAME", "Aler Milano"),
    "url": os.environ.get("CASA_SPID_ORGANIZATION_URL", "https://www.alermi.it/"),
    "ipa_code": os.environ.get("CASA_SPID_IPA_CODE", "casa_demo"),
    "email": os.environ.get("CASA_SPID_CONTACT_EMAIL", "spid@casa.invalid"),
    "phone": os.environ.get("CASA_SPID_CONTACT_PHONE", "+390200000000"),
    "locality": "Milano",
    # CIE's metadata names the body's municipality by its ISTAT/cadastral code (Milano: F205).
    "municipality_code": os.environ.get("CASA_SPID_MUNICIPALITY_CODE", "F205"),
    "service_name": "CASA",
}
# The registry of identity providers (`manage.py spid_registry`): AgID's signed list of SPID's,
# and CIE ID's metadata. The certificate that must have signed AgID's list, when set.
CASA_SPID_REGISTRY_URL = os.environ.get(
    "CASA_SPID_REGISTRY_URL", "https://registry.spid.gov.it/metadata/idp/spid-entities-idps.xml")
CASA_SPID_REGISTRY_CERT_FILE = os.environ.get("CASA_SPID_REGISTRY_CERT_FILE", "")
CASA_CIE_METADATA_URL = os.environ.get(
    "CASA_CIE_METADATA_URL",
    "https://idserver.servizicie.interno.gov.it/idp/shibboleth?Metadata")
# CASA's test identity provider (casa/spid/testidp.py), for tests and the demo: never without
# DEBUG (the production check below refuses it).
CASA_SPID_TEST_IDP = env_bool("CASA_SPID_TEST_IDP", DEBUG)

# --- Wrong passwords and client addresses (issue 8; casa/accounts/throttle.py) -------------
# Per account, growing delays and never a lock: 5 wrong passwords are free, then 30 s, 1, 2,
# 4, 8 and at most 15 minutes between attempts; the right password after the wait, or a reset
# link, gets in. Failures are forgotten a day after the last one.
CASA_LOGIN_FREE_FAILURES = 5
CASA_LOGIN_FIRST_DELAY = 30
CASA_LOGIN_LONGEST_DELAY = 15 * 60
CASA_LOGIN_FAILURES_KEPT = 24 * 60 * 60
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_RATE_LIMITS = {
    # Per client address: 30 wrong passwords a minute, whatever the accounts (adapter.py),
    # and 60 login forms sent a minute, so that the message about wrong passwords comes first.
    "password_failed": "30/m/ip",
    "login": "60/m/ip",
    # allauth's own: now only the second-factor codes (allauth.mfa), per address and account.
    "login_failed": "30/m/ip,5/15m/key",
    # Issue 13: SPID/CIE logins started and responses received, per client address (each
    # answer waits in the cache for the browser: a flood must not fill it). spid-sp-test's run
    # (scripts/spid_conformance.sh) raises it: it sends a few hundred from one address.
    "spid": os.environ.get("CASA_SPID_RATE_LIMIT", "60/m/ip"),
}
# The client address behind a reverse proxy (docs/deployment.md): either a header the proxy
# sets (CASA_CLIENT_IP_HEADER=X-Real-IP), or the number of proxies that append to
# X-Forwarded-For (CASA_TRUSTED_PROXY_COUNT=1). Neither set: REMOTE_ADDR.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("CASA_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("CASA_TRUSTED_PROXY_COUNT", "0"))

# --- Changing the login e-mail (issue 8; casa/accounts/views.py email) -----------------------
# Every account's address is a verified allauth address (services.user_email_address_sync), so
# "mandatory" costs nobody a step at login; it is what allows confirming by code. A tenant's
# new address replaces the old one only once they typed the code sent to it, after typing their
# password again; the old address is told. Staff addresses are set by administrators.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {"login": "casa.accounts.forms.LoginForm",
                 "add_email": "casa.accounts.forms.ChangeEmailForm",
                 "change_password": "casa.accounts.forms.ChangePasswordForm"}
# ---------------------------------------------------------------------------------------------

# --- Language, time, formats ----------------------------------------------------------------
LANGUAGE_CODE = "it"
# Tenants read CASA in seven languages, staff in Italian and English (casa/core/languages.py).
LANGUAGES = SETTINGS_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["casa.formats"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": os.environ.get("DEFAULT_FILE_STORAGE",
                                          "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "casa.core.storage.StaticFilesStorage",
    },
}

# --- E-mail ---------------------------------------------------------------------------------
# The laptop profile writes e-mails to files under var/mail, which administrators read at
# /demo-mailbox/ (casa/notifications/mailbox.py), instead of printing them in the terminal.
# Without DEBUG the default (console) stops the start: production must set a real backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND",
                               "django.core.mail.backends.filebased.EmailBackend" if DEBUG
                               else "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CASA Aler Milano <noreply@casa.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A worker must not hang forever on a mail server that does not answer: it fails and retries.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# --- Background tasks and messages (casa/notifications) -------------------------------------
# Django's task interface (the django-tasks backport). The database backend queues tasks in
# PostgreSQL/SQLite, run by `manage.py db_worker`; TASKS_BACKEND can name another one, e.g.
# django_tasks.backends.immediate.ImmediateBackend to run them in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The SMS gateway: a class with send_sms(*, to, text) (casa/notifications/channels.py).
# On a laptop the demo's SMS go to var/sms.log, as its e-mails go to var/mail.
CASA_SMS_BACKEND = os.environ.get(
    "CASA_SMS_BACKEND", "casa.notifications.channels.FileSmsProvider" if DEBUG
    else "casa.notifications.channels.LoggingSmsProvider")
CASA_SMS_FILE = Path(os.environ.get("CASA_SMS_FILE", VAR_DIR / "sms.log"))

# --- Security -------------------------------------------------------------------------------
# Everything below is on unless DEBUG: the production profile is the default profile.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = 8 * 60 * 60
# Django's database sessions, read more cheaply (casa/core/sessions.py).
SESSION_ENGINE = "casa.core.sessions"
SECURE_REFERRER_POLICY = "same-origin"
# A form sent from a page that had expired leads back to it (or to the login page) with a
# message, never to Django's bare "CSRF verification failed" page.
CSRF_FAILURE_VIEW = "casa.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- CASA -----------------------------------------------------------------------------------
CASA_IMPORT_REPORT_DIR = VAR_DIR / "import-reports"
CASA_PAGE_SIZE = 25
# The debtor of the energy contribution's bank transfers (SEPA pain.001). The defaults are a
# PLACEHOLDER: the IBAN is the textbook example IT60X0542811101000000123456 (valid check digits,
# no real account) and the BIC is made up. Set Aler Milano's real account in production.
CASA_SEPA_DEBTOR = {
    "name": os.environ.get("CASA_SEPA_DEBTOR_NAME", "Aler Milano"),
    "IBAN": os.environ.get("CASA_SEPA_DEBTOR_IBAN", "IT60X0542811101000000123456"),
    "BIC": os.environ.get("CASA_SEPA_DEBTOR_BIC", "CASAITMMXXX"),
}
# Documents sent with answers to requests for information (casa/energy/attachments.py): the
# largest file accepted, and the virus scanner (casa/core/scanning.py), off unless a clamd
# daemon is reachable. See docs/deployment.md.
CASA_ATTACHMENT_MAX_BYTES = int(os.environ.get("CASA_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# A report's photo straight from a phone (casa/core/uploads.check_photo): the largest accepted.
CASA_PHOTO_MAX_BYTES = int(os.environ.get("CASA_PHOTO_MAX_BYTES", str(20 * 1024 * 1024)))
CASA_VIRUS_SCANNER = os.environ.get("CASA_VIRUS_SCANNER", "")
CASA_CLAMD_ADDRESS = os.environ.get("CASA_CLAMD_ADDRESS", "")
CASA_CLAMD_TIMEOUT = int(os.environ.get("CASA_CLAMD_TIMEOUT", "30"))

# --- Appointments with a Community Manager (issue 9, casa/appointments) ---------------------
# A tenant books from LEAD hours ahead up to HORIZON days ahead, holds at most MAX_UPCOMING
# booked appointments, and moves or cancels online until CUTOFF hours before (later: by phone).
CASA_APPOINTMENT_LEAD_HOURS = int(os.environ.get("CASA_APPOINTMENT_LEAD_HOURS", "2"))
CASA_APPOINTMENT_HORIZON_DAYS = int(os.environ.get("CASA_APPOINTMENT_HORIZON_DAYS", "30"))
CASA_APPOINTMENT_MAX_UPCOMING = int(os.environ.get("CASA_APPOINTMENT_MAX_UPCOMING", "3"))
CASA_APPOINTMENT_CUTOFF_HOURS = int(os.environ.get("CASA_APPOINTMENT_CUTOFF_HOURS", "24"))

# i11ret: retention periods, in months, per record type (casa/core/retention.py; the defaults
# and why are in docs/decisions.md, "Retention"; `manage.py apply_retention --list` shows them).
# Override in the environment: CASA_RETENTION_MONTHS="care.round=6,reports.report=36".
def _retention_months(text):
    periods = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, months = item.partition("=")
        if not months.strip().isdigit():
            raise ValueError(f"CASA_RETENTION_MONTHS: write name=months, not {item!r}")
        periods[name.strip()] = int(months)
    return periods


CASA_RETENTION_MONTHS = _retention_months(os.environ.get("CASA_RETENTION_MONTHS", ""))
# The agenda behind the booking pages (casa/appointments/booking.py): CASA's own by default.
CASA_APPOINTMENTS_AGENDA = os.environ.get("CASA_APPOINTMENTS_AGENDA",
                                          "casa.appointments.booking.LocalAgenda")
# The domain in calendar files' event ids (UID): the site's host.
CASA_CALENDAR_DOMAIN = (SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
                        or "casa.invalid")

# --- A production server fails closed (issue 8) ----------------------------------------------
# With DEBUG off, every process (gunicorn, db_worker, the cron commands) refuses to start while
# a setting that only makes sense on a laptop is still at its default: a worker started without
# the e-mail variables would print tenants' e-mails to the log and mark them sent, links would
# point at this machine, and payment files would name the placeholder account. The message
# names each variable to set (docs/deployment.md); tests/test_production_fails_closed.py.
LAPTOP_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
LOOPBACK_HOSTS = {"", "localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104
PLACEHOLDER_SEPA_DEBTOR = {"IBAN": "IT60X0542811101000000123456", "BIC": "CASAITMMXXX"}


def laptop_settings_left():
    """What stops a production start: one line per variable to set."""
    from urllib.parse import urlsplit

    from stdnum import bic, iban

    left = []
    if not SECRET_KEY:
        left.append("SECRET_KEY is not set: 50+ random characters from the secret store.")
    if EMAIL_BACKEND in LAPTOP_EMAIL_BACKENDS:
        left.append(f"EMAIL_BACKEND is {EMAIL_BACKEND}, which delivers nothing: set "
                    "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
                    "to the agency's SMTP relay.")
    elif (EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
          and not os.environ.get("EMAIL_HOST")):
        left.append("EMAIL_HOST is not set: the agency's SMTP relay (EMAIL_HOST=localhost "
                    "if it runs on this machine).")
    if DEFAULT_FROM_EMAIL.rstrip(">").endswith(".invalid"):
        left.append(f"DEFAULT_FROM_EMAIL is {DEFAULT_FROM_EMAIL}: set the agency's sender "
                    "address.")
    if CASA_SPID_TEST_IDP:
        left.append("CASA_SPID_TEST_IDP is on: the test identity provider logs anyone in as "
                    "anyone. Unset it.")
    if not ((CASA_SPID_KEY or CASA_SPID_KEY_FILE) and (CASA_SPID_CERT or CASA_SPID_CERT_FILE)):
        left.append("CASA_SPID_KEY_FILE and CASA_SPID_CERT_FILE are not set: the key and the "
                    "certificate CASA signs its SPID messages with (docs/spid.md).")
    if CASA_SPID_ORGANIZATION["ipa_code"] == "casa_demo":
        left.append("CASA_SPID_IPA_CODE is not set: the agency's code in the IPA index, which "
                    "its SPID metadata and certificate carry.")
    site = urlsplit(SITE_URL)
    if site.scheme not in ("http", "https") or (site.hostname or "") in LOOPBACK_HOSTS \
            or (site.hostname or "").endswith(".localhost"):
        left.append(f"SITE_URL is {SITE_URL}, not the address tenants open: set SITE_URL="
                    "https://<CASA's public host name> (links in e-mails use it).")
    if CASA_SEPA_DEBTOR["IBAN"] == PLACEHOLDER_SEPA_DEBTOR["IBAN"]:
        left.append("CASA_SEPA_DEBTOR_IBAN is the placeholder IT60X0542811101000000123456: "
                    "set the agency's account, which pays the transfers.")
    elif not iban.is_valid(CASA_SEPA_DEBTOR["IBAN"]):
        left.append("CASA_SEPA_DEBTOR_IBAN is not a valid IBAN.")
    if CASA_SEPA_DEBTOR["BIC"] == PLACEHOLDER_SEPA_DEBTOR["BIC"]:
        left.append("CASA_SEPA_DEBTOR_BIC is the placeholder CASAITMMXXX: set the BIC of the "
                    "agency's bank.")
    elif not bic.is_valid(CASA_SEPA_DEBTOR["BIC"]):
        left.append("CASA_SEPA_DEBTOR_BIC is not a valid BIC.")
    return left


# Only `manage.py makemigrations` may run without them: it reads the models and writes
# migration files, and never serves, sends or pays (a bare `makemigrations --check` is how CI
# and reviewers ask whether a model changed without its migration).
SCHEMA_ONLY_COMMANDS = {"makemigrations"}


def schema_only_command(argv=None):
    argv = sys.argv if argv is None else argv
    return len(argv) > 1 and Path(argv[0]).name == "manage.py" and argv[1] in SCHEMA_ONLY_COMMANDS


if not DEBUG and not schema_only_command() and (_left := laptop_settings_left()):
    raise ImproperlyConfigured(
        "CASA will not start with DEBUG off while settings are left at their laptop defaults "
        "(docs/deployment.md lists the production variables; DEBUG=1 is the laptop profile):\n"
        + "\n".join(f"- {line}" for line in _left))

# --- The useful numbers on the tenant's home (issue 9) ----------------------------------------
# Heating faults and Aler Milano's emergency line, one tap away on "My home" (112 always is).
# The laptop profile shows demo numbers; a production server shows only the numbers set here
# (docs/deployment.md), never a made-up one.
CASA_PHONE_HEATING_FAULTS = os.environ.get("CASA_PHONE_HEATING_FAULTS",
                                           "800 000 001" if DEBUG else "")
CASA_PHONE_ALER_EMERGENCY = os.environ.get("CASA_PHONE_ALER_EMERGENCY",
                                           "800 000 002" if DEBUG else "")
