"""CASA: digital services for the tenants and staff of Aler Milano's public housing."""
