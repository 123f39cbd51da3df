"""The compliance dashboard's numbers read from the per-agreement tallies (issue 13 §7,
docs/dev/performance.md): `monitoring.ReportTally` and `FundTally`, `workplans.
AgreementActivityTally`. Each part is one GROUP BY over the tally rows of the viewer's
agreements, joined to what groups them (owner, foreign parties, provinces) and labelled after
grouping: a few hundred label lookups instead of one per agreement.

Plain SQL from the models' own table and column names: the ORM joins a tally to the parties
or provinces only through the agreement table, whose wide rows were most of the cost (its
pages read once per agreement: 0.5 s for the regions). The scope is the Django-compiled
subquery of `owned_agreement_ids` / `visible_agreement_ids`; values travel as parameters.

Used by `compliance.compliance_overview` only when the tallies count as of the day asked for.
Every number equals today's queries (`tests/test_compliance_tally.py` runs the reference test
both ways)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.querysets import owned_agreement_ids, visible_agreement_ids
from mitra.bodies.models import GovernmentBody
from mitra.monitoring.models import FundTally, ReportTally
from mitra.organizations.models import ForeignOrganization
from mitra.regions.models import Province
from mitra.workplans.models import AgreementActivityTally

REPORT_SUMS = {name: name for name in ("total", "on_time", "late", "missing")}
# Result name → the roll-up's column (the names `compliance._TALLY_SUMS` gives).
ROLLUP_SUMS = {
    "total": "activities",
    "planned": "planned_count",
    "started": "started_count",
    "completed": "completed_count",
    "planned_sum": "planned_beneficiaries",
    "actual_sum": "actual_beneficiaries",
    "planned_female_sum": "planned_female",
    "actual_female_sum": "actual_female",
}
LABELS: dict[str, tuple[type[Model], str]] = {
    "organization": (ForeignOrganization, "legal_name"),
    "agreement": (Agreement, "title"),
    "ministry": (GovernmentBody, "name"),
    "region": (Province, "name"),
}
CENTS = Decimal("0.01")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _q(model._meta.db_table)


def _column(model: type[Model], field: str) -> str:
    column = getattr(model._meta.get_field(field), "column", None)
    assert isinstance(column, str), field  # a concrete field  # noqa: S101
    return _q(column)


def _col(model: type[Model], field: str, alias: str = "t") -> str:
    return f"{alias}.{_column(model, field)}"


def _scope(viewer: Any, own: bool) -> tuple[str, list[Any]] | None:
    """SECURITY: the agreements counted, exactly as `monitoring.selectors.compliance_reports`
    and the activity scope of `compliance`: own agreements (`owned_agreement_ids`), or all the
    viewer may see (operators: every one, None here). Deny by default: raises EmptyResultSet
    for a viewer who sees nothing."""
    if own:
        ids = owned_agreement_ids(viewer)
    elif getattr(viewer, "is_authenticated", False) and viewer.is_active and viewer.is_operator:
        return None
    else:
        ids = visible_agreement_ids(viewer)
    sql, params = ids.query.sql_with_params()
    return sql, list(params)


def _grouping(by: str, model: type[Model], *, by_province_column: bool) -> tuple[str, str]:
    """(joins, key) grouping the tally rows `t` of `model` by `by`. Regions: the rows' own
    province (`by_province_column`) or the agreement's provinces."""
    agreement = _col(model, "agreement")
    if by == "ministry":
        a = _table(Agreement)
        return f"JOIN {a} a ON {_col(Agreement, 'id', 'a')} = {agreement}", _col(
            Agreement, "owner", "a"
        )
    if by == "organization":
        party = _col(AgreementParty, "organization", "p")
        joins = (
            f"JOIN {_table(AgreementParty)} p ON {_col(AgreementParty, 'agreement', 'p')} = "
            f"{agreement} AND {party} IS NOT NULL"
        )
        return joins, party
    if by == "region":
        if by_province_column:
            return "", _col(model, "province")
        through = Agreement.provinces.through
        joins = f"JOIN {_table(through)} ap ON {_col(through, 'agreement', 'ap')} = {agreement}"
        return joins, _col(through, "province", "ap")
    return "", agreement


def _rows(
    model: type[Model],
    viewer: Any,
    own: bool,
    by: str | None,
    sums: dict[str, str],
    where: list[str],
    *,
    by_province_column: bool = False,
    currency: bool = False,
    groups: list[int] | None = None,
) -> list[dict[str, Any]]:
    """Per group of `by` (None: one row for all), the sums of the tally columns `sums`
    (result name → column) over the viewer's rows matching `where`, with the group's label;
    `groups`: only those groups (their keys)."""
    try:
        scope = _scope(viewer, own)
    except EmptyResultSet:
        return []
    if groups is not None and not groups:
        return []
    conditions, params = list(where), []
    if scope is not None:
        conditions.append(f"{_col(model, 'agreement')} IN ({scope[0]})")
        params += scope[1]
    joins, key = (
        ("", "") if by is None else _grouping(by, model, by_province_column=by_province_column)
    )
    if groups is not None:
        conditions.append(f"{key} IN ({', '.join(['%s'] * len(groups))})")
        params += groups
    keys = [f"{key} AS key_id"] if by else []
    if currency:
        keys.append(f"{_col(model, 'currency')} AS currency")
    summed = [f"SUM({_col(model, column)}) AS {_q(name)}" for name, column in sums.items()]
    sql = (
        f"SELECT {', '.join(keys + summed)} FROM {_table(model)} t {joins} "  # noqa: S608 - names from the models
        f"WHERE {' AND '.join(conditions) or '1 = 1'}"
    )
    if keys:
        sql += f" GROUP BY {', '.join(str(n + 1) for n in range(len(keys)))}"
    if by is not None:
        labelled, label = LABELS[by]
        sql = (
            f"SELECT g.*, l.{_column(labelled, label)} AS label "  # noqa: S608
            f"FROM ({sql}) g LEFT JOIN {_table(labelled)} l ON l.{_q('id')} = g.key_id"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def report_rows(
    *, viewer: Any, by: str, own: bool, groups: list[int] | None = None
) -> list[dict[str, Any]]:
    """As `monitoring.selectors.report_compliance`, from the report tally."""
    where = [f"{_col(ReportTally, 'total')} > 0"]
    rows = _rows(ReportTally, viewer, own, by, REPORT_SUMS, where, groups=groups)
    return [_ints(r, REPORT_SUMS) for r in rows]


def report_totals(*, viewer: Any, own: bool) -> dict[str, int]:
    rows = _rows(ReportTally, viewer, own, None, REPORT_SUMS, [])
    return _ints(rows[0] if rows else {}, REPORT_SUMS)


def fund_rows(
    *, viewer: Any, by: str, own: bool, groups: list[int] | None = None
) -> list[dict[str, Any]]:
    """As `monitoring.selectors.funds_disclosed` (`total` per group and currency), from the
    fund tally; regions by the lines' own province (lines without one are in no region)."""
    where = [f"{_col(FundTally, 'province')} IS NOT NULL"] if by == "region" else []
    sums = {"total": "amount", "lines": "lines"}
    rows = _rows(
        FundTally,
        viewer,
        own,
        by,
        sums,
        where,
        by_province_column=True,
        currency=True,
        groups=groups,
    )
    return [r | {"total": _decimal(r["total"]), "lines": int(r["lines"])} for r in rows]


def fund_totals(*, viewer: Any, own: bool) -> dict[str, Decimal]:
    """All the viewer's disclosed funds per currency (one sum each, rounded once)."""
    sums = {"total": "amount"}
    rows = _rows(FundTally, viewer, own, None, sums, [], currency=True)
    return {r["currency"]: _decimal(r["total"]) for r in rows}


def _activity_where(by: str | None) -> list[str]:
    province = _col(AgreementActivityTally, "province")
    return [
        f"{_col(AgreementActivityTally, 'activities')} > 0",
        f"{province} IS {'NOT ' if by == 'region' else ''}NULL",
    ]


def activity_rows(
    *, viewer: Any, by: str, own: bool, groups: list[int] | None = None
) -> list[dict[str, Any]]:
    """As `compliance.activity_progress`, from the agreements' roll-up (with `behind`)."""
    sums = ROLLUP_SUMS | {"behind": "behind"}
    rows = _rows(
        AgreementActivityTally,
        viewer,
        own,
        by,
        sums,
        _activity_where(by),
        by_province_column=True,
        groups=groups,
    )
    return [_ints(r, sums) for r in rows]


def busiest(*, viewer: Any, by: str, own: bool, limit: int) -> tuple[list[int], int]:
    """The groups of `by` that can be among the `limit` busiest of the viewer's (most reports
    and activities, `ComplianceRow.weight`), and how many groups the dashboard shows (any
    report, activity or disclosure in the tallies). Every group tied with the `limit`-th is
    included, so the caller's own ordering (weight, then label) picks the same rows it would
    from all of them. For the dimensions with thousands of groups (agreements, organizations):
    the page otherwise read and sorted every group's rows in Python to show fifty."""
    try:
        scope = _scope(viewer, own)
    except EmptyResultSet:
        return [], 0
    parts: list[str] = []
    params: list[Any] = []
    sources: tuple[tuple[type[Model], str, list[str]], ...] = (
        (ReportTally, "total", [f"{_col(ReportTally, 'total')} > 0"]),
        (AgreementActivityTally, "activities", _activity_where(by)),
        (FundTally, "", []),
    )
    for model, weight, where in sources:
        joins, key = _grouping(by, model, by_province_column=True)
        conditions = list(where)
        if scope is not None:
            conditions.append(f"{_col(model, 'agreement')} IN ({scope[0]})")
            params += scope[1]
        parts.append(
            f"SELECT {key} AS key_id, {_col(model, weight) if weight else '0'} AS weight "  # noqa: S608
            f"FROM {_table(model)} t {joins} WHERE {' AND '.join(conditions) or '1 = 1'}"
        )
    grouped = (
        f"SELECT key_id, SUM(weight) AS weight FROM ({' UNION ALL '.join(parts)}) u "  # noqa: S608
        "WHERE key_id IS NOT NULL GROUP BY key_id"
    )
    sql = (
        f"WITH g AS ({grouped}) SELECT key_id, (SELECT COUNT(*) FROM g) FROM g "  # noqa: S608
        "WHERE weight >= COALESCE("
        "(SELECT weight FROM g ORDER BY weight DESC LIMIT 1 OFFSET %s), 0)"
    )
    params.append(max(limit, 1) - 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [], 0
    return [key for key, _count in rows], int(rows[0][1])


def activity_totals(*, viewer: Any, own: bool) -> dict[str, int]:
    province = _col(AgreementActivityTally, "province")
    rows = _rows(AgreementActivityTally, viewer, own, None, ROLLUP_SUMS, [f"{province} IS NULL"])
    return _ints(rows[0] if rows else {}, ROLLUP_SUMS)


def _ints(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The sums as ints (0 for none; SQLite and PostgreSQL return them as different types)."""
    return row | {name: int(row.get(name) or 0) for name in names}


def _decimal(value: Any) -> Decimal:
    """A sum of amounts as the ORM gives it: SQLite sums them as floats, rounded to cents."""
    if isinstance(value, float):
        return Decimal(value).quantize(CENTS)
    return Decimal(value or 0)
