"""The places on the register's pages where other apps contribute a panel (casa/core/panels.py),
so that the register shows them without importing those apps."""

# The staff household page. Functions receive (request, household) and return (template name,
# context), or None when the user may not see the panel. The page has checked that the user
# may see the household; a panel still checks its own capability and the user's scope.
HOUSEHOLD_PAGE = "registry.household"
