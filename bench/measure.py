"""What the bench measures: a registry of pages (HTTP requests) and jobs (batch work).

A capability adds its own measurements next to these:

    @page("organization_list", user="kemlu")
    def _(ctx: Context) -> str:
        return "/en/organizations/?q=" + ctx.search_word

    @job("permit_expiry_reminders")
    def _(ctx: Context) -> dict:
        return {"sent": services.send_reminders()}  # runs in a transaction rolled back after

Pages are requested with django.test.Client (the whole middleware stack and template
rendering, no network): warm-ups first, their queries counted with CaptureQueriesContext,
then `repeat` timed requests without query capture. A page marked `optional` whose URL
answers 404 is recorded as missing instead of failing the run (a capability not built yet).
"""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mitra.accounts.models import User
from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.regions.models import Province

from .dataset import SEARCH_WORD


@dataclass
class Context:
    """Objects the measurements point at, looked up once per run."""

    agreement_with_chain: int
    province: int
    search_word: str = SEARCH_WORD


@dataclass
class Page:
    name: str
    url: Callable[[Context], str]
    user: str | None  # a demo username, or None for an anonymous visitor
    optional: bool = False
    description: str = ""


@dataclass
class Job:
    name: str
    run: Callable[[Context], Any]
    description: str = ""
    # False for a job that must commit (the task worker closes the connection, which would
    # end the enclosing transaction): it cleans up after itself instead.
    rollback: bool = True


PAGES: dict[str, Page] = {}
JOBS: dict[str, Job] = {}


def page(name: str, *, user: str | None, optional: bool = False) -> Callable:
    def register(url: Callable[[Context], str]) -> Callable[[Context], str]:
        PAGES[name] = Page(name, url, user, optional, (url.__doc__ or "").strip())
        return url

    return register


def job(name: str, *, rollback: bool = True) -> Callable:
    def register(run: Callable[[Context], Any]) -> Callable[[Context], Any]:
        JOBS[name] = Job(name, run, (run.__doc__ or "").strip(), rollback)
        return run

    return register


# --- pages ----------------------------------------------------------------------------------
@page("dashboard", user="kemendagri")
def _dashboard(ctx: Context) -> str:
    """Kemendagri officer's dashboard (a big agency: thousands of agreements)."""
    return "/en/dashboard/"


@page("agreement_list", user="kemendagri")
def _agreement_list(ctx: Context) -> str:
    """Agreement list filtered by status=active and a province, first page."""
    return f"/en/agreements/?status=active&province={ctx.province}"


@page("agreement_search", user="kemendagri")
def _agreement_search(ctx: Context) -> str:
    """Agreement list searched for a word of many partners' names."""
    return f"/en/agreements/?q={ctx.search_word}"


@page("agreement_detail", user="kemendagri")
def _agreement_detail(ctx: Context) -> str:
    """An agreement at the end of a renewal chain, with its history and forms."""
    return f"/en/agreements/{ctx.agreement_with_chain}/"


@page("public_directory", user=None)
def _public_directory(ctx: Context) -> str:
    """Public directory of organizations with their active agreements, anonymous."""
    return "/en/directory/"


@page("register_lookup", user=None)
def _register_lookup(ctx: Context) -> str:
    """Public izin prinsip register searched by a word of many names, anonymous."""
    return f"/en/register/?q={ctx.search_word}"


@page("api_agreement_list", user="kemendagri", optional=True)
def _api_agreement_list(ctx: Context) -> str:
    """REST API list of agreements, first page."""
    return "/api/v1/agreements/"


@page("compliance_dashboard", user="kemendagri")
def _compliance_dashboard(ctx: Context) -> str:
    """Compliance dashboard by partner ministry (reports, activities, beneficiaries, funds)."""
    return "/en/dashboard/compliance/"


@page("activity_map", user="kemendagri")
def _activity_map(ctx: Context) -> str:
    """Map of activities by province (one aggregate over the activity–province link)."""
    return "/en/dashboard/map/"


@page("notification_list", user="kemendagri")
def _notification_list(ctx: Context) -> str:
    """Kemendagri officer's notifications, first page (25,000 of their own among 200,000)."""
    return "/en/notifications/"


@page("secretariat_home", user="kemlu")
def _secretariat_home(ctx: Context) -> str:
    """The TPOA secretariat's home (Kemlu): queues by stage, overdue reviews, unlicensed ormas."""
    return "/en/dashboard/"


@page("member_home", user="ktln")
def _member_home(ctx: Context) -> str:
    """A member agency's home (Biro KTLN): reviews due with countdowns, staff, meetings."""
    return "/en/dashboard/"


@page("region_home", user="jateng")
def _region_home(ctx: Context) -> str:
    """A province's home (Jawa Tengah): N5 notices, activities in its territory, RKTs."""
    return "/en/dashboard/"


@page("organization_home", user="ford")
def _organization_home(ctx: Context) -> str:
    """A foreign organization's home (Ford Foundation): reports, extension, queries, sanctions."""
    return "/en/dashboard/"


# Licensing at national scale (issue 13 §7): 10,000 applications, 60,000 member reviews.
@page("reviewer_inbox", user="ktln")
def _reviewer_inbox(ctx: Context) -> str:
    """A TPOA member's review inbox (Biro KTLN for Kemensetneg: a few hundred open reviews),
    soonest due first, first page."""
    return "/en/permits/reviews/"


@page("secretariat_queue", user="kemlu")
def _secretariat_queue(ctx: Context) -> str:
    """The TPOA secretariat's queue (Kemlu): every open application of its track, oldest stage
    first, with each one's open member reviews; first page."""
    return "/en/permits/applications/"


@page("public_statistics", user=None)
def _public_statistics(ctx: Context) -> str:
    """Public processing times: median and 90th percentile of days per stage and case type over
    every finished stage visit (51,655 of the data set's 71,600), anonymous."""
    return "/en/permits/statistics/"


@page("compliance_dashboard_operator", user="operator")
def _compliance_dashboard_operator(ctx: Context) -> str:
    """The operator's compliance dashboard (everything: 50,000 agreements, 500,000 activities),
    by partner ministry, the default dimension."""
    return "/en/dashboard/compliance/"


# The page's other dimensions (`?by=`), each measured on its own.
for _dimension in ("organization", "agreement", "region"):
    page(f"compliance_operator_by_{_dimension}", user="operator")(
        lambda ctx, by=_dimension: f"/en/dashboard/compliance/?by={by}"
    )


# Risk indicators (issue 17 §4): the supervisor's list at national scale (2,000 organizations),
# read from the rows the daily job computes (docs/dev/risk.md); computed once with the data set.
@page("risk_list", user="kemlu")
def _risk_list(ctx: Context) -> str:
    """The TPOA secretariat's risk list (Kemlu): every organization's indicators sorted by the
    weighted sum in SQL, first page of 50, from the daily job's rows. Target p95 < 150 ms."""
    from mitra.risk.models import OrganizationRisk
    from mitra.risk.services import risk_indicators_refresh

    if not OrganizationRisk.objects.exists():
        risk_indicators_refresh()
    return "/en/risk/"


@job("risk_refresh_s")
def _risk_refresh(ctx: Context) -> Any:
    """The daily risk job over the national data set: every organization's indicators in a
    fixed number of aggregate queries, rows replaced (rolled back)."""
    from mitra.risk.services import risk_indicators_refresh

    return {"organizations": risk_indicators_refresh()}


# --- jobs -----------------------------------------------------------------------------------
@job("deadline_scan_s")
def _deadline_scan(ctx: Context) -> Any:
    """The daily deadline scan over the national data set: what the reminder task
    (`deadlines.tasks.send_deadline_reminders`) runs, `reminders_send()`, whole (every
    provider's deadlines in both languages, a notice per reminder due). Target < 10 s; the
    notices are rolled back. The result: the job's own counts."""
    from mitra.deadlines.services import reminders_send

    return reminders_send()


@job("agreement_refresh_statuses")
def _refresh_statuses(ctx: Context) -> Any:
    """Daily job: activate signed agreements that started, expire ended ones."""
    from mitra.agreements.services import agreement_refresh_statuses

    return agreement_refresh_statuses()


@job("extract_docs_per_s")
def _extract_docs_per_s(ctx: Context) -> Any:
    """Press extractor throughput: items of 2,000 characters per second on one core (CPU time).

    Uses the development press items from ../shared when present, else the demo story's text.
    """
    from pathlib import Path

    from mitra.intake.extraction.bench import measure_docs_per_second

    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "press" / "dev"
    texts = [p.read_text(encoding="utf-8")[:2000] for p in sorted(shared.glob("*.txt"))]
    if not texts:
        texts = [
            "Jakarta, Kamis (4/4/2024) - Kementerian Dalam Negeri memperpanjang kerja sama "
            "dengan UCLG ASPAC selama lima tahun dan Ford Foundation selama tiga tahun. " * 12
        ]
    return round(measure_docs_per_second(texts, min_seconds=2.0), 1)


_EXPORT: dict[str, Any] = {}


def _export_activities() -> dict[str, Any]:
    """Stream the activities export (CSV, the open data writer and columns) of EVERY activity
    (not only the public ones, so the size is the data set's 500,000) to /dev/null once;
    rows written and the tracemalloc peak."""
    if not _EXPORT:
        import tracemalloc

        from mitra.portal import opendata
        from mitra.workplans.models import Activity

        tracemalloc.start()
        try:
            with open("/dev/null", "wb") as sink:
                rows = opendata.count_rows(
                    opendata.DATASETS["activities"],
                    "csv",
                    sink,
                    queryset=opendata._activities(Activity.objects.all()),
                )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        _EXPORT.update(rows=rows, peak_mb=round(peak / (1024 * 1024), 2))
    return _EXPORT


@job("export_rows")
def _export_rows(ctx: Context) -> Any:
    """Open data: rows written by the streamed activities export (CSV to /dev/null)."""
    return _export_activities()["rows"]


@job("export_peak_mb")
def _export_peak_mb(ctx: Context) -> Any:
    """Open data: peak Python memory (tracemalloc, MB) while streaming the activities export."""
    return _export_activities()["peak_mb"]


NOTIFY_JOB_NOTICES = 10_000
_NOTIFY: dict[str, Any] = {}


def _deliver_10k() -> dict[str, Any]:
    """10,000 pending notices emailed through the task worker: queued in batches of 500
    (as notify() queues them on commit) and run by `db_worker --batch` (django-tasks-db), the
    email built and handed to a backend that drops it (no SMTP server here). Seconds and the
    tracemalloc peak."""
    if not _NOTIFY:
        import tracemalloc

        from django.core.management import call_command
        from django.test import override_settings
        from django_tasks_db.models import DBTaskResult

        from mitra.notifications.models import Notice
        from mitra.notifications.services import enqueue_delivery

        users = list(User.objects.filter(is_active=True).exclude(email="").order_by("pk"))
        queued_before = set(DBTaskResult.objects.values_list("pk", flat=True))
        notices = Notice.objects.bulk_create(
            Notice(
                user=users[i % len(users)],
                event="bench.delivery",
                key=f"bench.delivery:{i}",
                title=f"Bench notice {i}",
                url="/en/dashboard/",
            )
            for i in range(NOTIFY_JOB_NOTICES)
        )
        ids = [n.pk for n in notices]
        dropped = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
        database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with override_settings(TASKS=database, MAILERS=dropped):
            tracemalloc.start()
            started = time.perf_counter()
            try:
                enqueue_delivery(ids)
                call_command(
                    "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
                )
                seconds = time.perf_counter() - started
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        sent = Notice.objects.filter(pk__in=ids, email_status=Notice.Email.SENT).count()
        # The worker commits (it cannot run inside the rolled-back job transaction): remove
        # what this job added so the data set stays as built.
        Notice.objects.filter(event="bench.delivery").delete()
        DBTaskResult.objects.exclude(pk__in=queued_before).delete()
        if sent != len(ids):
            raise RuntimeError(f"notify_10k: {sent} of {len(ids)} notices were emailed")
        _NOTIFY.update(seconds=round(seconds, 1), peak_mb=round(peak / (1024 * 1024), 2))
    return _NOTIFY


@job("notify_10k_s", rollback=False)
def _notify_10k_s(ctx: Context) -> Any:
    """Seconds to deliver 10,000 notices through the worker (target < 60 s)."""
    return _deliver_10k()["seconds"]


@job("notify_10k_peak_mb", rollback=False)
def _notify_10k_peak_mb(ctx: Context) -> Any:
    """Peak Python memory (tracemalloc, MB) while the worker delivers the 10,000 notices."""
    return _deliver_10k()["peak_mb"]


# --- running --------------------------------------------------------------------------------
def build_context() -> Context:
    """The Kemendagri agreement with the longest chain; the province with most agreements."""
    kemendagri = GovernmentBody.objects.get(key="kemendagri")
    longest = (
        Agreement.objects.filter(owner=kemendagri, chain_root__isnull=False)
        .values("chain_root")
        .annotate(n=Count("id"))
        .order_by("-n", "chain_root")
        .first()
    )
    if longest is None:
        raise RuntimeError("No Kemendagri renewal chain in the data set.")
    last = (
        Agreement.objects.filter(chain_root=longest["chain_root"]).order_by("-start_date").first()
    )
    province = (
        Province.objects.annotate(n=Count("agreement")).order_by("-n", "code").values("id").first()
    )
    if last is None or province is None:
        raise RuntimeError("The data set has no agreements or provinces.")
    ensure_notices()
    return Context(agreement_with_chain=last.pk, province=province["id"])


NOTICES_TOTAL = 200_000
NOTICES_KEMENDAGRI = 25_000


def ensure_notices() -> None:
    """National-scale notices (once, kept with the data set): 200,000 in all, 25,000 of them
    the Kemendagri officer's, a third unread, spread over two years."""
    from datetime import timedelta

    from django.utils import timezone

    from mitra.notifications.models import Notice

    if Notice.objects.filter(event="bench.seed").count() >= NOTICES_TOTAL:
        return
    Notice.objects.filter(event="bench.seed").delete()
    officer = User.objects.get(username="kemendagri")
    others = list(User.objects.exclude(pk=officer.pk).order_by("pk"))
    now = timezone.now()

    def rows():  # type: ignore[no-untyped-def]
        for i in range(NOTICES_TOTAL):
            user = officer if i < NOTICES_KEMENDAGRI else others[i % len(others)]
            created = now - timedelta(minutes=5 * i)
            yield Notice(
                user=user,
                event="bench.seed",
                key=f"bench.seed:{i}",
                title=f"Application BENCH/{i} was submitted",
                url="/en/permits/",
                created_at=created,
                read_at=None if i % 3 == 0 else created,
                email_status=Notice.Email.SENT,
            )

    batch: list = []
    with transaction.atomic():
        for notice in rows():
            batch.append(notice)
            if len(batch) == 5000:
                Notice.objects.bulk_create(batch)
                batch = []
        Notice.objects.bulk_create(batch)


@dataclass
class PageResult:
    queries: int | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None
    cpu_p50_ms: float | None = None
    status: int = 200
    url: str = ""
    missing: bool = False
    slowest_queries: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, verbose: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "queries": self.queries,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "mean_ms": self.mean_ms,
            "max_ms": self.max_ms,
            "cpu_p50_ms": self.cpu_p50_ms,
            "url": self.url,
        }
        if self.missing:
            data = {"missing": True, "status": self.status, "url": self.url}
        if verbose and self.slowest_queries:
            data["slowest_queries"] = self.slowest_queries
        return data


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def slowest_queries(client: Client, url: str, top: int = 3) -> list[dict[str, Any]]:
    """Each SELECT of one request run again 5 times, rows fetched (on SQLite the work happens
    while fetching, which CaptureQueriesContext's timings leave out); the costliest first."""
    recorded: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    costs = []
    with connection.cursor() as cursor:
        for sql, params in recorded:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            best = float("inf")
            for _ in range(5):
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                best = min(best, (time.perf_counter() - started) * 1000)
            costs.append({"ms": round(best, 2), "sql": sql[:300], "params": repr(params)[:100]})
    return sorted(costs, key=lambda c: -c["ms"])[:top]


def measure_page(
    p: Page, ctx: Context, *, repeat: int, warmup: int, profile: bool = False
) -> PageResult:
    client = Client()
    if p.user is not None:
        client.force_login(User.objects.get(username=p.user))
    url = p.url(ctx)
    result = PageResult(url=url)
    counts = []
    for _ in range(max(1, warmup)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured.captured_queries))
        if response.status_code == 404 and p.optional:
            return PageResult(missing=True, status=404, url=url)
        if response.status_code != 200:
            raise RuntimeError(f"{p.name}: {url} answered {response.status_code}")
    if len(set(counts[1:] or counts)) > 1:
        raise RuntimeError(f"{p.name}: the number of queries varies between requests: {counts}")
    result.queries = counts[-1]
    # As a worker does at start (config/wsgi.py): what is loaded by now is collected once and
    # frozen, so a full collection during the timed requests scans only what they allocate.
    gc.collect()
    gc.freeze()
    if profile:
        result.slowest_queries = slowest_queries(client, url)
    timings, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{p.name}: {url} answered {response.status_code}")
    result.p50_ms = round(statistics.median(timings), 1)
    result.p95_ms = round(percentile(timings, 0.95), 1)
    result.mean_ms = round(statistics.fmean(timings), 1)
    result.max_ms = round(max(timings), 1)
    result.cpu_p50_ms = round(statistics.median(cpu), 1)
    return result


class _Rollback(Exception):
    pass


def measure_job(j: Job, ctx: Context) -> dict[str, Any]:
    """Run once inside a transaction that is rolled back, so the data set stays as built (a job
    with `rollback=False` commits and removes what it added itself)."""
    outcome: dict[str, Any] = {}
    if not j.rollback:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            outcome["result"] = j.run(ctx)
            outcome["seconds"] = round(time.perf_counter() - started, 3)
            outcome["queries"] = len(captured.captured_queries)
        return outcome
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            value = j.run(ctx)
            outcome["seconds"] = round(time.perf_counter() - started, 3)
            outcome["queries"] = len(captured.captured_queries)
            outcome["result"] = value
            raise _Rollback
    except _Rollback:
        pass
    return outcome
