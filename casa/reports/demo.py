"""Demo problem reports, made through the real services (report_create with photos, follow,
status changes, replies, internal notes, assignments, "is it really fixed?") at dates spread
over the last two months, so that the staff's queue shows late and urgent reports, the
building pages have open and recent ones, and the demo tenant of San Siro has a report about
their flat, a resolved one waiting for their answer, and a neighbour's report they follow.
Also the demo contractors. Called by `seed_demo` (casa/portal) after the register, the demo
accounts and the hubs' staff exist; safe to run twice (nothing is added once reports exist).

Everything is invented: the stories below, the people, and the photos, drawn with Pillow at
seed time (a gradient and a shape, with invented EXIF and GPS that check_photo strips)."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageOps

from casa.accounts.models import Role
from casa.accounts.services import user_create
from casa.registry.models import Building, Member
from casa.registry.selectors import tenant_household

from . import services
from .models import Category, Contractor, Report
from .rules import Place, Status

S, P = Status, Place
# The tenants who report, follow or answer in the demo have accounts without a password, in a
# domain that is not the demo logins' (seed_demo lists only those): nobody logs in as them.
NEIGHBOUR_DOMAIN = "inquilini.demo.casa.invalid"
DEMO_LOGIN_DOMAIN = "demo.casa.invalid"

# (name, e-mail, phone, category codes). Invented companies; .invalid addresses.
CONTRACTORS = (
    ("Ascensori Lombardi S.r.l.", "interventi@ascensori-lombardi.demo.casa.invalid",
     "02 0000 1101", ("lift",)),
    ("Idraulica Navigli", "richieste@idraulica-navigli.demo.casa.invalid", "02 0000 1102",
     ("water_leak", "heating")),
    ("Elettrica Bovisa", "ordini@elettrica-bovisa.demo.casa.invalid", "02 0000 1103",
     ("electricity",)),
    ("Pulizie Brera Coop", "servizi@pulizie-brera.demo.casa.invalid", "02 0000 1104",
     ("cleaning", "waste")),
    ("Disinfestazioni Milano", "pronto@disinfestazioni-milano.demo.casa.invalid",
     "02 0000 1105", ("pests",)),
)


@dataclass(frozen=True)
class Story:
    """One demo report. `hub`: the hub's code, or HOME (the demo tenant's building); `building`:
    which of the hub's buildings (by code, modulo their number); `by`: TENANT (the household's
    own account), DESK (staff for the household, at the desk or on the phone) or ROUND (staff
    from their rounds, no household); `mine`: the demo tenant's own household reports it;
    `age`: days before now it was reported; `steps`: (hours after the report, action, *args),
    actions as in _tell ("contractor" sends the report to a demo contractor, "answer" records
    what that contractor said and charged); `followers`: how many other households of the
    building follow it."""

    key: str
    hub: str
    category: str
    place: str
    text: str
    age: float
    by: str = "tenant"
    steps: tuple = ()
    photos: tuple = ()
    building: int = 0
    mine: bool = False
    followers: int = 0
    followed_by_me: bool = False


HOME, TENANT, DESK, ROUND = "home", "tenant", "desk", "round"
SAN_SIRO = "san-siro"

STORIES = (
    # --- The demo tenant's building (San Siro) -------------------------------------------
    Story("home_lift", HOME, "lift", P.ENTRANCE,
          "Ascensore fermo al piano terra: le porte si aprono e si richiudono ma la cabina non "
          "parte. Al quarto piano abita una signora anziana che non riesce a scendere.",
          3.2, photos=("lift",), followers=1, followed_by_me=True, steps=(
              (2, "status", S.TAKEN, "Abbiamo preso in carico la segnalazione.", ""),
              (3, "assign"),
              (5, "contractor", "Ascensori Lombardi S.r.l.", "Cabina ferma al piano terra; "
               "al 4° piano abita una persona anziana che non può scendere: urgente.", False),
              (6, "reply", "Abbiamo chiamato la ditta che cura gli ascensori."),
              (28, "answer", "AL-2026-4417", "Guasta la scheda di controllo: ricambio "
               "ordinato, consegna in settimana.", "", ""),
              (30, "status", S.IN_PROGRESS, "Il tecnico ha trovato guasta la scheda di "
               "controllo: il pezzo di ricambio arriva in settimana.", ""),
              (50, "note", "Avvisare la signora del 4° piano appena l'ascensore riparte: "
               "la spesa gliela porta il volontario del lunedì."))),
    Story("home_lift_again", HOME, "lift", P.ENTRANCE,
          "L'ascensore della nostra scala non funziona da stamattina.", 3.0, by=DESK, steps=(
              (4, "merge", "home_lift", "È lo stesso guasto già segnalato: vi teniamo "
               "aggiornati su quella segnalazione."),)),
    Story("my_heating", HOME, "heating", P.FLAT,
          "Il termosifone della camera da letto resta freddo anche con la valvola aperta; gli "
          "altri funzionano.", 4.0, mine=True, steps=(
              (6, "status", S.TAKEN, "Presa in carico: vi chiamiamo per fissare un "
               "sopralluogo.", ""),
              (30, "status", S.MAINTENANCE, "Il tecnico del riscaldamento passa giovedì "
               "mattina tra le 9 e le 12.", "Probabile valvola termostatica bloccata."))),
    Story("my_leak", HOME, "water_leak", P.FLAT,
          "Perdita d'acqua sotto il lavello della cucina: il mobile si bagna ogni volta che "
          "apro il rubinetto.", 9.0, mine=True, photos=("leak",), steps=(
              (3, "status", S.TAKEN, "", ""),
              (20, "contractor", "Idraulica Navigli", "Perdita sotto il lavello della cucina: "
               "concordare l'orario con la famiglia.", True),
              (21, "reply", "Abbiamo mandato l'idraulico."),
              (140, "answer", "IN-0883", "Sostituiti sifone e guarnizione.", "184.50",
               "Fattura 212/2026"),
              (150, "status", S.RESOLVED, "L'idraulico ha sostituito il sifone e la "
               "guarnizione. Ci confermate che ora è tutto a posto?", ""))),
    Story("home_stairs_light", HOME, "electricity", P.ENTRANCE,
          "Luce delle scale spenta al 3° piano: la sera si sale al buio.", 6.0, by=DESK,
          photos=("dark",), steps=(
              (20, "status", S.TAKEN, "Presa in carico.", "Segnalata al telefono."),)),
    # --- San Siro ------------------------------------------------------------------------
    Story("ss_cellar_leak", SAN_SIRO, "water_leak", P.CELLAR,
          "Perdita d'acqua in cantina: c'è una pozza davanti alle cantine della scala B e "
          "l'acqua continua a scendere dal tubo.", 0.2, photos=("leak", "leak"), followers=2,
          building=1),
    Story("ss_stairs_dirty", SAN_SIRO, "cleaning", P.ENTRANCE,
          "Le scale non vengono pulite da due settimane: c'è sporco e cattivo odore "
          "nell'androne.", 2.0, building=1, steps=(
              (5, "status", S.TAKEN, "Abbiamo avvisato la cooperativa delle pulizie.", ""),)),
    Story("ss_bulky_waste", SAN_SIRO, "waste", P.COURTYARD,
          "Ingombranti abbandonati in cortile vicino ai bidoni: un materasso e un armadio "
          "rotto.", 12.0, by=ROUND, photos=("waste",), building=2, steps=(
              (4, "status", S.TAKEN, "", ""),
              (5, "assign"),
              (24, "status", S.WAITING, "Abbiamo chiesto il ritiro ad AMSA: aspettiamo la "
               "data.", "Richiesta di ritiro ingombranti inviata dal portale AMSA."))),
    Story("ss_mice", SAN_SIRO, "pests", P.CELLAR,
          "Topi nelle cantine: si vedono la sera vicino al locale contatori.", 3.0,
          followers=1, building=2, steps=(
              (8, "status", S.TAKEN, "", ""),
              (30, "status", S.MAINTENANCE, "Abbiamo chiesto una derattizzazione.", ""))),
    Story("ss_front_door", SAN_SIRO, "safety", P.ENTRANCE,
          "Il portone d'ingresso non si chiude più: la serratura è rotta ed entra chiunque.",
          1.5, by=DESK, building=3, steps=(
              (1, "status", S.TAKEN, "Presa in carico: passiamo a vedere oggi.", ""),
              (2, "assign"))),
    Story("ss_noise", SAN_SIRO, "neighbours", P.OTHER_COMMON,
          "Musica ad alto volume ogni notte dopo mezzanotte da un appartamento del secondo "
          "piano.", 20.0, building=3, steps=(
              (24, "status", S.TAKEN, "Ne parliamo con le famiglie coinvolte.", ""),
              (30, "note", "Incontro di mediazione fissato allo Spazio CASA per martedì."),
              (240, "status", S.RESOLVED, "Abbiamo incontrato le famiglie allo Spazio CASA e "
               "si sono accordate sugli orari.", ""),
              (260, "fixed", True, "Sì, ora è tranquillo. Grazie."))),
    Story("ss_railing", SAN_SIRO, "damage", P.ROOF,
          "Dal terrazzo condominiale manca un pezzo di ringhiera: è pericoloso.", 35.0,
          by=ROUND, building=4, steps=(
              (24, "status", S.TAKEN, "", ""),
              (48, "status", S.MAINTENANCE, "", "Terrazzo chiuso a chiave nell'attesa."),
              (400, "status", S.RESOLVED, "La ringhiera è stata riparata.", ""),
              (700, "status", S.CLOSED, "", ""))),
    Story("ss_bench", SAN_SIRO, "other", P.COURTYARD,
          "Chiedo di mettere una panchina nel cortile per le persone anziane.", 15.0,
          building=4, steps=(
              (48, "reject", "Non è un guasto: le proposte per il cortile si discutono "
               "all'assemblea degli inquilini allo Spazio CASA, giovedì alle 18."),)),
    Story("ss_no_hot_water", SAN_SIRO, "heating", P.FLAT,
          "Da ieri in casa non arrivano né l'acqua calda né il riscaldamento.", 0.1, by=DESK,
          building=5),
    Story("ss_garage_lights", SAN_SIRO, "electricity", P.GARAGE,
          "Nei box le luci del corsello restano accese giorno e notte.", 8.0, building=5,
          steps=(
              (24, "status", S.TAKEN, "", ""),
              (48, "reply", "Abbiamo verificato: è guasto il timer delle luci. Lo sostituiamo "
               "con la prossima manutenzione."),
              (96, "status", S.MAINTENANCE, "", ""))),
    Story("ss_damp_stairs", SAN_SIRO, "water_leak", P.ENTRANCE,
          "Macchia di umidità sul muro delle scale tra il 1° e il 2° piano: si allarga di "
          "giorno in giorno.", 25.0, photos=("damage",), building=6, steps=(
              (10, "status", S.TAKEN, "", ""),
              (30, "contractor", "Idraulica Navigli", "Macchia di umidità sul muro delle scale "
               "tra il 1° e il 2° piano: cercare la perdita.", False),
              (190, "answer", "IN-0870", "Riparato un raccordo della colonna montante.",
               "320.00", "Fattura 198/2026"),
              (200, "status", S.RESOLVED, "Il tubo che perdeva è stato riparato.", ""),
              (230, "fixed", False, "La macchia è ancora bagnata e continua ad allargarsi."),
              (260, "status", S.MAINTENANCE, "Rimandiamo l'idraulico a cercare la perdita.",
               "Seconda uscita: chiedere la termocamera."))),
    # --- Lorenteggio ---------------------------------------------------------------------
    Story("lo_lift_stuck", "lorenteggio", "lift", P.ENTRANCE,
          "L'ascensore si ferma tra un piano e l'altro: stamattina è rimasta bloccata una "
          "persona per venti minuti.", 18.0, photos=("lift",), steps=(
              (1, "status", S.TAKEN, "", ""),
              (2, "contractor", "Ascensori Lombardi S.r.l.", "Stamattina una persona è rimasta "
               "bloccata in cabina: verifica immediata.", False),
              (2.5, "reply", "Il tecnico arriva entro un'ora."),
              (28, "answer", "AL-2026-4388", "Sostituito il motore delle porte.", "1240.00",
               "Preventivo 88/2026"),
              (30, "status", S.RESOLVED, "Sostituito il motore delle porte.", ""),
              (60, "fixed", True, ""))),
    Story("lo_boiler", "lorenteggio", "heating", P.FLAT,
          "Caldaia autonoma in blocco: in casa non c'è riscaldamento.", 2.5, by=DESK,
          building=1, steps=(
              (2, "status", S.TAKEN, "", ""),
              (20, "status", S.WAITING, "Aspettiamo il pezzo di ricambio dal fornitore della "
               "caldaia.", ""))),
    Story("lo_organic_bins", "lorenteggio", "waste", P.COURTYARD,
          "I cassonetti dell'umido sono pieni e non vengono svuotati da giorni.", 1.0,
          followers=1, building=2),
    Story("lo_falling_plaster", "lorenteggio", "safety", P.OTHER_COMMON,
          "Calcinacci caduti dal balcone del terzo piano sul marciapiede davanti al "
          "palazzo.", 5.0, by=ROUND, photos=("damage",), building=3, steps=(
              (0.5, "status", S.TAKEN, "", ""),
              (1, "assign"),
              (4, "status", S.IN_PROGRESS, "Abbiamo transennato il marciapiede; i tecnici "
               "verificano la facciata.", ""))),
    Story("lo_cellars_dirty", "lorenteggio", "cleaning", P.CELLAR,
          "Il corridoio delle cantine è pieno di sporcizia e di vecchi scatoloni.", 6.0,
          building=4),
    Story("lo_window", "lorenteggio", "damage", P.FLAT,
          "La finestra del soggiorno non si chiude bene ed entra aria fredda.", 10.0,
          building=5, steps=(
              (24, "status", S.TAKEN, "", ""),
              (150, "status", S.RESOLVED, "Il serramentista ha regolato la finestra. È tutto "
               "a posto?", ""))),
    # --- Mazzini -------------------------------------------------------------------------
    Story("ma_lift_buttons", "mazzini", "lift", P.ENTRANCE,
          "La pulsantiera dell'ascensore è danneggiata: il tasto del 5° piano non "
          "funziona.", 4.0, by=ROUND, steps=(
              (1, "status", S.TAKEN, "", ""),
              (3, "status", S.MAINTENANCE, "", ""))),
    Story("ma_wasps", "mazzini", "pests", P.COURTYARD,
          "Nido di vespe sotto la tettoia del cortile, vicino alle biciclette.", 30.0,
          building=1, steps=(
              (24, "status", S.TAKEN, "", ""),
              (48, "status", S.MAINTENANCE, "", ""),
              (200, "status", S.RESOLVED, "Il nido è stato rimosso.", ""),
              (550, "status", S.CLOSED, "", ""))),
    Story("ma_fuse", "mazzini", "electricity", P.FLAT,
          "In casa salta la corrente ogni volta che si accende la lavatrice.", 0.5, by=DESK,
          building=2),
    Story("ma_move", "mazzini", "other", P.FLAT,
          "Chiedo di cambiare alloggio: al quarto piano senza ascensore non riesco più a "
          "salire.", 9.0, building=3, steps=(
              (24, "reject", "Per il cambio di alloggio serve una domanda di mobilità: la "
               "prepariamo insieme allo Spazio CASA, prenotate un appuntamento."),)),
    Story("ma_scooter", "mazzini", "neighbours", P.ENTRANCE,
          "Un vicino parcheggia lo scooter nell'androne e blocca il passaggio.", 7.0,
          building=4, steps=(
              (30, "status", S.TAKEN, "Abbiamo lasciato un avviso in bacheca e parliamo con "
               "il proprietario dello scooter.", ""),)),
    # --- Gratosoglio ---------------------------------------------------------------------
    Story("gr_tower_lift", "gratosoglio", "lift", P.ENTRANCE,
          "L'ascensore della torre è fermo all'ottavo piano.", 0.4, photos=("lift",),
          followers=2),
    Story("gr_tower_lift_again", "gratosoglio", "lift", P.ENTRANCE,
          "Ascensore guasto: segnalato al telefono da una signora dell'ottavo piano.", 0.3,
          by=DESK, steps=(
              (1, "merge", "gr_tower_lift", "Lo stesso guasto era già stato segnalato: "
               "seguite quella segnalazione."),)),
    Story("gr_flooded_garage", "gratosoglio", "water_leak", P.GARAGE,
          "Allagamento nei box dopo il temporale: ci sono dieci centimetri d'acqua.", 14.0,
          by=ROUND, building=1, steps=(
              (1, "status", S.TAKEN, "", ""),
              (3, "status", S.MAINTENANCE, "", "Chiamata l'impresa per le pompe."),
              (72, "status", S.RESOLVED, "L'acqua è stata pompata via e lo scarico pulito.",
               ""),
              (200, "status", S.CLOSED, "", ""))),
    Story("gr_courtyard_dark", "gratosoglio", "electricity", P.COURTYARD,
          "I lampioni del cortile sono spenti: la sera è tutto buio.", 5.0, photos=("dark",),
          building=2, steps=(
              (24, "status", S.TAKEN, "", ""),
              (30, "reply", "Abbiamo verificato: il guasto è sulla linea dei lampioni."),
              (48, "status", S.WAITING, "I lampioni sono del Comune: abbiamo segnalato il "
               "guasto e aspettiamo l'intervento.", ""))),
    Story("gr_tiles", "gratosoglio", "damage", P.FLAT,
          "Le piastrelle del bagno si stanno staccando dal muro.", 45.0, by=DESK, building=2,
          steps=(
              (48, "status", S.TAKEN, "", ""),
              (96, "status", S.MAINTENANCE, "", ""),
              (700, "status", S.RESOLVED, "Le piastrelle sono state rifatte.", ""),
              (1000, "status", S.CLOSED, "", ""))),
    # --- Molise-Calvairate ---------------------------------------------------------------
    Story("mc_no_heating", "molise-calvairate", "heating", P.OTHER_COMMON,
          "Il riscaldamento centralizzato è spento in tutto il palazzo.", 1.2, by=ROUND,
          followers=3, steps=(
              (0.5, "reply", "La caldaia è in blocco: il tecnico arriva in giornata."),
              (2, "status", S.IN_PROGRESS, "", ""),
              (3, "assign"),
              (5, "reply", "Il tecnico ha sostituito la pompa: il riscaldamento ripartirà "
               "gradualmente entro stasera."))),
    Story("mc_bin_room", "molise-calvairate", "waste", P.OTHER_COMMON,
          "Il locale rifiuti è chiuso a chiave e non si riesce a buttare la spazzatura.",
          3.5, building=1, steps=((5, "status", S.TAKEN, "", ""),)),
    Story("mc_cockroaches", "molise-calvairate", "pests", P.FLAT,
          "Scarafaggi in cucina e in bagno: arrivano dagli scarichi.", 2.0),
    Story("mc_mailboxes", "molise-calvairate", "other", P.ENTRANCE,
          "Le cassette della posta sono state scassinate stanotte.", 22.0, by=DESK,
          building=1, steps=(
              (24, "status", S.TAKEN, "", ""),
              (100, "status", S.RESOLVED, "Abbiamo sostituito le serrature: ritirate le "
               "chiavi nuove allo Spazio CASA.", ""),
              (130, "fixed", True, ""))),
    # --- Quarto Oggiaro ------------------------------------------------------------------
    Story("qo_lift_week", "quarto-oggiaro", "lift", P.ENTRANCE,
          "Ascensore fermo da una settimana: nel palazzo abitano persone in carrozzina.", 8.0,
          followers=2, steps=(
              (2, "status", S.TAKEN, "", ""),
              (3, "assign"),
              (4, "status", S.MAINTENANCE, "", ""),
              (48, "status", S.WAITING, "La ditta aspetta il pezzo di ricambio dal "
               "produttore: ci ha indicato una settimana.", "Sollecitare venerdì."),
              (100, "note", "Chiesto alla ditta un servizio di accompagnamento per le "
               "persone in carrozzina."))),
    Story("qo_leaves", "quarto-oggiaro", "cleaning", P.COURTYARD,
          "Il cortile è pieno di foglie e rami caduti dopo il temporale.", 1.5, by=ROUND,
          building=1),
    Story("qo_cellar_door", "quarto-oggiaro", "safety", P.CELLAR,
          "La porta delle cantine è stata forzata e un lucchetto è rotto.", 11.0, steps=(
              (3, "status", S.TAKEN, "", ""),
              (24, "status", S.IN_PROGRESS, "", ""),
              (150, "status", S.RESOLVED, "La porta è stata riparata e la serratura "
               "sostituita.", ""))),
    Story("qo_roof_tiles", "quarto-oggiaro", "damage", P.ROOF,
          "Tegole spostate sul tetto dopo il vento forte.", 50.0, by=ROUND, building=1,
          steps=(
              (24, "status", S.TAKEN, "", ""),
              (48, "status", S.MAINTENANCE, "", ""),
              (400, "status", S.RESOLVED, "Il tetto è stato sistemato.", ""),
              (900, "status", S.CLOSED, "", ""))),
    # --- Rozzano -------------------------------------------------------------------------
    Story("ro_hall_leak", "rozzano", "water_leak", P.ENTRANCE,
          "Quando piove scende acqua dal soffitto dell'androne.", 6.0, photos=("leak",),
          steps=(
              (3, "status", S.TAKEN, "", ""),
              (20, "status", S.MAINTENANCE, "Abbiamo chiesto un intervento sul tetto.", ""))),
    Story("ro_drying_racks", "rozzano", "neighbours", P.COURTYARD,
          "Litigi tra vicini per l'uso degli stenditoi in cortile.", 16.0, by=DESK,
          building=1, steps=(
              (48, "status", S.TAKEN, "", ""),
              (200, "status", S.RESOLVED, "All'incontro allo Spazio CASA abbiamo concordato i "
               "turni per gli stenditoi.", ""))),
    Story("ro_cellar_lights", "rozzano", "electricity", P.CELLAR,
          "Le luci delle cantine non si accendono.", 0.8, steps=(
              (2, "note", "Verificare se è saltato l'interruttore nel quadro delle cantine."),)),
    Story("ro_keys", "rozzano", "other", P.FLAT,
          "Chiedo un duplicato delle chiavi del portone.", 9.0, building=1, steps=(
              (24, "reject", "Le chiavi del portone si chiedono allo Spazio CASA con un "
               "documento: non serve una segnalazione."),)),
    # --- Salomone ------------------------------------------------------------------------
    Story("sa_lukewarm", "salomone", "heating", P.FLAT,
          "I termosifoni sono tiepidi in tutte le stanze: in casa ci sono 16 gradi.", 3.0,
          steps=(
              (4, "status", S.TAKEN, "", ""),
              (26, "reply", "Il tecnico della centrale termica ha alzato la temperatura: "
               "diteci se va meglio."))),
    Story("sa_graffiti", "salomone", "cleaning", P.ENTRANCE,
          "Scritte con la vernice sui muri dell'androne.", 26.0, by=ROUND, building=1,
          steps=(
              (24, "status", S.TAKEN, "", ""),
              (72, "status", S.MAINTENANCE, "", ""),
              (300, "status", S.RESOLVED, "I muri sono stati ridipinti.", ""),
              (500, "status", S.CLOSED, "", ""))),
    Story("sa_paper_bins", "salomone", "waste", P.COURTYARD,
          "I bidoni della carta sono rotti: i coperchi non si chiudono.", 4.0,
          photos=("waste",), steps=((24, "status", S.TAKEN, "", ""),)),
    # --- Cinisello Balsamo ---------------------------------------------------------------
    Story("ci_lift_door", "cinisello-balsamo", "lift", P.ENTRANCE,
          "La porta dell'ascensore al piano terra non si chiude.", 0.6, by=DESK, steps=(
              (1, "status", S.TAKEN, "Abbiamo chiamato il tecnico.", ""),)),
    Story("ci_pigeons", "cinisello-balsamo", "pests", P.ROOF,
          "Piccioni nel sottotetto: c'è guano sulle scale dell'ultimo piano.", 13.0, steps=(
              (24, "status", S.TAKEN, "", ""),
              (96, "status", S.MAINTENANCE, "Abbiamo chiesto di mettere le reti "
               "antipiccioni.", ""))),
    Story("ci_garage_door", "cinisello-balsamo", "damage", P.GARAGE,
          "La basculante del box è rotta e non si apre.", 19.0, steps=(
              (20, "reject", "I box sono affittati con un contratto a parte: la riparazione "
               "spetta al gestore dei box, a cui abbiamo girato la segnalazione."),)),
)


# --- Photos ------------------------------------------------------------------------------------

# look: (top colour, bottom colour, ink): a gradient and a shape, nothing real.
LOOKS = {
    "leak": ((70, 85, 100), (185, 195, 205), (45, 65, 95)),
    "lift": ((110, 112, 118), (215, 215, 220), (80, 82, 90)),
    "waste": ((70, 105, 70), (190, 200, 160), (115, 85, 55)),
    "damage": ((150, 135, 115), (230, 220, 205), (70, 60, 50)),
    "dark": ((12, 12, 22), (75, 75, 95), (245, 225, 130)),
}
PHOTO_SIZE = (640, 480)
# What a phone writes into a photo (invented: roughly Piazza Selinunte), so that the demo's
# photos go through check_photo as a tenant's do and come out without it.
PHONE_MAKER = "Telefono demo"
DEMO_GPS = {1: "N", 2: (45.0, 28.0, 12.0), 3: "E", 4: (9.0, 8.0, 24.0)}


def demo_photo(look: str, number: int) -> SimpleUploadedFile:
    """A small synthetic JPEG photo (a gradient and a shape for `look`, moved by `number`),
    with invented camera EXIF and GPS, as an uploaded file named like a phone's."""
    top, bottom, ink = LOOKS[look]
    width, height = PHOTO_SIZE
    image = ImageOps.colorize(Image.linear_gradient("L").resize(PHOTO_SIZE), black=top,
                              white=bottom)
    draw = ImageDraw.Draw(image)
    shift = (number * 37) % 120
    if look == "leak":  # a pipe and the puddle under it
        draw.rectangle((280 + shift // 3, 0, 310 + shift // 3, 300), fill=ink)
        draw.ellipse((120 + shift, 300, 480 + shift, 440), fill=ink)
    elif look == "lift":  # closed doors and the floor display
        draw.rectangle((170, 60, 316, height - 20), fill=ink)
        draw.rectangle((324, 60, 470, height - 20), fill=ink)
        draw.rectangle((290, 20, 350, 48), fill=(200, 40, 30))
    elif look == "waste":  # boxes and a bin
        draw.rectangle((60 + shift, 260, 260 + shift, 440), fill=ink)
        draw.rectangle((380, 200, 560, 440), fill=(40, 80, 40))
    elif look == "damage":  # a crack across a wall
        draw.line([(40, 80 + shift), (200, 160), (330, 140 + shift), (470, 300), (600, 360)],
                  fill=ink, width=9)
    else:  # dark: a lamp that does not light
        draw.ellipse((width // 2 - 50, 40, width // 2 + 50, 140), outline=ink, width=6)
    exif = Image.Exif()
    exif[0x010F] = PHONE_MAKER
    exif[0x8825] = DEMO_GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, exif=exif)
    return SimpleUploadedFile(f"IMG_{number:04d}.jpg", out.getvalue(), content_type="image/jpeg")


# --- Contractors -------------------------------------------------------------------------------

def create_demo_contractors() -> int:
    """The demo contractors, each with the categories it is usually called for. Returns how many
    were created (none the second time)."""
    categories = {category.code: category for category in Category.objects.all()}
    created = 0
    for name, email, phone, codes in CONTRACTORS:
        contractor, new = Contractor.objects.get_or_create(
            name=name, defaults={"email": email, "phone": phone, "active": True})
        if new:
            contractor.categories.set([categories[code] for code in codes if code in categories])
            created += 1
    return created


# --- Reports -----------------------------------------------------------------------------------

class _World:
    """What the stories are told with: the buildings of each hub, the staff of each hub, the
    households that may report (the demo logins' are left alone, but for the tenant's own),
    and the reports made so far by key."""

    def __init__(self, *, tenant, now, seed, acting_user):
        User = get_user_model()
        self.now, self.rng, self.acting_user = now, random.Random(seed), acting_user
        self.tenant = tenant
        self.household = tenant_household(tenant) if tenant is not None else None
        self.categories = {category.code: category for category in Category.objects.all()}
        self.buildings = {}
        for building in Building.objects.filter(hub__isnull=False).select_related(
                "hub").order_by("code"):
            self.buildings.setdefault(building.hub.code, []).append(building)
        staff = list(User.objects.filter(role__in=[Role.COMMUNITY_MANAGER, Role.CARE_STAFF],
                                         is_active=True, hubs__isnull=False)
                     .prefetch_related("hubs").distinct().order_by("email"))
        self.staff = {}
        for user in staff:
            for hub in user.hubs.all():
                self.staff.setdefault(hub.code, []).append(user)
        logins = (User.objects.filter(role=Role.TENANT,
                                      email__endswith=f"@{DEMO_LOGIN_DOMAIN}")
                  .values("fiscal_code"))
        self.avoid = set(Member.objects.current().filter(fiscal_code__in=logins)
                         .values_list("household_id", flat=True))
        self.home = (self.household.unit.building if self.household is not None
                     else next(iter(self.buildings.get(SAN_SIRO, [])), None))
        self.unusable = make_password(None)
        self.accounts = {}
        self.orders = {}  # the last work order of each story, by the story's key
        self.heads = {}
        self.made = {}
        self.photos = 0

    # Who

    def contractor(self, name):
        """A demo contractor by name (create_demo_contractors runs first)."""
        return Contractor.objects.get(name=name)

    def manager(self, hub_code):
        """The hub's Community Manager who works the stories: the demo login first."""
        managers = [user for user in self.staff.get(hub_code, [])
                    if user.role == Role.COMMUNITY_MANAGER]
        demo = [user for user in managers if user.email.endswith(f"@{DEMO_LOGIN_DOMAIN}")]
        return (demo or managers or [None])[0]

    def rounds(self, hub_code):
        """Who reports from their rounds: the hub's care staff, else its manager."""
        care = [user for user in self.staff.get(hub_code, []) if user.role == Role.CARE_STAFF]
        return care[0] if care else self.manager(hub_code)

    def assignee(self, hub_code):
        """Someone else of the hub to give a report to: care staff, or another manager."""
        manager = self.manager(hub_code)
        others = [user for user in self.staff.get(hub_code, []) if user != manager]
        others.sort(key=lambda user: (user.role != Role.CARE_STAFF, user.email))
        return others[0] if others else manager

    def heads_of(self, building):
        """The heads of the building's current households that may report, by code."""
        if building.pk not in self.heads:
            self.heads[building.pk] = list(
                Member.objects.current()
                .filter(relation="head", household__tenancy_end__isnull=True,
                        household__unit__building=building)
                .exclude(household__in=self.avoid)
                .select_related("household__unit__building").order_by("household__code"))
        return self.heads[building.pk]

    def account(self, member):
        """The household head's account: existing, or one without a password."""
        if member.fiscal_code not in self.accounts:
            User = get_user_model()
            user = User.objects.filter(fiscal_code=member.fiscal_code).first()
            if user is None:
                user = user_create(
                    email=f"{member.household.code.lower()}@{NEIGHBOUR_DOMAIN}", password=None,
                    hashed_password=self.unusable, role=Role.TENANT,
                    first_name=member.first_name, last_name=member.last_name,
                    fiscal_code=member.fiscal_code, acting_user=self.acting_user)
            self.accounts[member.fiscal_code] = user
        return self.accounts[member.fiscal_code]

    def elsewhere(self, story):
        """The buildings of the other hubs, a different hub first for each story: where a
        small register, which has buildings at a few hubs only, tells the others' stories."""
        hubs = sorted(code for code in self.buildings if code != story.hub)
        if not hubs:
            return []
        start = STORIES.index(story) % len(hubs)
        return [building for code in hubs[start:] + hubs[:start]
                for building in self.buildings[code]]

    def photo(self, look):
        self.photos += 1
        return demo_photo(look, self.photos)


def create_demo_reports(*, tenant=None, now=None, seed=1, acting_user="seed_demo") -> int:
    """Tell the demo's STORIES through the services, at dates counted back from `now`; the same
    seed picks the same households. `tenant`: the demo tenant of San Siro, whose building the
    HOME stories are about. Returns how many reports were made (none if there are reports
    already)."""
    if Report.objects.exists():
        return 0
    world = _World(tenant=tenant, now=now or timezone.now(), seed=seed, acting_user=acting_user)
    with transaction.atomic():
        for story in STORIES:
            report = _tell(story, world)
            if report is not None:
                world.made[story.key] = report
    return len(world.made)


def _tell(story, world):
    merge_into = next((step[2] for step in story.steps if step[1] == "merge"), None)
    if merge_into is not None:
        if merge_into not in world.made:
            return None
        buildings = [world.made[merge_into].building]
    elif story.hub == HOME:
        buildings = [world.home] if world.home is not None else []
    else:
        options = world.buildings.get(story.hub, [])
        # The story's building first, then the hub's others, then any hub's: a small register
        # may leave a building without households, or a hub without buildings.
        start = story.building % len(options) if options else 0
        buildings = options[start:] + options[:start] + world.elsewhere(story)
    mine = story.mine and world.household is not None
    for building in buildings:
        where = _reporter(story, world, building, mine=mine)
        if where is not None:
            break
    else:
        return None
    acting, household, member = where
    hub = building.hub.code
    created = world.now - dt.timedelta(days=story.age)
    report = services.report_create(
        category=world.categories[story.category], place=story.place, description=story.text,
        acting_user=acting, household=household if acting.role != Role.TENANT else None,
        building=building, photos=[world.photo(look) for look in story.photos], now=created)
    clock = _Clock(created, world.now)
    _follow(story, world, report, building, exclude=household, at=clock.at(0.5))
    manager = world.manager(hub)
    for hours, action, *args in story.steps:
        at = clock.at(hours)
        if action == "status":
            status, public, internal = args
            report = services.report_change_status(
                report=report, status=status, acting_user=manager, public_message=public,
                internal_note=internal, now=at)
        elif action == "reject":
            report = services.report_change_status(
                report=report, status=S.REJECTED, acting_user=manager, reason=args[0], now=at)
        elif action == "merge":
            report = services.report_change_status(
                report=report, status=S.MERGED, acting_user=manager,
                merge_into=world.made[args[0]], public_message=args[1], now=at)
        elif action == "reply":
            services.report_reply(report=report, message=args[0], acting_user=manager, now=at)
        elif action == "note":
            services.report_note(report=report, note=args[0], acting_user=manager, now=at)
        elif action == "assign":
            report = services.report_assign(report=report, assignee=world.assignee(hub),
                                            acting_user=manager, now=at)
        elif action == "contractor":
            name, instructions, with_contact = args
            world.orders[story.key] = services.report_send_to_contractor(
                report=report, contractor=world.contractor(name), acting_user=manager,
                instructions=instructions, with_contact=with_contact, now=at)
            report.refresh_from_db()
        elif action == "answer":
            reference, answer, cost, invoice = args
            services.work_order_record(order=world.orders[story.key], acting_user=manager,
                                       contractor_reference=reference, answer=answer,
                                       cost_eur=cost or None, invoice=invoice, now=at)
        elif action == "fixed":
            answering = world.tenant if mine else world.account(member)
            report = services.report_answer_fixed(report=report, fixed=args[0],
                                                  comment=args[1], acting_user=answering,
                                                  now=at)
        else:  # pragma: no cover - a typo in STORIES
            raise ValueError(f"Unknown step {action!r} in the demo story {story.key}")
    return report


def _reporter(story, world, building, *, mine):
    """(acting user, household, household head) for the story in `building`, or None if the
    building has nobody who could report it."""
    hub = building.hub.code
    if mine:
        return world.tenant, world.household, None
    if story.by == ROUND and story.place != P.FLAT:
        acting = world.rounds(hub)
        return (acting, None, None) if acting is not None else None
    heads = [head for head in world.heads_of(building)
             if world.household is None or head.household_id != world.household.pk]
    if not heads:
        return None
    member = world.rng.choice(heads)
    if story.by == DESK:
        acting = world.manager(hub)
        return (acting, member.household, member) if acting is not None else None
    return world.account(member), member.household, member


def _follow(story, world, report, building, *, exclude, at):
    """Other households of the building follow a report about a common area; the demo tenant
    follows the one marked for them."""
    if report.place == P.FLAT:
        return
    others = [head for head in world.heads_of(building)
              if head.household != exclude
              and (world.household is None or head.household_id != world.household.pk)]
    for head in others[:story.followers]:
        services.report_follow(report=report, acting_user=world.account(head), now=at)
    if story.followed_by_me and world.tenant is not None and world.household is not None \
            and world.household != exclude:
        services.report_follow(report=report, acting_user=world.tenant, now=at)


class _Clock:
    """The times of a story's steps: `hours` after the report, in order, never in the future."""

    def __init__(self, start, now):
        self.start, self.now, self.last = start, now, start

    def at(self, hours):
        moment = min(self.start + dt.timedelta(hours=hours), self.now - dt.timedelta(minutes=1))
        self.last = max(moment, self.last + dt.timedelta(seconds=1))
        return self.last
