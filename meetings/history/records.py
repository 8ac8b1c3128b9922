"""Change records read for a History page: every source in one query, the rows their fields
point to in one query per kind of row, an agenda item's sessions in one query; and each value
as staff read it (the related row's name, the choice's label, a UN date)."""

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = "—"
LONGEST = 300  # characters of a text shown before "…"
# The rows a label needs to name a related row without a query of its own.
RELATED_SELECTED = {"meetings.segment": ("agenda_item",)}


@dataclass(frozen=True)
class Source:
    """Change records of one model shown on a page: the page's own object's, or the rows of
    its programme, named in each entry (`subject`). `omit`: fields not listed when a row is
    added (the meeting a session belongs to, on that meeting's page)."""

    records: QuerySet
    subject: bool = False
    omit: tuple[str, ...] = ()


def cut(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def tracked_fields(history_model) -> list[models.Field]:
    """The original model's fields the records keep, as staff read them: no key, no JSON."""
    model = history_model.instance_type
    return [
        model._meta.get_field(tracked.name)
        for tracked in history_model.tracked_fields
        if not tracked.primary_key and not isinstance(tracked, models.JSONField)
    ]


def m2m_fields(history_model) -> list[models.ManyToManyField]:
    return list(getattr(history_model, "_history_m2m_fields", []))


def _through(history_model, m2m: models.ManyToManyField):
    name = f"{history_model.__name__}_{m2m.name}"
    for relation in history_model._meta.related_objects:
        if relation.related_model.__name__ == name:
            return relation.related_model
    raise LookupError(name)


class Loaded:
    """The records of every source, the related rows they name and their many-to-many rows."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self.sources = [
            (
                source,
                list(
                    source.records.select_related("history_user").order_by(
                        "id", "history_date", "history_id"
                    )
                ),
            )
            for source in sources
        ]
        wanted: dict[type[models.Model], set] = defaultdict(set)
        self.m2m: dict[tuple[type, int], dict[str, frozenset]] = defaultdict(dict)
        for source, records in self.sources:
            history_model = source.records.model
            for model_field in tracked_fields(history_model):
                if model_field.many_to_one or model_field.one_to_one:
                    wanted[model_field.related_model].update(
                        getattr(record, model_field.attname) for record in records
                    )
            for m2m in m2m_fields(history_model):
                rows = self._m2m_rows(history_model, m2m, records)
                wanted[m2m.related_model].update(itertools.chain.from_iterable(rows.values()))
        self.related: dict[tuple[type, object], models.Model] = {}
        for model, pks in wanted.items():
            pks.discard(None)
            if not pks:
                continue
            rows = model._base_manager.filter(pk__in=pks)
            if selected := RELATED_SELECTED.get(model._meta.label_lower):
                rows = rows.select_related(*selected)
            self.related.update({(model, row.pk): row for row in rows})

    def _m2m_rows(self, history_model, m2m, records) -> dict[int, frozenset]:
        through = _through(history_model, m2m)
        target = f"{get_m2m_reverse_field_name(m2m)}_id"
        found: dict[int, set] = defaultdict(set)
        history_ids = [record.history_id for record in records]
        if history_ids:
            for history_id, pk in through.objects.filter(history_id__in=history_ids).values_list(
                "history_id", target
            ):
                found[history_id].add(pk)
        rows = {record.history_id: frozenset(found[record.history_id]) for record in records}
        for record in records:
            self.m2m[(history_model, record.history_id)][m2m.name] = rows[record.history_id]
        return rows

    def name_of(self, model: type[models.Model], pk) -> str:
        if pk is None or pk == "":
            return EMPTY
        row = self.related.get((model, pk))
        if row is None:
            return _("#%(pk)s, since deleted") % {"pk": pk}
        return str(row)

    def shown(self, model_field: models.Field, value) -> str:
        """A value as staff read it: the related row's name, the choice's label, a UN date."""
        if value is None or value == "":
            return EMPTY
        if model_field.many_to_one or model_field.one_to_one:
            return self.name_of(model_field.related_model, value)
        if model_field.flatchoices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return _("yes") if value else _("no")
        if isinstance(model_field, models.DateTimeField):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return formats.date_format(local, "j F Y, H.i")
        if isinstance(model_field, models.DateField):
            return formats.date_format(value, "j F Y")
        if isinstance(model_field, models.TimeField):
            return value.strftime("%H.%M")
        if isinstance(model_field, models.FileField):
            return PurePosixPath(str(value)).name
        return cut(str(value))

    def shown_many(self, m2m: models.ManyToManyField, pks: frozenset) -> str:
        names = sorted(self.name_of(m2m.related_model, pk) for pk in pks)
        return "; ".join(names) if names else EMPTY

    def label(self, record) -> str:
        """ "Session “Morning session, 2012-02-09 10.00 – 13.00”": the row as it was."""
        # Not record.instance: it reads the fields the records leave out from the row, a query.
        history_model = type(record)
        instance = history_model.instance_type(
            **{
                tracked.attname: getattr(record, tracked.attname)
                for tracked in history_model.tracked_fields
            }
        )
        for model_field in instance._meta.concrete_fields:
            if model_field.many_to_one:
                row = self.related.get(
                    (model_field.related_model, getattr(instance, model_field.attname))
                )
                if row is not None:
                    instance._state.fields_cache[model_field.name] = row
        try:
            name = str(instance)
        except ObjectDoesNotExist:
            name = f"#{record.id}"
        verbose = capfirst(instance._meta.verbose_name)
        return str(format_lazy("{} “{}”", verbose, name))
