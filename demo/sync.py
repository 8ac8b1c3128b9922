"""How the demo writes: every row found by a natural key and saved only when a field differs.

`row_sync` is what makes `load_demo` safe to rerun: a second run finds every row as it left it
and changes nothing; a row staff edited since is put back as the demo has it.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from accounts.models import User
from meetings.models import Meeting


@dataclass
class DemoLoad:
    """What a run did: rows created, updated or found unchanged per kind, and the demo users."""

    counts: dict[str, Counter] = field(default_factory=dict)
    meeting: Meeting | None = None
    eleventh: Meeting | None = None
    admin: User | None = None
    admin_password: str | None = None
    admin_note: str = ""
    focal_point: User | None = None
    focal_point_password: str | None = None
    focal_point_note: str = ""
    notes: list[str] = field(default_factory=list)  # one line per meeting's registration

    def tally(self, label: str, outcome: str) -> None:
        self.counts.setdefault(label, Counter())[outcome] += 1

    @property
    def totals(self) -> Counter:
        return sum(self.counts.values(), Counter())

    def count_lines(self) -> list[str]:
        """One line per kind of row: how many were created, updated or found unchanged."""
        return [
            f"  {label}  {counter['created']} created, {counter['updated']} updated, "
            f"{counter['unchanged']} unchanged"
            for label, counter in self.counts.items()
        ]

    def lines(self) -> list[str]:
        totals = self.totals
        return [
            f"Demo meetings: {totals['created']} created, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged.",
            *self.count_lines(),
            *self.notes,
            self.admin_note,
            self.focal_point_note,
        ]


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        return getattr(instance, model_field.attname) != (value.pk if value else None)
    return getattr(instance, name) != value


def _is_empty(instance: models.Model, name: str) -> bool:
    return getattr(instance, instance._meta.get_field(name).attname) is None


def row_sync[M: models.Model](
    result: DemoLoad,
    model: type[M],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    defaults: dict[str, Any] | None = None,
) -> M:
    """Find the row by its natural key; create it, or save it only if a field differs.

    `defaults` fill a field the row has no value for (every field of a new row, a null one of an
    existing row) and never replace a value: staff may have changed it since.
    """
    defaults = defaults or {}
    instance = model._default_manager.filter(**lookup).order_by("pk").first()
    label = str(model._meta.verbose_name_plural)
    if instance is None:
        instance = model(**lookup, **defaults, **values)
        outcome = "created"
    else:
        changed = {name: value for name, value in values.items() if _differs(instance, name, value)}
        changed |= {name: value for name, value in defaults.items() if _is_empty(instance, name)}
        if not changed:
            result.tally(label, "unchanged")
            return instance
        for name, value in changed.items():
            setattr(instance, name, value)
        outcome = "updated"
    instance.full_clean()
    instance.save()
    result.tally(label, outcome)
    return instance
