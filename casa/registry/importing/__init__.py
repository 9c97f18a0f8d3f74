"""Importing the tenant register from the agency's CSV exports (docs/registry-import.md)."""

from .load import ImportResult, Rejection, import_registry

__all__ = ["ImportResult", "Rejection", "import_registry"]
