"""How long participants' records are kept: as long as the European Social Fund's audit rules
require, never less (casa/core/retention.py; docs/decisions.md, "Retention"). Documents are
kept five years from 31 December of the year of the last payment (Reg. (EU) 2021/1060 art.
82); CASA counts from 31 December of the year the funded project ends, the last payment being
no earlier. While that runs nothing is touched, whatever the other periods. Then a participant
is pseudonymised: the fiscal code becomes "#<id>", the link to the register and the special
categories go, the date of birth keeps its year; the project, hub, entry and exit dates,
gender, labour-market status and education stay, so the counts do.

Indicator snapshots (IndicatorSnapshot) hold figures, not people: no policy touches them, so
what was reported for a period stays what it was."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, TruncYear

from casa.core import retention

# Five years, counted from 31 December of the project's last year (from_year_end).
MONTHS = 60
PSEUDONYM_PREFIX = "#"


def pseudonymise_participants(participants):
    participants.update(
        fiscal_code=Concat(Value(PSEUDONYM_PREFIX), Cast("pk", CharField())),
        member=None, birth_date=TruncYear("birth_date"), disability=None,
        foreign_background=None, minority=None, homeless=None)


retention.declare(
    "participants.participant", model="participants.Participant",
    counts_from="project__ends_on", from_year_end=True, months=MONTHS,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_participants,
    still_personal=~Q(fiscal_code__startswith=PSEUDONYM_PREFIX), minimum_months=MONTHS,
    description="participants of funded projects whose ESF+ period has ended",
)
