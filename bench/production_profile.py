"""The production profile for benchmarks: DEBUG off (no query log), with made-up values for the
variables a production server must set (docs/deployment.md), since CASA refuses to start with
DEBUG off while they are at their laptop defaults. Nothing is sent or paid by a benchmark."""

import os

BENCH_ONLY = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-secret",
    "SITE_URL": "https://casa.bench.invalid",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.bench.invalid",
    "DEFAULT_FROM_EMAIL": "CASA bench <casa@bench.example>",
    "CASA_SEPA_DEBTOR_IBAN": "IT42L1234512345123456789012",
    "CASA_SEPA_DEBTOR_BIC": "BPPIITRRXXX",
    # The useful numbers on the tenant's home, so that the page measured is the one tenants get.
    "CASA_PHONE_HEATING_FAULTS": "800 000 001",
    "CASA_PHONE_ALER_EMERGENCY": "800 000 002",
}


def use_production_profile():
    """Set the production profile's variables, unless the caller's environment sets them."""
    for name, value in BENCH_ONLY.items():
        os.environ.setdefault(name, value)
