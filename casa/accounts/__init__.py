"""People who use CASA: users, roles, login and two-factor authentication."""
