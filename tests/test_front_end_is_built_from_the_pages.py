"""The Bootstrap Italia files CASA serves hold what its pages use, and nothing else: the CSS
rules of the classes the templates name, the icons they show (scripts/build_frontend.py).
A template that starts using another class or icon needs `make frontend-build`."""

import importlib.util
from pathlib import Path

from django.template.loader import render_to_string
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_frontend",
                                              ROOT / "scripts" / "build_frontend.py")
build_frontend = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_frontend)


def test_the_served_css_and_icons_are_built_from_the_current_templates():
    stale = [str(path.relative_to(ROOT)) for path in build_frontend.out_of_date()]

    assert stale == [], "run `make frontend-build` and commit the files"


def test_a_rule_is_kept_only_when_every_class_it_names_is_used():
    css = (".btn{a:1}.btn .badge{b:2}.card,.btn-primary{c:3}.x:not(.unused){d:4}"
           "@media(min-width:1px){.card{e:5}.btn{f:6}}p{g:7}")

    purged = build_frontend.purge_css(css, {"btn", "btn-primary", "x"})

    assert purged.split("\n", 1)[1] == (".btn{a:1}.btn-primary{c:3}.x:not(.unused){d:4}"
                                        "@media (min-width:1px){.btn{f:6}}p{g:7}\n")


def test_custom_properties_and_keyframes_nobody_uses_are_dropped():
    css = (":root{--used:1;--chain:2;--unused:3}.a{color:var(--used);--own:var(--chain)}"
           ".a{width:var(--own)}@keyframes spin{to{x:1}}@keyframes fade{to{x:0}}"
           ".a{animation:spin 1s}")

    purged = build_frontend.purge_css(css, {"a"})

    assert "--unused" not in purged and "fade" not in purged
    assert "--used:1" in purged and "--chain:2" in purged and "@keyframes spin" in purged


def test_the_sprite_keeps_only_the_icons_named():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><symbol id="it-user" viewBox="0 0 1 1">'
           '<path d="M0"/></symbol><symbol id="it-car" viewBox="0 0 1 1"><path d="M1"/>'
           "</symbol></svg>")

    assert "it-car" not in build_frontend.subset_sprite(svg, {"it-user"})
    assert "it-user" in build_frontend.subset_sprite(svg, {"it-user"})


def test_pages_load_no_bootstrap_italia_bundle(db):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    page = render_to_string("base.html", request=request)

    assert "bootstrap-italia.bundle" not in page
    assert "bootstrap-italia.casa.min.css" in page
