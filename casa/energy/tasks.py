"""Background work for the energy contribution: inviting many households at once."""

import datetime as dt

try:  # Django 6 has the task framework built in; Django 5.2 uses the django-tasks backport.
    from django.tasks import task
except ImportError:
    from django_tasks import task


@task()
def invite_eligible_households(call_id, on, actor_id=None, actor_label="system"):
    """Invite every eligible household not invited yet (services.invite_eligible), in batches
    of one transaction each; returns how many were invited."""
    from casa.accounts.models import User

    from .models import Call
    from .services import invite_eligible

    call = Call.objects.get(pk=call_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    run = invite_eligible(call=call, on=dt.date.fromisoformat(on),
                          acting_user=actor or actor_label, inline_limit=None)
    return run.count


@task()
def recompute_households(household_ids, actor_label="import_registry"):
    """Recompute the approved decisions of these households on their new heating charges
    (review.recompute_household), one transaction per household; returns how many decisions
    were recomputed."""
    from casa.registry.models import Household

    from .models import Call
    from .review import allocate_waitlist, recompute_household

    count = 0
    released = set()
    for household in Household.objects.filter(pk__in=household_ids).order_by("pk"):
        results = recompute_household(household=household, acting_user=actor_label,
                                      allocate=False)
        count += len(results)
        released.update(r.application.call_id for r in results if r.new_amount < r.old_amount)
    # The released budget goes to the waiting lists once, after every household.
    for call in Call.objects.filter(pk__in=released):
        allocate_waitlist(call=call, acting_user=actor_label)
    return count
