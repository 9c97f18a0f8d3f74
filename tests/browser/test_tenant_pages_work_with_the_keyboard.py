"""A tenant on a 360 px phone uses CASA with the keyboard alone: on the main pages Tab reaches
every link, button and field once, in the order they are read, and then leaves the page (no
trap); whatever has the focus shows it (an outline of 2 px or more, or a ring drawn with
box-shadow, that it does not have unfocused); the skip link leads into the content; the phone
menu opens, keeps the focus while open and gives it back when closed; and a tenant logs in,
books an appointment (changing their mind about the time) and registers for an event with Tab,
Enter, Space and the arrow keys only."""

import pytest
import time_machine

from casa.appointments.models import Appointment
from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_request_information
from casa.events.models import Registration
from conftest import FISCAL_CODES

from . import tenant_world
from .conftest import PASSWORD

pytestmark = pytest.mark.browser

# Everything one can Tab to, in document order, numbered; a radio group is one stop. Inside a
# closed <details>, under an inert page (the open phone menu), hidden or taken out of the Tab
# order (tabindex="-1"), nothing counts.
NUMBER_THE_STOPS = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const stops = [];
  const groups = {};
  for (const element of document.querySelectorAll(selector)) {
    if (element.tabIndex < 0 || !element.checkVisibility({visibilityProperty: true})
        || element.closest('[inert]')) {
      continue;
    }
    if (element.type === 'radio') {
      const key = element.form ? element.name : 'page:' + element.name;
      if (key in groups) { element.dataset.stop = groups[key]; continue; }
      groups[key] = stops.length;
    }
    element.dataset.stop = stops.length;
    stops.push((element.getAttribute('aria-label') || element.innerText || element.name || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 50) || element.tagName);
  }
  return stops;
}"""

# The focus indicator of an element: its outline and box-shadow once transitions have ended.
# Bootstrap Italia draws a checkbox or radio on its label, and its focus ring there.
INDICATOR = """
function drawnOn(element) {
  if (element.matches('.form-check input')) {
    return document.querySelector('label[for="' + element.id + '"]') || element;
  }
  return element;
}
function alpha(colour) {
  const parts = (colour.match(/rgba?\\(([^)]*)\\)/) || [null, '0,0,0,0'])[1].split(/[ ,\\/]+/);
  return parts.length > 3 ? parseFloat(parts[3]) : 1;
}
function ringsOf(style) {
  // The box-shadow layers that draw something: a colour that shows, and a spread or a blur.
  if (style.boxShadow === 'none') { return []; }
  return style.boxShadow.split(/,(?![^(]*\\))/).map(layer => layer.trim()).filter(layer => {
    const lengths = layer.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || [];
    const [, , blur = '0', spread = '0'] = lengths.map(parseFloat).map(String);
    return alpha(layer) > 0 && (parseFloat(blur) > 0 || parseFloat(spread) > 0)
      && !layer.includes('inset');
  });
}
function indicator(style) {
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    && alpha(style.outlineColor) > 0;
  return {outline: outline ? style.outlineWidth + ' ' + style.outlineColor : null,
          rings: ringsOf(style)};
}
"""

UNFOCUSED = """() => {""" + INDICATOR + """
  document.activeElement.blur();
  const seen = {};
  for (const element of document.querySelectorAll('[data-stop]')) {
    seen[element.dataset.stop + ':' + (element.id || element.name || '')] =
      indicator(getComputedStyle(drawnOn(element)));
  }
  return seen;
}"""

FOCUSED = """async () => {""" + INDICATOR + """
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  const target = drawnOn(element);
  await Promise.all(target.getAnimations().map(animation => animation.finished));
  const box = target.getBoundingClientRect();
  return {
    stop: element.dataset.stop ?? null,
    key: (element.dataset.stop ?? '') + ':' + (element.id || element.name || ''),
    what: element.tagName + ' ' + (element.getAttribute('aria-label') || element.innerText
      || element.name || '').replace(/\\s+/g, ' ').trim().slice(0, 50),
    // Chromium's own button inside a date field: the field is not :focus, and Chromium draws
    // its ring on the button (a shadow-DOM part no style reaches).
    inside_date_picker: element.matches('input[type=date], input[type=time]')
      && !element.matches(':focus'),
    indicator: indicator(getComputedStyle(target)),
    on_screen: box.width >= 1 && box.height >= 1 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def tab_through(page):
    """Tab from the top of the page until the focus leaves it (to the browser, or round to the
    page's first control again); return what each Tab focused. Fails if the focus never leaves
    (a trap)."""
    stops = page.evaluate(NUMBER_THE_STOPS)
    unfocused = page.evaluate(UNFOCUSED)
    focused = []
    # Date fields take one stop per part (day, month, year, the calendar button).
    for _ in range(4 * len(stops) + 2):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state is None or (focused and state["stop"] == "0"):
            return stops, unfocused, focused
        focused.append(state)
    pytest.fail(f"{page.url}: the focus never leaves the page, last on {focused[-1]['what']}")


def problems_tabbing(page):
    """What is wrong with tabbing through the current page, as sentences."""
    stops, unfocused, focused = tab_through(page)
    problems = []
    order = []
    for state in focused:
        if state["stop"] is None:
            problems.append(f"the focus went to {state['what']}, which is not a visible control")
            continue
        if not order or order[-1] != int(state["stop"]):
            order.append(int(state["stop"]))
        if not state["on_screen"]:
            problems.append(f"{state['what']} has the focus off the screen")
        if state["inside_date_picker"]:
            continue
        shows = state["indicator"]
        if not shows["outline"] and not shows["rings"]:
            problems.append(f"{state['what']} shows no focus (no outline of 2 px, no ring)")
        elif shows == unfocused.get(state["key"]):
            problems.append(f"{state['what']} looks the same focused and not focused")
    if order != list(range(len(stops))):
        problems.append(f"Tab went {order}, not through the {len(stops)} controls in order: "
                        f"{list(enumerate(stops))}")
    return problems


@pytest.fixture
def world(register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the browser's clock is not travelling
    with time_machine.travel(tenant_world.ROME_MONDAY_8, tick=True):
        yield tenant_world.add_reports(tenant_world.build(register, make_user), make_user)


@pytest.fixture
def phone(open_page):
    page = open_page("it", width=360, height=740)
    # Without smooth scrolling, the element Tab reached is on screen as soon as it has the focus.
    page.emulate_media(reduced_motion="reduce")
    return page


def has_focus(locator):
    return locator.evaluate_all("elements => elements.includes(document.activeElement)")


def tab_to(page, locator, *, limit=60):
    """Press Tab until `locator` has the focus, as a person looking for it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if has_focus(locator):
            return
    pytest.fail(f"{page.url}: Tab never reached {locator}")


def link(page, name):
    return page.get_by_role("link", name=name, exact=True)


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def press(page, key):
    """Press a key that follows a link or sends a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def log_in_with_the_keyboard(page, email):
    page.goto("/accounts/login/")
    tab_to(page, page.locator("#id_login"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert has_focus(page.locator("#id_password"))
    page.keyboard.type(PASSWORD)
    press(page, "Enter")


def test_enter_in_the_login_form_logs_in_rather_than_switching_the_language(open_page,
                                                                           register,
                                                                           make_user):
    """The language buttons also belong to the login form (they keep the e-mail typed): Enter
    must still press the form's own button, as a phone's "Go" key does."""
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("en", width=360, height=740)
    page.goto("/accounts/login/")
    page.fill("#id_login", tenant.email)
    page.fill("#id_password", PASSWORD)

    with page.expect_navigation():
        page.press("#id_password", "Enter")

    assert page.url.endswith("/my/home/")
    assert page.get_attribute("html", "lang") == "en"


def test_tab_reaches_every_control_in_order_and_shows_the_focus(world, phone):
    page = phone
    log_in_with_the_keyboard(page, world.tenant.email)
    day = tenant_world.FREE_DAY.isoformat()
    pages = ["/my/home/", "/my/appointments/", f"/my/appointments/{world.appointment.pk}/",
             "/my/appointments/new/", "/my/appointments/new/?topic=bills",
             f"/my/appointments/new/?topic=bills&day={day}",
             f"/my/appointments/new/?topic=bills&day={day}&time=09:30",
             "/my/notices/", f"/my/notices/{world.notice.pk}/", "/my/events/",
             f"/my/events/{world.open_event.pk}/", f"/my/events/{world.registered_event.pk}/",
             f"/hubs/{world.hub.code}/", f"/energy/{world.call.code}/apply/",
             # Issue 10: problem reports (radio groups, the "is it really fixed?" form).
             "/my/reports/", "/my/reports/new/", f"/my/reports/{world.lift_report.pk}/",
             f"/my/reports/{world.leak_report.pk}/", "application"]
    found = {}
    for path in pages:
        if path == "application":  # the answer form: text, files, radios, dates
            application = application_submit(
                call=world.call, household=world.household, channel="online",
                declarations=DECLARATION_CODES, acting_user=world.tenant)
            application_request_information(application=application, message="L'ISEE, grazie.",
                                            acting_user=world.officer)
            path = f"/energy/{world.call.code}/application/"
        page.goto(path)
        assert page.url.endswith(path), f"{path} led to {page.url}"
        problems = problems_tabbing(page)
        if problems:
            found[path] = problems
    assert found == {}


def test_the_skip_link_leads_a_phone_user_into_the_content(world, phone):
    page = phone
    log_in_with_the_keyboard(page, world.tenant.email)
    page.goto(f"/my/notices/{world.notice.pk}/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Vai al contenuto")
    assert has_focus(skip)
    box = skip.bounding_box()
    assert box["width"] > 40 and box["height"] >= 24  # shown, not a 1 px clip
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")  # the first link of the content, not the header's
    assert has_focus(link(page, "Torna agli avvisi"))


def test_the_phone_menu_opens_keeps_and_gives_back_the_focus(world, phone):
    page = phone
    log_in_with_the_keyboard(page, world.tenant.email)
    toggler = page.get_by_role("button", name="Mostra o nascondi la navigazione")

    tab_to(page, toggler)
    page.keyboard.press("Enter")
    page.locator("#casa-nav.expanded").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    assert has_focus(button(page, "Nascondi la navigazione"))
    problems, names = [], []
    for _ in range(12):  # more than the menu holds: the focus stays inside it
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        assert page.evaluate("document.activeElement.closest('#casa-nav') !== null"), state
        names.append(state["what"])
        if not state["indicator"]["outline"] and not state["indicator"]["rings"]:
            problems.append(state["what"])
    assert problems == []
    assert any("I miei appuntamenti" in name for name in names)

    page.keyboard.press("Escape")
    assert toggler.get_attribute("aria-expanded") == "false"
    assert has_focus(toggler)
    assert not page.locator("main").evaluate("main => main.inert")

    page.keyboard.press(" ")  # Space opens it too; its close button closes it
    page.locator("#casa-nav.expanded").wait_for()
    page.keyboard.press("Enter")
    assert toggler.get_attribute("aria-expanded") == "false"


def test_a_tenant_books_an_appointment_and_registers_for_an_event_with_the_keyboard(world,
                                                                                  phone):
    page = phone
    log_in_with_the_keyboard(page, world.tenant.email)
    assert page.url.endswith("/my/home/")

    # Through the menu to the appointments, and book one.
    tab_to(page, button(page, "Mostra o nascondi la navigazione"))
    page.keyboard.press("Enter")
    page.locator("#casa-nav.expanded").wait_for()
    tab_to(page, link(page, "I miei appuntamenti"))
    press(page, "Enter")
    # Each step's title names its question, as a screen reader announces it on arrival.
    for name, title in (("Prenota un appuntamento", "Di che cosa vorresti parlare?"),
                        ("Bollette e morosità (30 min)", "Quale giorno?"),
                        ("Mercoledì 02/12/2026", "A che ora?"),
                        ("9:30", "Controlla e conferma"),
                        # A change of mind: another time.
                        ("Cambia l'orario", "A che ora?"), ("10:00", "Controlla e conferma")):
        tab_to(page, link(page, name))
        press(page, "Enter")
        assert page.title() == f"{title} – Prenota un appuntamento · CASA Aler Milano"
    tab_to(page, page.get_by_label("Nota"))
    page.keyboard.type("Ho ricevuto un sollecito")
    tab_to(page, button(page, "Prenota"))
    press(page, " ")

    assert "Il tuo appuntamento è prenotato" in page.locator(".casa-messages").inner_text()
    booked = Appointment.objects.exclude(pk=world.appointment.pk).get()
    assert (booked.topic, booked.note) == ("bills", "Ho ricevuto un sollecito")
    assert booked.starts_at == tenant_world.at(tenant_world.FREE_DAY, "10:00")

    # An event: two people, chosen with the arrow keys.
    page.goto("/my/events/")
    tab_to(page, link(page, world.open_event.title))
    press(page, "Enter")
    tab_to(page, page.get_by_label("Quante persone vengono, compreso tu?"))
    page.keyboard.press("ArrowDown")
    tab_to(page, button(page, "Iscriviti"))
    press(page, "Enter")

    assert page.locator("#event-state").get_by_text("Sei iscritto").is_visible()
    registration = Registration.objects.get(event=world.open_event)
    assert (registration.household, registration.people) == (world.household, 2)
    assert page.errors == []
