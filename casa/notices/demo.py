"""Demo notices, published through the real service by the demo's staff: one to every tenant,
one to each hub that has a Community Manager, and an urgent one (no heating) to the first
building of the first of them, so that the demo shows notices new and read, urgent messages in
the outbox, and the receipts. Safe to run twice (nothing is published again)."""

import datetime as dt

from django.utils import timezone

from .models import Notice
from .services import notice_publish

EVERYONE = ("Benvenuti nell'app CASA",
            "Da qui trovate gli avvisi per il vostro palazzo, gli eventi degli Spazi CASA e le "
            "vostre domande. Per aiuto con l'app, passate allo sportello digitale del vostro "
            "Spazio CASA.")
HUB = ("Assemblea degli inquilini",
       "Giovedì alle 18 nella sala comune dello Spazio CASA: lavori alle facciate, pulizia "
       "delle parti comuni, raccolta differenziata. Vi aspettiamo.")
URGENT = ("Niente riscaldamento: guasto alla caldaia",
          "La caldaia centrale è guasta. I tecnici sono al lavoro e il riscaldamento dovrebbe "
          "tornare entro domani sera. Chi ha bisogno di aiuto (persone anziane, bambini "
          "piccoli) chiami lo Spazio CASA.")


def create_demo_notices(*, programme_manager, managers):
    """Publish the demo notices (none if there are already notices). `managers` are
    Community Managers; each publishes to their first hub. Returns the notices published."""
    if Notice.objects.exists():
        return []
    now = timezone.now()
    published = [notice_publish(title=EVERYONE[0], body=EVERYONE[1], audience="everyone",
                                published_from=now - dt.timedelta(days=6),
                                acting_user=programme_manager)]
    for manager in managers:
        hub = manager.hubs.order_by("name").first()
        if hub is None:
            continue
        published.append(notice_publish(title=HUB[0], body=HUB[1], audience="hub", hub=hub,
                                        published_from=now - dt.timedelta(days=2),
                                        acting_user=manager))
    first = next((m for m in managers if m.hubs.exists()), None)
    building = (first.hubs.order_by("name").first().buildings.order_by("code").first()
                if first else None)
    if building is not None:
        published.append(notice_publish(title=URGENT[0], body=URGENT[1], audience="building",
                                        building=building, urgent=True, acting_user=first))
    return published
