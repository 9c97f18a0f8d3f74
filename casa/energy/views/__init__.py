"""Energy-contribution pages: calls (calls.py), screening and invitations (screening.py),
the what-if simulation (whatif.py) and the tenant's call page (tenant.py)."""
