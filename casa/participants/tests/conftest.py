from .helpers import admin, person, projects  # noqa: F401  the fixtures
