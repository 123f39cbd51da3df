"""A record's history in words: audit events as sentences for the history tab.

"Owner changed from Kemendagri to Biro KTLN", "Renews MSP 2021–2024", "Created from intake
submission 12", each dated when it took effect ("17 March 2021 (recorded 6 December 2026)").
Ids in the events' before/after are resolved to names with one query per kind of related
record (owner bodies, renewed agreements, …), never one per event. The related model of a key
comes from the target's own model fields, so this module imports no domain app."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .events import event_label
from .models import AuditEvent
from .selectors import event_effective_on

EMPTY = "—"

# Keys of an event's data that are not shown as changes.
HIDDEN_KEYS = frozenset(
    {"warnings", "effective_on", "on", "version", "row_version", "search_text", "partner_names"}
)

# Labels that read better in a sentence than the field's verbose name.
FIELD_LABELS = {
    "owner": gettext_lazy("Owner"),
    "owner_unit": gettext_lazy("Owning unit"),
}

# Labels of data keys that are not model fields of the target.
KEY_LABELS = {
    "signatory": gettext_lazy("Signatory"),
    "party": gettext_lazy("Party"),
    "document": gettext_lazy("Document"),
    "reason": gettext_lazy("Reason"),
    "note": gettext_lazy("Note"),
    "body": gettext_lazy("Body"),
    "signatory_roles": gettext_lazy("Signatory roles"),
    "permit": gettext_lazy("Permit"),
    "permit_status": gettext_lazy("Permit status"),
    "deadline": gettext_lazy("Deadline"),
    "cover_problem": gettext_lazy("Cover problem"),
}


@dataclass
class HistoryEntry:
    """One event as shown: its label, its sentences and its dates."""

    event: AuditEvent
    label: str
    sentences: list[str] = field(default_factory=list)
    effective_on: date | None = None
    recorded_on: date | None = None

    @property
    def dated_differently(self) -> bool:
        """True when the event took effect on another day than it was recorded."""
        return self.effective_on is not None and self.effective_on != self.recorded_on

    @property
    def when(self) -> str:
        """ "17 March 2021 (recorded 6 December 2026)", or the recorded date and time."""
        if (
            self.effective_on is not None
            and self.recorded_on is not None
            and (self.effective_on != self.recorded_on)
        ):
            return _("%(effective)s (recorded %(recorded)s)") % {
                "effective": formats.date_format(self.effective_on, "DATE_FORMAT"),
                "recorded": formats.date_format(self.recorded_on, "DATE_FORMAT"),
            }
        local = timezone.localtime(self.event.occurred_at)
        return formats.date_format(local, "DATETIME_FORMAT")


def _target_model(event: AuditEvent) -> type[models.Model] | None:
    # get_for_id is cached: no query per event after the first of each kind.
    return ContentType.objects.get_for_id(event.target_ct_id).model_class()


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _changes(event: AuditEvent) -> tuple[dict[str, Any], dict[str, Any]]:
    data = event.data if isinstance(event.data, dict) else {}
    old = data.get("old") if isinstance(data.get("old"), dict) else {}
    new = data.get("new") if isinstance(data.get("new"), dict) else {}
    return old or {}, new or {}


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, (list, tuple)) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _resolve(events: Sequence[AuditEvent]) -> dict[type[models.Model], dict[int, models.Model]]:
    """Every related record the events name, one query per related model."""
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for event in events:
        model = _target_model(event)
        old, new = _changes(event)
        for values in (old, new):
            for key, value in values.items():
                related = _field(model, key)
                if related is not None and related.is_relation and related.related_model:
                    wanted[related.related_model].update(_ids(value))
    return {
        model: {obj.pk: obj for obj in model._base_manager.filter(pk__in=ids)}
        for model, ids in wanted.items()
        if ids
    }


def _name(obj: models.Model) -> str:
    """A record's name; with its years when it has a period ("MSP 2021–2024")."""
    short = getattr(obj, "short_name", None)
    text = short if isinstance(short, str) and short else str(obj)
    start, end = getattr(obj, "start_date", None), getattr(obj, "end_date", None)
    if isinstance(start, date) and isinstance(end, date):
        return f"{text} {start.year}–{end.year}"
    if isinstance(start, date):
        return f"{text} {start.year}"
    return text


def _display(
    value: Any,
    model_field: models.Field | None,
    names: dict[type[models.Model], dict[int, models.Model]],
) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if model_field is not None and model_field.is_relation and model_field.related_model:
        found = names.get(model_field.related_model, {})
        shown = [
            _name(found[pk]) if pk in found else _("#%(id)s (removed)") % {"id": pk}
            for pk in _ids(value)
        ]
        return ", ".join(shown) or EMPTY
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        try:
            return formats.date_format(date.fromisoformat(value[:10]), "DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or EMPTY
    return str(value)


def _label(key: str, model_field: models.Field | None) -> str:
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    if model_field is not None:
        return capfirst(str(model_field.verbose_name))
    return str(KEY_LABELS.get(key, capfirst(key.replace("_", " "))))


def _field_sentence(key: str, old: Any, new: Any, *, had_old: bool, label: str) -> str:
    """One sentence per field: the special wordings, then the general ones."""
    if key == "renews":
        if new != EMPTY:
            return _("Renews %(agreement)s") % {"agreement": new}
        return _("No longer a renewal (was renewing %(agreement)s)") % {"agreement": old}
    if not had_old:
        return _("%(field)s: %(new)s") % {"field": label, "new": new}
    if new == EMPTY:
        return _("%(field)s removed (was %(old)s)") % {"field": label, "old": old}
    if old == EMPTY:
        return _("%(field)s set to %(new)s") % {"field": label, "new": new}
    return _("%(field)s changed from %(old)s to %(new)s") % {
        "field": label,
        "old": old,
        "new": new,
    }


def _event_sentences(event: AuditEvent) -> list[str]:
    """Wordings for events whose data is not a before/after."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.event == "intake.record_created":
        return [
            _("Created from intake submission %(number)s")
            % {"number": data.get("submission", EMPTY)}
        ]
    return []


def _sentences(
    event: AuditEvent, names: dict[type[models.Model], dict[int, models.Model]]
) -> list[str]:
    sentences = _event_sentences(event)
    model = _target_model(event)
    old, new = _changes(event)
    creating = event.event.endswith((".created", ".recorded", ".registered")) and not old
    for key in [*new, *(k for k in old if k not in new)]:
        if key in HIDDEN_KEYS:
            continue
        model_field = _field(model, key)
        shown_new = _display(new.get(key), model_field, names)
        if creating and shown_new == EMPTY:
            continue  # a new record: only what it was given
        shown_old = _display(old.get(key), model_field, names)
        sentences.append(
            _field_sentence(
                key,
                shown_old,
                shown_new,
                had_old=key in old,
                label=_label(key, model_field),
            )
        )
    return sentences


def history_describe(events: Iterable[AuditEvent]) -> list[HistoryEntry]:
    """The events (newest first, as `audit_history` returns them) in words. Queries: one per
    kind of related record named (plus content types once, cached)."""
    events = list(events)
    names = _resolve(events)
    return [
        HistoryEntry(
            event=event,
            label=event_label(event.event),
            sentences=_sentences(event, names),
            effective_on=event_effective_on(event),
            recorded_on=timezone.localdate(event.occurred_at),
        )
        for event in events
    ]
