"""Demo FSE+ participants (issue 11): the participants come by themselves from the demo's
support (cases opened, appointments with an outcome, activities attended, assisted
applications: registry.signals.support_given); here the demo Community Manager of San Siro
completes, through the real service, what the register cannot give for two in three of their
hub's participants (labour-market status at entry, education), so that the indicators have
figures for every group and the participants page still lists some with missing data. Safe
to run twice (nothing is done once a participant of theirs is completed)."""

from __future__ import annotations

from django.db import transaction

from .models import Education, LabourStatus
from .selectors import visible_participants
from .services import participant_complete

LABOUR = (LabourStatus.UNEMPLOYED, LabourStatus.INACTIVE, LabourStatus.EMPLOYED,
          LabourStatus.LONG_TERM_UNEMPLOYED)
EDUCATION = (Education.ISCED_0_2, Education.ISCED_3_4, Education.ISCED_0_2,
             Education.ISCED_5_8)


def complete_demo_participants(*, manager) -> int:
    """`manager` (a Community Manager) completes two in three of the participants they see
    that have neither status nor education yet, in entry order. Returns how many."""
    if manager is None or visible_participants(manager).exclude(labour_status="").exists():
        return 0  # no manager, or done already
    todo = list(visible_participants(manager).filter(labour_status="", education="")
                .order_by("entry_date", "id"))
    completed = 0
    with transaction.atomic():
        for index, participant in enumerate(todo):
            if index % 3 == 2:
                continue  # left for the participants page's "missing data"
            participant_complete(participant=participant, acting_user=manager,
                                 labour_status=LABOUR[index % len(LABOUR)],
                                 education=EDUCATION[index % len(EDUCATION)])
            completed += 1
    return completed
