"""A page shows the panels other apps registered for it, in order, leaving out those whose
function returns None (the user may not see them), without importing those apps."""

import pytest
from django.test import RequestFactory

from casa.core import panels


@pytest.fixture
def place(monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", panels.defaultdict(dict))
    return "test.page"


def hello(request, name):
    return "core/includes/test_panel.html", {"name": name}


def secret(request, name):
    return None if request.user == "visitor" else ("core/includes/test_panel.html",
                                                    {"name": "secret"})


def first(request, name):
    return "core/includes/test_panel.html", {"name": "first"}


@pytest.fixture
def template(settings, tmp_path):
    folder = tmp_path / "core" / "includes"
    folder.mkdir(parents=True)
    (folder / "test_panel.html").write_text("<p>{{ name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_panels_render_in_order_and_hidden_ones_are_left_out(place, template):
    panels.register_panel(place, hello)
    panels.register_panel(place, secret)
    panels.register_panel(place, first, order=1)

    assert panels.render_panels(place, request_by("visitor"), "Anna") == [
        "<p>first</p>", "<p>Anna</p>"]
    assert panels.render_panels(place, request_by("staff"), "Anna") == [
        "<p>first</p>", "<p>Anna</p>", "<p>secret</p>"]


def test_registering_a_function_twice_shows_it_once(place, template):
    panels.register_panel(place, hello)
    panels.register_panel(place, hello)

    assert panels.render_panels(place, request_by("visitor"), "Anna") == ["<p>Anna</p>"]


def test_a_place_nobody_contributes_to_shows_nothing(place):
    assert panels.render_panels("test.empty", request_by("visitor")) == []

