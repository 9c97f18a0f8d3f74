"""Template helpers for CASA pages: money as 1.234,56 € (Italian) or 1,234.56 € (English),
permission checks (`user|can:"capability"`) and Bootstrap Italia form widgets.

Python code formats money with `casa.core.money.format_euro`, never with these filters."""

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from casa.core import access, languages
from casa.core.money import format_euro

register = template.Library()


@register.filter
def euro(value):
    """`{{ amount|euro }}`: 1.234,56 € in Italian, 1,234.56 € in English, — for no value;
    isolated left to right in a right-to-left language."""
    return format_euro(value)


@register.filter
def weekday_date(value):
    """`{{ day|weekday_date }}`: the day's name and its date in the active language's short
    form: "mercoledì 25/11/2026", "miércoles 25/11/2026", "星期三 2026/11/25"."""
    if value in (None, ""):
        return ""
    return f"{date_format(value, 'l')} {date_format(value, 'SHORT_DATE_FORMAT')}"


@register.filter
def ltr(value):
    """`{{ iban|ltr }}`: a code, an IBAN, a phone number read left to right even inside
    right-to-left text (a Unicode isolate: works in pages and in plain-text messages)."""
    return languages.isolate(value)


@register.simple_tag(takes_context=True)
def language_choices(context):
    """The languages the header offers the person: all seven, or Italian and English to
    staff (casa/core/languages.py)."""
    request = context.get("request")
    return languages.choices_for(getattr(request, "user", None))


@register.filter
def language_name(code):
    """A language's own name ("العربية" for ar)."""
    language = languages.BY_CODE.get(languages.supported(code) or "")
    return language.name if language else code


@register.filter
def language_short(code):
    """The two letters of a language in the header: IT, AR, ZH."""
    return (code or "").split("-")[0].upper()


@register.filter
def language_dir(code):
    """rtl or ltr, for `dir` on text in a given language (a message, a summary)."""
    return "rtl" if languages.is_rtl(code) else "ltr"


@register.simple_tag(takes_context=True)
def language_help(context):
    """The offer of help, in English, when the household's register language is one CASA
    does not speak and the person has not picked another (base.html); else ""."""
    request = context.get("request")
    if request is None or not languages.language_help(request):
        return ""
    return languages.HELP_IN_ENGLISH


@register.filter
def can(user, capability):
    """`{% if user|can:"core.view_audit_trail" %}`: the same rule the views enforce."""
    return access.can(user, capability)


def field_error_id(field):
    return f"{field.auto_id}-error"


def field_help_id(field):
    return f"{field.auto_id}-help"


@register.filter
def error_id(field):
    return field_error_id(field)


@register.filter
def help_id(field):
    return field_help_id(field)


def errors_id(form):
    """The id of a form's error summary; its form-wide errors are `<id>-1`, `<id>-2`..."""
    return f"{form.prefix or 'form'}-errors"


def non_field_error_ids(form):
    return [f"{errors_id(form)}-{number}"
            for number in range(1, len(form.non_field_errors()) + 1)]


def error_anchor(field):
    """The id of the input a link to `field` should reach: its first choice for radio buttons
    and checkbox groups (their group has no input of its own), else the input."""
    if field.is_hidden or not field.auto_id:
        return ""
    if isinstance(field.field.widget, RadioSelect | CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def error_summary(form):
    """The lines of a form's error summary: form-wide errors first (with the ids the fields'
    aria-describedby points to), then one line per field with errors, linked to its input."""
    if not form or not form.errors:
        return []
    lines = [{"id": line_id, "anchor": "", "label": "", "text": str(error)}
             for line_id, error in zip(non_field_error_ids(form), form.non_field_errors(),
                                       strict=True)]
    for field in form:
        if field.errors:
            lines.append({"id": "", "anchor": error_anchor(field), "label": field.label,
                          "text": " ".join(str(error) for error in field.errors)})
    return lines


@register.filter
def summary_id(form):
    return errors_id(form)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def bi_widget(field):
    """Render a bound field's widget with Bootstrap Italia classes, and link it to its help
    text and errors so screen readers announce them (aria-describedby, aria-invalid)."""
    widget = field.field.widget
    if isinstance(widget, CheckboxInput | RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, Select):
        css = "form-select"
    else:
        css = "form-control"
    described_by = []
    if field.help_text:
        described_by.append(field_help_id(field))
    if field.errors:
        described_by.append(field_error_id(field))
        css += " is-invalid"
    # The form-wide errors ("wrong e-mail or password") describe every field.
    described_by += non_field_error_ids(field.form)
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


# Icons that point somewhere: a right-to-left page mirrors them.
DIRECTIONAL_ICONS = {"it-arrow-left", "it-arrow-right", "it-arrow-left-circle",
                     "it-arrow-right-circle", "it-arrow-left-triangle",
                     "it-arrow-right-triangle", "it-chevron-left", "it-chevron-right",
                     "it-external-link", "it-logout", "it-login"}


@register.simple_tag
def icon(name, css=""):
    """`{% icon "it-user" "icon-sm icon-white" %}`: an icon from Bootstrap Italia's sprite,
    hidden from screen readers (put the meaning in text next to it). The sprite holds only the
    icons CASA names (scripts/build_frontend.py): run `make frontend-build` after using a new
    one."""
    sprite = static("vendor/bootstrap-italia/svg/sprites.casa.svg")
    classes = f"icon {css}".strip()
    if name in DIRECTIONAL_ICONS:
        classes += " casa-directional"  # mirrored in right-to-left pages (casa.css)
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        classes, sprite, name,
    )


@register.filter
def audit_change(value):
    """One field's change in the audit trail: "old → new" for a pair, the value otherwise."""
    if isinstance(value, dict) and set(value) >= {"old", "new"}:
        value = [value["old"], value["new"]]
    if isinstance(value, list | tuple) and len(value) == 2:
        old, new = ("—" if v in (None, "") else v for v in value)
        return f"{old} → {new}"
    return "—" if value in (None, "") else str(value)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with `page` set to `number` (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, section=""):
    """A main-navigation item, marked current when the page is `url_name` or, with `section`
    (a URL namespace such as "energy"), any page of that section."""
    match = getattr(context["request"], "resolver_match", None)
    current = match.view_name if match else ""
    active = current == url_name or bool(section and current.startswith(section + ":"))
    return format_html(
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}><span>{}</span></a></li>',
        " active" if active else "", reverse(url_name),
        mark_safe(' aria-current="page"') if active else "", label,  # noqa: S308
    )


@register.filter
def money_confirmation(field):
    """For a MoneyField holding a value it finds implausible: the checkbox with which a person
    keeps it ({"name", "id", "value", "checked", "label"}); else None."""
    confirmation = getattr(field.field, "confirmation", None)
    if confirmation is None or not field.form.is_bound:
        return None
    field.errors  # noqa: B018 (the form is cleaned first: that is when the field decides)
    return confirmation(field)


@register.filter
def read_as(field):
    """How a MoneyField read what was typed, as CASA shows money ("12.000,50 €"); "" before
    the form is cleaned or when nothing was read."""
    reading = getattr(field.field, "reading", None)
    return reading.shown if reading is not None else ""


@register.filter
def switch_action(switch, language):
    """Where a language button sends the page's form (casa.core.drafts.LanguageSwitch)."""
    return switch.action(language)
