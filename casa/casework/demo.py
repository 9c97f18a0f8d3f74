"""Demo case files (issue 11), made through the real services at dates spread over the last
four months: about 25 cases at the nine Spazi CASA, most of them in San Siro for the demo
Community Manager (cm.sansiro@demo.casa.invalid), for every reason, some for one person in the
household; with a needs assessment, plan actions done, due and overdue, contacts of every
channel, referrals with and without an outcome, two arrears cases (one with its repayment plan
signed), two closed with their outcome and one handed over by the social coordinator. The
demo tenant of San Siro has one about their household: their support page shows its actions
and referral. Opening each case tells the support (registry.signals.give_support), so the
people become FSE+ participants.

Called by `seed_demo` (casa/portal) after the register, the demo accounts and the hubs' staff
exist; safe to run twice (nothing is added once there are case files). Everything is invented:
the stories below and the people, taken from the synthetic register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from casa.accounts.models import Role
from casa.registry.models import Household, Member

from . import selectors, services
from .models import CaseFile

DEMO_LOGIN_DOMAIN = "demo.casa.invalid"
SAN_SIRO = "san-siro"
HOME = "home"  # the demo tenant of San Siro's own household

STAFF, HOUSEHOLD = "staff", "household"


@dataclass(frozen=True)
class Story:
    """One demo case. `hub`: the hub's code (or HOME); `age`: days since it was opened;
    `person`: for one member of the household (not the head); `needs`: {area: level};
    `actions`: (text, due in days from today (negative: past), who, shown to the tenant,
    done days after opening or None); `contacts`: (days after opening, channel, notes, what
    the tenant may read); `referrals`: (days after opening, service, note, outcome or "",
    outcome days after the referral); `arrears`: (debt, ((days after opening, step), ...),
    plan signed days after opening or None); `close`: (days after opening, outcome, note);
    `handover`: (days after opening, why): opened by the hub's other Community Manager and
    handed to the demo one by the social coordinator."""

    hub: str
    reason: str
    age: int
    summary: str
    needs: dict
    actions: tuple = ()
    contacts: tuple = ()
    referrals: tuple = ()
    person: bool = False
    arrears: tuple | None = None
    close: tuple | None = None
    handover: tuple | None = None


STORIES = (
    # --- San Siro: the demo Community Manager's caseload --------------------------------------
    Story(HOME, "energy_poverty", 40,
          "Bollette del gas arretrate dopo l'inverno; il nucleo non conosceva il contributo "
          "energia.", {"income": "medium", "housing": "low", "paperwork": "medium"},
          actions=(("Presentare la domanda di contributo energia allo Spazio CASA", -20,
                    HOUSEHOLD, True, 15),
                   ("Portare le ultime due bollette del gas allo Spazio CASA", 6, HOUSEHOLD,
                    True, None),
                   ("Verificare con il fornitore la rateizzazione del debito", 10, STAFF,
                    False, None)),
          contacts=((0, "meeting", "Colloquio allo sportello: bollette arretrate, nessuna "
                     "domanda di bonus presentata.", "Primo colloquio allo Spazio CASA."),
                    (15, "phone", "Telefonata: domanda di contributo presentata insieme.", "")),
          referrals=((20, "associations", "Sportello energia dell'associazione di quartiere "
                      "per la lettura delle bollette.", "", 0),)),
    Story(SAN_SIRO, "isolation", 110,
          "Persona anziana che esce poco di casa; i figli abitano lontano.",
          {"social": "high", "health": "medium"}, person=True,
          actions=(("Accompagnarla al gruppo di cammino del giovedì", -70, STAFF, False, 35),
                   ("Telefonata settimanale del volontario", -3, STAFF, False, None),
                   ("Iscriverla al laboratorio di cucito dello Spazio CASA", 14, HOUSEHOLD,
                    True, None)),
          contacts=((0, "home_visit", "Visita a domicilio su segnalazione del custode: "
                     "appartamento in ordine, molta solitudine.", ""),
                    (30, "phone", "Telefonata: contenta del gruppo di cammino.", ""),
                    (80, "message", "Messaggio di promemoria per il laboratorio.", ""))),
    Story(SAN_SIRO, "conflict", 65,
          "Tensioni ripetute con i vicini del piano per i rumori notturni.",
          {"social": "medium", "housing": "low"},
          actions=(("Incontro di mediazione con le famiglie del pianerottolo", -40, STAFF,
                    False, 24),
                   ("Verificare dopo un mese che l'accordo regga", -12, STAFF, False, None)),
          contacts=((0, "meeting", "Colloquio: racconta di litigi frequenti e di un "
                     "biglietto lasciato sulla porta.", ""),
                    (24, "meeting", "Mediazione allo Spazio CASA: accordo sugli orari.",
                     "Incontro di mediazione con i vicini."))),
    Story(SAN_SIRO, "health", 50,
          "Uscito da poco dall'ospedale, fatica a fare le scale e a tenere le visite.",
          {"health": "high", "housing": "medium"}, person=True,
          actions=(("Prenotare la visita di controllo al poliambulatorio", -30, STAFF, False,
                    10),
                   ("Chiedere il cambio alloggio a un piano basso", 20, HOUSEHOLD, True,
                    None)),
          contacts=((0, "phone", "Chiamata della figlia: dimissione la settimana scorsa.",
                     ""),
                    (10, "home_visit", "Visita a casa con l'infermiera di comunità.", "")),
          referrals=((3, "health", "Segnalazione all'infermiere di famiglia e comunità.",
                      "Presa in carico dall'infermiere di comunità: due visite al mese.", 12),)),
    Story(SAN_SIRO, "disability", 95,
          "Persona in carrozzina: il portone pesante e il gradino d'ingresso le impediscono di "
          "uscire da sola.", {"housing": "high", "social": "medium"}, person=True,
          actions=(("Chiedere all'ufficio tecnico lo scivolo all'ingresso", -60, STAFF, False,
                    20),
                   ("Sollecitare l'ufficio tecnico per il portone automatico", -8, STAFF,
                    False, None)),
          contacts=((0, "meeting", "Colloquio con la madre allo Spazio CASA.", ""),
                    (20, "email", "Richiesta all'ufficio tecnico inviata per e-mail.", "")),
          referrals=((5, "social_services", "Domanda di assistenza domiciliare al servizio "
                      "sociale del Municipio 7.", "", 0),)),
    Story(SAN_SIRO, "register_paperwork", 30,
          "L'anagrafe dell'utenza non è aggiornata: manca il figlio maggiorenne.",
          {"paperwork": "high"},
          actions=(("Portare il documento e il codice fiscale del figlio", -10, HOUSEHOLD,
                    True, 5),
                   ("Aggiornare l'anagrafe dell'utenza", 4, STAFF, False, None)),
          contacts=((0, "meeting", "Sportello: aggiornamento dell'anagrafe.", ""),
                    (5, "message", "Messaggio: documenti ricevuti.", ""))),
    Story(SAN_SIRO, "housing_conditions", 75,
          "Muffa in camera da letto e finestra che non chiude: un bambino piccolo in casa.",
          {"housing": "high", "health": "medium"},
          actions=(("Sopralluogo con l'ufficio tecnico", -55, STAFF, False, 12),
                   ("Arieggiare ogni mattina e asciugare i vetri", -30, HOUSEHOLD, True, 40),
                   ("Verificare i lavori sulla finestra", -5, STAFF, False, None)),
          contacts=((0, "home_visit", "Visita: muffa estesa sul muro esterno.", ""),
                    (12, "meeting", "Sopralluogo con il tecnico.", "Sopralluogo tecnico."))),
    Story(SAN_SIRO, "other", 20,
          "Chiede aiuto per iscrivere i figli al doposcuola e al centro estivo.",
          {"social": "low", "paperwork": "medium"},
          actions=(("Iscrizione al doposcuola della parrocchia", 9, HOUSEHOLD, True, None),),
          contacts=((0, "message", "Richiesta arrivata via messaggio.", ""),),
          referrals=((2, "associations", "Doposcuola dell'associazione di quartiere.",
                      "Due posti disponibili: iscrizione da lunedì.", 6),)),
    # Arrears: the repayment plan signed.
    Story(SAN_SIRO, "arrears", 120,
          "Morosità di sette mesi dopo la perdita del lavoro del capofamiglia.",
          {"income": "high", "work": "high", "paperwork": "medium"},
          actions=(("Raccogliere le buste paga e l'ISEE aggiornato", -100, HOUSEHOLD, True,
                    12),
                   ("Proporre all'ufficio morosità un piano di rientro", -85, STAFF, False, 30),
                   ("Pagare la prima rata del piano", -20, HOUSEHOLD, True, 62)),
          contacts=((0, "meeting", "Colloquio: debito di sette mensilità, lavoro perso a "
                     "gennaio.", "Colloquio sulla morosità."),
                    (30, "email", "Inviata all'ufficio morosità la proposta di piano.", ""),
                    (55, "meeting", "Firma del piano di rientro allo Spazio CASA.",
                     "Firma del piano di rientro.")),
          referrals=((14, "employment", "Centro per l'impiego: percorso di ricollocazione.",
                      "Iscritto al corso di magazziniere; colloquio fissato.", 25),),
          arrears=(Decimal("3480.00"), ((12, "Documenti raccolti"),
                                        (30, "Proposta di piano in 24 rate inviata"),
                                        (55, "Piano firmato: 24 rate da 145 euro")), 55)),
    # Arrears: no plan yet.
    Story(SAN_SIRO, "arrears", 25,
          "Debito di affitto e spese in crescita: il nucleo non riesce a pagare le spese "
          "del riscaldamento.", {"income": "high"},
          actions=(("Chiedere all'ufficio morosità il prospetto del debito", -4, STAFF, False,
                    None),
                   ("Portare l'ISEE 2026", 12, HOUSEHOLD, True, None)),
          contacts=((0, "phone", "Chiamata: ha ricevuto la lettera di messa in mora.", ""),),
          arrears=(Decimal("1920.50"), ((2, "Richiesto il prospetto del debito"),), None)),
    # Closed with outcomes.
    Story(SAN_SIRO, "register_paperwork", 100,
          "Voltura del contratto dopo la morte del coniuge.", {"paperwork": "high"},
          actions=(("Raccogliere il certificato di morte e lo stato di famiglia", -85,
                    HOUSEHOLD, True, 10),),
          contacts=((0, "meeting", "Sportello: voltura del contratto.", ""),
                    (20, "phone", "Voltura registrata.", "")),
          close=(30, "goals_met", "Voltura fatta: il contratto è intestato alla vedova.")),
    Story(SAN_SIRO, "conflict", 90,
          "Lite in cortile tra due famiglie; una teme per la propria sicurezza.",
          {"social": "high"}, person=True,
          contacts=((0, "meeting", "Colloquio riservato allo Spazio CASA.", ""),),
          referrals=((1, "anti_violence", "Accompagnata al centro antiviolenza del "
                      "Municipio.", "Presa in carico dal centro antiviolenza.", 5),),
          close=(40, "referred_on", "Seguita dal centro antiviolenza, che tiene i contatti.")),
    # Handed over: Marta Invernizzi moves to another project.
    Story(SAN_SIRO, "isolation", 60,
          "Uomo solo, di rado esce di casa; non ha il medico di base.",
          {"social": "high", "health": "medium"},
          actions=(("Scegliere il medico di base", -30, HOUSEHOLD, True, 20),
                   ("Invitarlo al pranzo di quartiere", -1, STAFF, False, None)),
          contacts=((0, "home_visit", "Visita su segnalazione dei vicini.", ""),
                    (20, "phone", "Telefonata: ha scelto il medico.", "")),
          handover=(45, "Marta Invernizzi passa al progetto di Lorenteggio: i suoi casi a "
                    "Chiara Colombo.")),
    # --- The other Spazi CASA -----------------------------------------------------------------
    Story("lorenteggio", "arrears", 70, "Morosità per le spese del riscaldamento autonomo.",
          {"income": "medium"},
          actions=(("Richiedere il piano di rientro", -20, STAFF, False, None),),
          contacts=((0, "meeting", "Colloquio allo sportello.", ""),)),
    Story("lorenteggio", "energy_poverty", 35, "Caldaia vecchia e bollette molto alte.",
          {"income": "medium", "housing": "medium"},
          actions=(("Domanda di contributo energia", 7, HOUSEHOLD, True, None),),
          contacts=((0, "phone", "Chiamata al numero dello Spazio CASA.", ""),)),
    Story("lorenteggio", "health", 15, "Diabete non seguito; non parla bene l'italiano.",
          {"health": "high", "paperwork": "medium"}, person=True,
          contacts=((0, "meeting", "Colloquio con la figlia che traduce.", ""),),
          referrals=((1, "health", "Centro diabetologico dell'ospedale San Carlo.", "", 0),)),
    Story("gratosoglio", "housing_conditions", 55, "Infiltrazioni dal tetto in camera.",
          {"housing": "high"},
          actions=(("Sopralluogo dell'ufficio tecnico", -35, STAFF, False, 15),),
          contacts=((0, "home_visit", "Visita: soffitto bagnato.", ""),)),
    Story("gratosoglio", "other", 12, "Chiede un corso di italiano per adulti.",
          {"work": "medium"}, person=True,
          referrals=((2, "associations", "Scuola di italiano per stranieri del quartiere.",
                      "Iscritta al corso del martedì.", 5),)),
    Story("rozzano", "isolation", 80, "Vedova da poco, non esce più.", {"social": "high"},
          contacts=((0, "phone", "Chiamata della vicina.", ""),
                    (7, "home_visit", "Visita a casa.", ""))),
    Story("rozzano", "disability", 45, "Figlio con disabilità: cerca un centro diurno.",
          {"health": "medium", "social": "medium"}, person=True,
          referrals=((4, "social_services", "Servizio disabili del Comune di Rozzano.", "",
                      0),)),
    Story("mazzini", "conflict", 28, "Discussioni per il cane del vicino.", {"social": "low"},
          contacts=((0, "meeting", "Colloquio allo sportello.", ""),)),
    Story("molise-calvairate", "other", 33,
          "Cerca lavoro dopo la fine della cassa integrazione.", {"work": "high"},
          referrals=((3, "employment", "Centro per l'impiego di viale Jenner.",
                      "Colloquio di orientamento fatto.", 14),)),
    Story("quarto-oggiaro", "energy_poverty", 18, "Contatore del gas sospeso per morosità.",
          {"income": "high", "housing": "medium"},
          actions=(("Chiamare il fornitore per la riattivazione", -2, STAFF, False, None),),
          contacts=((0, "email", "E-mail del figlio con le bollette.", ""),)),
    Story("salomone", "housing_conditions", 42, "Ascensore spesso fermo: vive al nono piano.",
          {"housing": "medium", "health": "medium"},
          contacts=((0, "message", "Messaggio allo Spazio CASA.", ""),)),
    Story("cinisello-balsamo", "register_paperwork", 22, "Nuovo nato da aggiungere "
          "all'anagrafe dell'utenza.", {"paperwork": "medium"},
          actions=(("Portare il certificato di nascita", 5, HOUSEHOLD, True, None),),
          contacts=((0, "meeting", "Sportello.", ""),)),
)


class _World:
    """The households each story may take (by hub, in code order, the demo logins' left to
    HOME), the hubs' Community Managers (the demo login first) and the social coordinator."""

    def __init__(self, *, tenant, now):
        User = get_user_model()
        self.now, self.today = now, timezone.localdate(now)
        managers = (User.objects.filter(role=Role.COMMUNITY_MANAGER, is_active=True)
                    .prefetch_related("hubs").order_by("email"))
        self.managers = {}
        for manager in managers:
            for hub in manager.hubs.all():
                self.managers.setdefault(hub.code, []).append(manager)
        for hub_managers in self.managers.values():
            hub_managers.sort(key=lambda user: not user.email.endswith(f"@{DEMO_LOGIN_DOMAIN}"))
        self.coordinator = (User.objects.filter(role=Role.SOCIAL_COORDINATOR, is_active=True,
                                                email__endswith=f"@{DEMO_LOGIN_DOMAIN}")
                            .order_by("email").first())
        self.home = None
        logins = (User.objects.filter(role=Role.TENANT, email__endswith=f"@{DEMO_LOGIN_DOMAIN}")
                  .values("fiscal_code"))
        if tenant is not None:
            person = (Member.objects.current()
                      .filter(fiscal_code=tenant.fiscal_code, household__tenancy_end__isnull=True,
                              household__unit__building__hub__isnull=False)
                      .select_related("household__unit__building__hub").first())
            self.home = person.household if person is not None else None
        avoid = Member.objects.current().filter(fiscal_code__in=logins).values("household_id")
        self.households = {}
        for household in (Household.objects.filter(tenancy_end__isnull=True,
                                                   unit__building__hub__isnull=False)
                          .exclude(pk__in=avoid).select_related("unit__building__hub")
                          .order_by("code")):
            self.households.setdefault(household.unit.building.hub.code, []).append(household)
        self.used = set()

    def manager(self, hub_code, index=0):
        managers = self.managers.get(hub_code, [])
        return managers[index] if len(managers) > index else None

    def household(self, story):
        """(household, member or None, the hub's code) for the story: at its hub, else at
        the first hub (by code) with households and a Community Manager, as a small register
        leaves some hubs without buildings."""
        if story.hub == HOME:
            if self.home is None or self.home.pk in self.used:
                return None
            hubs = [self.home.unit.building.hub.code]
            candidates = {hubs[0]: [self.home]}
        else:
            hubs = [story.hub] + sorted(code for code in self.households if code != story.hub)
            candidates = self.households
        for code in hubs:
            if self.manager(code) is None:
                continue
            for household in candidates.get(code, []):
                if household.pk in self.used:
                    continue
                member = None
                if story.person:
                    member = (household.members.current().exclude(relation="head")
                              .order_by("birth_date", "id").first())
                    if member is None:
                        continue
                self.used.add(household.pk)
                return household, member, code
        return None


def create_demo_cases(*, tenant=None, now=None) -> int:
    """Tell the demo's STORIES through the casework services, at dates counted back from
    `now`. `tenant`: the demo tenant of San Siro, whose household the HOME story is about.
    Returns how many cases were opened (none if there are case files already)."""
    if CaseFile.objects.exists():
        return 0
    world = _World(tenant=tenant, now=now or timezone.now())
    made = 0
    with transaction.atomic():
        for story in STORIES:
            made += _tell(story, world) is not None
    return made


def _tell(story, world):
    found = world.household(story)
    if found is None:
        return None
    household, member, hub = found
    manager = world.manager(hub)
    opened = world.now.replace(hour=10, minute=0, second=0, microsecond=0) - dt.timedelta(
        days=story.age)
    opened = min(opened, world.now - dt.timedelta(hours=1))

    def at(days, hours=0):
        return min(opened + dt.timedelta(days=days, hours=hours),
                   world.now - dt.timedelta(minutes=1))

    opener = manager
    if story.handover is not None and world.manager(hub, 1) is not None:
        opener = world.manager(hub, 1)
    case = services.case_open(household=household, member=member, reason=story.reason,
                              acting_user=opener, now=opened)
    services.case_assess(case=case, needs=story.needs, summary=story.summary,
                         acting_user=opener, now=at(0, 1))
    for text, due_in, who, for_tenant, done_after in story.actions:
        action = services.action_add(case=case, text=text, owner_kind=who,
                                     due_on=world.today + dt.timedelta(days=due_in),
                                     for_tenant=for_tenant, acting_user=opener, now=at(0, 2))
        if done_after is not None:
            services.action_complete(action=action, acting_user=opener, now=at(done_after, 3))
    for days, kind, notes, public in story.contacts:
        services.contact_log(case=case, kind=kind, at=at(days), notes=notes,
                             public_summary=public, acting_user=opener, now=at(days, 1))
    for days, to, note, outcome, outcome_after in story.referrals:
        referral = services.referral_send(case=case, to=to, sent_on=at(days).date(),
                                          note=note, acting_user=opener)
        if outcome:
            services.referral_record_outcome(
                referral=referral, outcome=outcome,
                outcome_on=at(days + outcome_after).date(), acting_user=opener)
    if story.arrears is not None:
        debt, steps, signed_after = story.arrears
        services.arrears_record(case=case, debt_eur=debt, acting_user=opener)
        for days, step in steps:
            services.arrears_record(case=case, step=step, step_on=at(days).date(),
                                    acting_user=opener)
        if signed_after is not None:
            services.arrears_record(case=case, plan_signed_on=at(signed_after).date(),
                                    acting_user=opener)
    if story.handover is not None and opener != manager:
        days, why = story.handover
        services.case_hand_over(case=case, to_owner=manager, reason=why,
                                acting_user=world.coordinator or opener, now=at(days))
    if story.close is not None:
        days, outcome, note = story.close
        services.case_close(case=case, outcome=outcome, note=note, acting_user=opener,
                            now=at(days))
    return case


def overdue_count(today=None):
    """How many plan actions of open cases are overdue (for seed_demo's line)."""
    return selectors.overdue_actions(today or timezone.localdate()).count()

