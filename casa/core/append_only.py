"""Rows written once and never changed or removed: the audit trail, a report's history, a case
file's contacts and handovers. One mechanism for all of them, so that a new log gets the same
guards by inheriting `AppendOnlyModel`:

- saving a row that exists already, or deleting a row, raises `AppendOnlyError`;
- so do `update()` and `delete()` on the model's querysets (`objects` and related managers).

The one deliberate change, retention (casa/core/retention.py), blanks or removes expired rows
through `Model._base_manager`, a plain manager without these guards, inside its batch's
transaction. On PostgreSQL the audit trail is guarded by a trigger as well (docs/deployment.md).
"""

from django.db import models


class AppendOnlyError(TypeError):
    """A write that would change or remove a row of an append-only model."""


def _refuse(model):
    raise AppendOnlyError(f"{model._meta.verbose_name} is append-only: rows are added, never "
                          "changed or removed.")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse(self.model)

    def delete(self):
        _refuse(self.model)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(type(self))
