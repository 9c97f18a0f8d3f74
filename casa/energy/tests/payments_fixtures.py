"""Approved, paid and rejected applications for the payment and letter tests, through the real
services (see fixtures.py)."""

from .backoffice import ON
from .fixtures import TENANT_IBAN, approve, pay, recompute, reject

__all__ = ["ON", "TENANT_IBAN", "approve", "pay", "recompute", "reject"]
