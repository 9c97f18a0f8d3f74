"""Django's task decorator: built into Django 6, from the django-tasks backport on 5.2. The same
`@task` code runs on both."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

__all__ = ["task"]
