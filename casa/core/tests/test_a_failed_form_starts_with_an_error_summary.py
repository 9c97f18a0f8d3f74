"""A form that fails starts with an error summary: a heading with the number of problems and a
link to each field with an error; every CASA form template uses it."""

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "casa" / "templates"
FIELD_INCLUDES = ("core/includes/field.html", "energy/includes/field.html")


class ContactForm(forms.Form):
    name = forms.CharField(label="Name")
    band = forms.ChoiceField(label="Band", choices=[("a", "A"), ("b", "B")],
                             widget=forms.RadioSelect)
    note = forms.CharField(label="Note", required=False)

    def clean(self):
        raise forms.ValidationError("The household is not in your Spazio CASA.")


def summary_of(form, language="en", **context):
    with translation.override(language):
        return render_to_string("core/includes/form_errors.html", {"form": form, **context})


def test_the_summary_counts_the_problems_and_links_each_field():
    html = summary_of(ContactForm({"note": "x"}), intro="Nothing was saved.")

    assert 'role="alert" id="form-errors" tabindex="-1" data-casa-error-summary' in html
    assert "There are 3 problems" in html
    assert "Nothing was saved." in html
    assert '<li id="form-errors-1">The household is not in your Spazio CASA.</li>' in html
    assert '<a href="#id_name">Name: This field is required.</a>' in html
    # A radio group is reached through its first button.
    assert '<a href="#id_band_0">Band: This field is required.</a>' in html
    assert "Note" not in html


def test_one_problem_is_said_in_the_singular_in_italian():
    class OneField(forms.Form):
        name = forms.CharField(label="Nome")

    html = summary_of(OneField({}), language="it")

    assert "C'è 1 problema" in html
    assert '<a href="#id_name">Nome: ' in html


def test_a_form_without_errors_has_no_summary():
    assert summary_of(ContactForm()).strip() == ""
    assert summary_of(None).strip() == ""


def test_the_fields_are_described_by_the_form_wide_error():
    form = ContactForm({"name": "Rossi", "band": "a"})
    html = render_to_string("core/includes/field.html", {"field": form["name"]})

    assert re.search(r'aria-describedby="form-errors-1"', html)


def test_every_template_that_renders_form_fields_shows_the_error_summary():
    """A page template that renders fields includes the summary; a partial (a file named
    _something.html) may leave it to every page that includes it, where it goes at the top."""
    texts = {str(t.relative_to(TEMPLATES)): t.read_text() for t in TEMPLATES.rglob("*.html")}
    missing = []
    for name, text in sorted(texts.items()):
        if name in FIELD_INCLUDES or "includes/" in name:
            continue
        renders_fields = any(include in text for include in FIELD_INCLUDES)
        if not renders_fields or "core/includes/form_errors.html" in text:
            continue
        if name.rsplit("/", 1)[-1].startswith("_"):
            includers = [other for other, body in texts.items() if f'"{name}"' in body]
            if includers and all("core/includes/form_errors.html" in texts[other]
                                 for other in includers):
                continue
        missing.append(name)
    assert missing == []
