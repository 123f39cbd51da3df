"""The import's writes (issue 17 §1, §5), called only by `services.iati_import` inside its
transactions: one batch of parsed activities at a time.

Per batch: one query for the stored hashes of the batch's identifiers; unchanged activities are
skipped without touching their rows; new ones are inserted and changed ones updated with one
`executemany` each; the child rows of changed ones are deleted and every child table gets one
`executemany`. Values go to the driver as the ORM would send them (dates, Decimals, JSON through
the backend's own adapters) but without building model instances: on ~190,000 child rows the
ORM's per-value preparation was most of the import's time (docs/dev/iati.md, "Speed").
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from django.db import connection
from django.utils import timezone

from mitra.organizations.models import normalise_name

from . import locations
from .models import (
    Activity,
    ActivityOrganization,
    ActivitySector,
    Budget,
    DocumentLink,
    ImportRun,
    Location,
    Narrative,
    PlannedDisbursement,
    Recipient,
    Transaction,
)
from .parse import ParsedActivity

CHILDREN: list[tuple[str, type[Any]]] = [
    ("organizations", ActivityOrganization),
    ("narratives", Narrative),
    ("recipients", Recipient),
    ("sectors", ActivitySector),
    ("locations", Location),
    ("budgets", Budget),
    ("planned_disbursements", PlannedDisbursement),
    ("transactions", Transaction),
    ("documents", DocumentLink),
]
ACTIVITY_FIELDS = [
    "iati_version",
    "raw_xml",
    "content_hash",
    "import_run",
    "last_updated",
    "default_currency",
    "language",
    "reporting_org_ref",
    "reporting_org_type",
    "reporting_org_name",
    "title",
    "status",
    "planned_start",
    "actual_start",
    "planned_end",
    "actual_end",
    "indonesia_share",
    "in_indonesia",
]


# Entries in each of the writer's caches of repeated values (kept small: memory, §5).
CACHE_SIZE = 256


class Writer:
    """Writes batches of one import run; keeps what is worth keeping across batches (the
    location crosswalk, normalised organization names, the prepared statements)."""

    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.crosswalk = locations.crosswalk()
        self.name_keys: dict[str, str] = {}
        self.tables = {model: _Table(model) for _name, model in CHILDREN}
        self.activity = _Table(Activity, exclude=("id",))
        self.activity_update = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
            _quote(Activity._meta.db_table),
            ", ".join(f"{_quote(column)} = %s" for column in self.activity.columns),
            _quote(Activity._meta.pk.column or "id"),
        )

    def store(self, batch: list[ParsedActivity]) -> None:
        """Write one batch (the caller holds the transaction)."""
        run = self.run
        existing = {
            identifier: (pk, digest)
            for identifier, pk, digest in self._known([a.identifier for a in batch])
        }
        new: list[ParsedActivity] = []
        changed: list[tuple[int, ParsedActivity]] = []
        for parsed in batch:
            known = existing.get(parsed.identifier)
            if known is None:
                new.append(parsed)
            elif known[1] == parsed.hash:
                run.unchanged_count += 1
            else:
                changed.append((known[0], parsed))
        if not new and not changed:
            return
        now = timezone.now()
        ids: dict[str, int] = {}
        with connection.cursor() as cursor:
            if changed:
                pks = [pk for pk, _parsed in changed]
                for _name, model in CHILDREN:
                    model.objects.filter(activity_id__in=pks).delete()
                cursor.executemany(
                    self.activity_update,
                    [(*self._activity_row(parsed, now), pk) for pk, parsed in changed],
                )
                ids.update((parsed.identifier, pk) for pk, parsed in changed)
                run.updated_count += len(changed)
            if new:
                cursor.executemany(
                    self.activity.insert, [self._activity_row(parsed, now) for parsed in new]
                )
                ids.update(
                    (identifier, pk)
                    for identifier, pk, _digest in self._known([p.identifier for p in new])
                )
                run.created_count += len(new)
            stored = [*new, *(parsed for _pk, parsed in changed)]
            for name, model in CHILDREN:
                rows: list[dict[str, Any]] = []
                for parsed in stored:
                    activity_id = ids[parsed.identifier]
                    for row in getattr(parsed, name):
                        row["activity_id"] = activity_id
                        rows.append(row)
                if rows:
                    if model is ActivityOrganization:
                        self._organizations(rows)
                    elif model is Location:
                        self._locations(rows)
                    cursor.executemany(self.tables[model].insert, self.tables[model].values(rows))

    def stored_identifiers(self, identifiers: list[str]) -> set[str]:
        """Those of `identifiers` that are stored."""
        sql = "SELECT {} FROM {} WHERE {} IN ({})".format(  # noqa: S608  (as in _known)
            _quote("identifier"),
            _quote(Activity._meta.db_table),
            _quote("identifier"),
            ", ".join(["%s"] * len(identifiers)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, identifiers)
            return {identifier for (identifier,) in cursor.fetchall()}

    def _known(self, identifiers: list[str]) -> list[tuple[str, int, str]]:
        """(identifier, id, hash) of the stored activities among `identifiers`."""
        table = Activity._meta.db_table
        # Names from the model's metadata, quoted; the identifiers are parameters.
        sql = "SELECT {}, {}, {} FROM {} WHERE {} IN ({})".format(  # noqa: S608
            _quote("identifier"),
            _quote("id"),
            _quote("content_hash"),
            _quote(table),
            _quote("identifier"),
            ", ".join(["%s"] * len(identifiers)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, identifiers)
            return cursor.fetchall()

    def _activity_row(self, parsed: ParsedActivity, now: Any) -> list[Any]:
        values = dict(self.activity.defaults)
        values.update(parsed.fields)
        values.update(
            {
                "identifier": parsed.identifier,
                "iati_version": parsed.version,
                "raw_xml": parsed.raw.decode("utf-8", errors="replace"),
                "content_hash": parsed.hash,
                "import_run_id": self.run.pk,
                "imported_at": now,
            }
        )
        return self.activity.row(values)

    def _organizations(self, rows: list[dict[str, Any]]) -> None:
        keys = self.name_keys
        for row in rows:
            name = row["name"]
            key = keys.get(name)
            if key is None:
                if len(keys) >= CACHE_SIZE:
                    keys.clear()
                key = keys[name] = normalise_name(name)[:500]
            row["name_key"] = key

    def _locations(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            row["province_id"], row["regency_id"], row["resolution"] = locations.resolve_values(
                row["administrative"], row["name"], self.crosswalk
            )


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class _Table:
    """INSERT of one model's columns (all but the primary key) from dicts keyed by attribute
    name; missing keys take the field's default. Values that need the backend's preparation
    (JSON, datetimes, and None for NOT NULL text) go through the field, as the ORM would."""

    def __init__(self, model: type[Any], exclude: tuple[str, ...] = ()) -> None:
        fields = [
            f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in exclude
        ]
        self.names = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.getter: Callable[[dict[str, Any]], tuple[Any, ...]] = itemgetter(*self.names)
        ops = connection.ops
        self.prepared: list[tuple[int, Callable[[Any], Any]]] = []
        for i, f in enumerate(fields):
            kind = f.get_internal_type()
            if kind == "JSONField":
                self.prepared.append((i, _Json(ops.adapt_json_value, f.encoder)))
            elif kind == "DateTimeField":
                self.prepared.append((i, ops.adapt_datetimefield_value))
        # Names from the model's own metadata, quoted; values are parameters.
        self.insert = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            _quote(model._meta.db_table),
            ", ".join(_quote(c) for c in self.columns),
            ", ".join(["%s"] * len(fields)),
        )

    def row(self, values: dict[str, Any]) -> list[Any]:
        return self.values([values])[0]

    def values(self, rows: list[dict[str, Any]]) -> list[list[Any]]:
        if rows and not self.defaults.keys() <= rows[0].keys():
            for row in rows:
                for name, default in self.defaults.items():
                    row.setdefault(name, default)
        getter = self.getter
        out = [list(getter(row)) for row in rows]
        for index, prepare in self.prepared:
            for values in out:
                values[index] = prepare(values[index])
        return out


class _Json:
    """JSON values as JSONField.get_db_prep_save gives them (None stays SQL NULL), remembered
    by content: organization names, document categories and languages repeat a lot."""

    def __init__(self, adapt: Callable[[Any, Any], Any], encoder: Any) -> None:
        self.adapt = adapt
        self.encoder = encoder
        self.seen: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        key = (dict, *value.items()) if isinstance(value, dict) else (list, *value)
        try:
            return self.seen[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable part (a nested list or dict)
            return self.adapt(value, self.encoder)
        if len(self.seen) >= CACHE_SIZE:
            self.seen.clear()
        adapted = self.seen[key] = self.adapt(value, self.encoder)
        return adapted
