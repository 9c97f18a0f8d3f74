"""Two API schemas with the same class name would share one entry in the OpenAPI document, the
later silently replacing the earlier (django-ninja names components by class name): a client
would read one operation's answer with the other's fields. Every schema class in CASA has a
name of its own."""

from collections import defaultdict

from ninja import Schema

import casa.api  # noqa: F401  imports every router, and with them every schema


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_no_two_casa_schemas_share_a_name():
    names = defaultdict(set)
    for schema in subclasses(Schema):
        if schema.__module__.startswith("casa."):
            names[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")
    assert {name: places for name, places in names.items() if len(places) > 1} == {}
