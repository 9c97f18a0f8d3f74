from .helpers import frozen, household, hub, manager, tenant  # noqa: F401  the fixtures
