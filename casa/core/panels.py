"""Panels: parts of a page that other apps contribute, so that the page's app need not import
them (the register's household page shows the energy contribution without knowing it).

The page's app names a place (a string it owns, e.g. "registry.household") and says what its
functions receive. Another app registers a function for that place in its AppConfig.ready():

    register_panel("registry.household", household_panel)

    def household_panel(request, household):
        if not can(request.user, "energy.view_applications"):
            return None  # the user may not see it
        return "energy/includes/household_panel.html", {"applications": ...}

The page calls `render_panels("registry.household", request, household)` and shows the HTML
of every function that did not return None, in the order of registration (`order` first).
"""

from collections import defaultdict

from django.template.loader import render_to_string

_PANELS = defaultdict(dict)  # place -> {function's dotted name: (order, function)}


def register_panel(place, function, *, order=100):
    """Register `function(request, *objects) -> (template name, context) | None` for `place`.
    Registering the same function again replaces it (ready() may run twice in tests)."""
    key = f"{function.__module__}.{function.__qualname__}"
    _PANELS[place][key] = (order, function)


def panel_functions(place):
    return [function for _order, function in
            sorted(_PANELS.get(place, {}).values(), key=lambda item: item[0])]


def render_panels(place, request, *objects):
    """The HTML of each panel registered for `place` that `request.user` may see."""
    rendered = []
    for function in panel_functions(place):
        panel = function(request, *objects)
        if panel is not None:
            template_name, context = panel
            rendered.append(render_to_string(template_name, context, request=request))
    return rendered
