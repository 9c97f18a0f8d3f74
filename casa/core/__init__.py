"""Shared foundations: the permission layer, the audit trail, formatting and base pages."""
