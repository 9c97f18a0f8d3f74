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
