"""Scale benchmark (issue 9): does the product slow down as the record grows?

    python bench/scale.py [--small 10000] [--large 1000000] [--history 20] [--smoke]

One run on the configured database (SQLite var/bench.sqlite3 by default; DATABASE_URL for
PostgreSQL), each figure beside its baseline from the same run:

1. the demo's reference data, then the newest ``--small`` cases of a planned record of
   ``--large`` (two history rows each): the list API, measured;
2. the record grown to ``--large`` cases: the list API again (ratio to step 1, same query
   count at page size 10 and 100), the coordinator's dashboard and the summary statistics
   against a plain ``COUNT(*)`` of the case table, the board as of a date, a case's history
   page (table of 2 rows per case);
3. the history grown to ``--history`` rows per case: the same history pages (ratio);
4. transitions per second through the service layer, and through HTTP under gunicorn
   against the trivial view ``/healthz`` on the same server;
5. the report of a Rakor with 1,000 cases; minutes parsing in pages per second.

Every request is checked for its status code: a figure for an error page is no figure.
``--smoke`` runs everything at a tiny size and writes nothing (CI: ``make bench-smoke``).
Results go to stdout (JSON) and, unless ``--no-write``, to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta

import dataset
from common import ROOT, fresh_database, machine, stopwatch, write_section
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from accounts.models import User
from cases import clock, services
from cases.models import Case, CaseStatus, Directive, Rakor

SAMPLES = 25


# --- timing ------------------------------------------------------------------------------------


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn, *, samples: int = SAMPLES, warm: int = 2) -> dict:
    for _ in range(warm):
        fn()
    seconds = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return {
        "p50_ms": round(percentile(seconds, 0.5) * 1000, 2),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 2),
    }


class Browser:
    """An in-process client logged in as one user; every answer must be 200."""

    def __init__(self, username: str) -> None:
        self.user = User.objects.get(username=username)
        self.client = Client()
        self.client.force_login(self.user)

    def get(self, url: str, **params) -> object:
        response = self.client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} {params} → {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    def measure(self, url: str, samples: int = SAMPLES, cold: bool = False, **params) -> dict:
        """p50/p95 of ``samples`` requests, their database time and query count. ``cold``:
        Django's cache is emptied before each request (the dashboard's counts are cached)."""
        connection.queries_log.clear()  # a full log (9,000 entries) would count nothing
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            self.get(url, **params)
        count = len(queries)  # now: the log is read lazily and the next request clears it
        clock_db = DbTime()
        database: list[float] = []

        def one() -> None:
            clock_db.seconds = 0.0
            if cold:
                cache.clear()
            self.get(url, **params)
            database.append(clock_db.seconds)

        with connection.execute_wrapper(clock_db):
            result = timed(one, samples=samples)
        result["queries"] = count
        # time spent in the database (the rest is Python: view, serializer, template)
        result["db_p50_ms"] = round(percentile(database[-samples:], 0.5) * 1000, 2)
        return result


class DbTime:
    """An execute wrapper adding up the time of every query."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


# --- the list API ------------------------------------------------------------------------------


def list_cases(browser: Browser, params: dict) -> dict:
    return browser.get("/api/v1/cases/", **params).json()


def list_queries(large: bool) -> dict[str, dict]:
    """The list API's filters and orderings, each with parameters valid on this record."""
    case = Case.objects.filter(pk__gt=dataset.OFFSET).order_by("-pk").first()
    directive = Directive.objects.get(pk=case.directive_id)
    kecamatan = Case.objects.filter(area__parent__isnull=False).values("area__parent").first()
    due = dataset.NOW - timedelta(days=30)
    return {
        "default (due_at)": {},
        "page_size=10": {"page_size": 10},
        "page_size=100": {"page_size": 100},
        "ordering=-updated_at": {"ordering": "-updated_at"},
        "ordering=-escalation_level": {"ordering": "-escalation_level"},
        "status=in_progress": {"status": "in_progress"},
        "organization": {"organization": case.organization_id},
        "area (kecamatan)": {"area": kecamatan["area__parent"]},
        "type": {"type": directive.directive_type_id},
        "rakor": {"rakor": directive.rakor_id},
        "directive": {"directive": directive.pk},
        "overdue=true": {"overdue": "true"},
        "due_before": {"due_before": due.isoformat()},
        "escalation_level_min=1": {"escalation_level_min": 1},
        "q=drainase": {"q": "drainase"},
        "q, a word found nowhere": {"q": "Kedungasem-Tegalsiwalan"},
    }


def measure_list(coordinator: Browser, officer: Browser) -> dict:
    out = {}
    for name, params in list_queries(large=False).items():
        out[name] = coordinator.measure("/api/v1/cases/", **params)
    # the second page, by the cursor of the first
    nxt = list_cases(coordinator, {})["next"]
    out["second page (cursor)"] = coordinator.measure(nxt)
    out["officer (own OPD)"] = officer.measure("/api/v1/cases/")
    return out


# --- the rest ------------------------------------------------------------------------------------


def count_star() -> dict:
    def run():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM cases_case")
            cursor.fetchone()

    return timed(run)


def history_pages(auditor: Browser, probes: list[int]) -> dict:
    """The API history and the auditor's timeline of the probe cases (20 rows each)."""

    def per_probe(url_for):
        results = [auditor.measure(url_for(pk), samples=5) for pk in probes]
        return {
            "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 2),
            "p95_ms": round(percentile([r["p95_ms"] for r in results], 0.95), 2),
            "db_p50_ms": round(statistics.median(r["db_p50_ms"] for r in results), 2),
            "queries": max(r["queries"] for r in results),
        }

    return {
        "api": per_probe(lambda pk: f"/api/v1/cases/{pk}/history/"),
        "timeline": per_probe(lambda pk: f"/audit/kasus/{pk}/"),
        "history_query_pages": history_query_pages(probes),
    }


def history_query_pages(probes: list[int]) -> int | None:
    """Median number of database pages (8 KB blocks, cache hits and reads) the timeline's
    history query touches on PostgreSQL (EXPLAIN ANALYZE BUFFERS): a count, so unlike a time
    it does not drift with what else the machine is doing. None on SQLite (no such count)."""
    if connection.vendor != "postgresql":
        return None
    from web.queries import HistoricalCase

    counts = []
    with connection.cursor() as cursor:
        for pk in probes:
            qs = HistoricalCase.objects.filter(id=pk).order_by("history_date", "history_id")
            sql, params = qs.query.sql_with_params()
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
            counts.append(plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0))
    return int(statistics.median(counts))


def measure_views(coordinator: Browser, auditor: Browser) -> dict:
    as_of = (dataset.NOW - timedelta(days=200)).astimezone(dataset.WIB)
    return {
        "count_star": count_star(),
        "dashboard": coordinator.measure("/dasbor/", samples=10, cold=True),
        "dashboard_cached": coordinator.measure("/dasbor/", samples=10),
        "summary": coordinator.measure("/api/v1/stats/summary/", samples=10),
        "board_as_of": auditor.measure("/audit/papan/", samples=10, pada=f"{as_of:%Y-%m-%d}"),
        "board_now": auditor.measure("/audit/papan/", samples=10),
    }


def transitions_service(n: int) -> dict:
    """hold then resume (the coordinator's), on ``n`` in-progress cases: 2n transitions."""
    actor = User.objects.get(username="koordinator")
    ids = list(
        Case.objects.filter(status=CaseStatus.IN_PROGRESS, pk__gt=dataset.OFFSET)
        .order_by("-pk")
        .values_list("pk", flat=True)[:n]
    )
    with stopwatch() as timer:
        for pk in ids:
            services.case_hold(case=pk, actor=actor, reason="Benchmark: tunda")
            services.case_resume(case=pk, actor=actor, reason="Benchmark: lanjut")
    return {
        "transitions": 2 * len(ids),
        "seconds": round(timer["seconds"], 3),
        "per_second": round(2 * len(ids) / timer["seconds"], 1),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def transitions_http(n: int, threads: int = 4, workers: int = 2) -> dict:
    """The same hold/resume pairs over HTTP (token auth) under gunicorn, and the trivial
    view on the same server with the same client, threads and request count."""
    import requests
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=User.objects.get(username="koordinator"))
    ids = list(
        Case.objects.filter(status=CaseStatus.IN_PROGRESS, pk__gt=dataset.OFFSET)
        .order_by("pk")
        .values_list("pk", flat=True)[:n]
    )
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):  # the workers import the whole project before they answer
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer /healthz")
        headers = {"Authorization": f"Token {token.key}"}
        errors: list[str] = []

        def run(parts: list[list[tuple]]) -> float:
            """One thread per part, each with its own connection, jobs in order."""

            def worker(part):
                session = requests.Session()
                for method, url, body in part:
                    r = session.request(method, base + url, json=body, headers=headers)
                    if r.status_code != 200:
                        errors.append(f"{method} {url} {r.status_code} {r.text[:200]}")

            pool = [threading.Thread(target=worker, args=(p,)) for p in parts]
            start = time.perf_counter()
            for t in pool:
                t.start()
            for t in pool:
                t.join()
            return time.perf_counter() - start

        trivial = [("GET", "/healthz", None)]
        run([trivial * 20] * threads)  # warm the workers
        # hold, then resume: a case's pair stays in one thread, in order
        parts = [[] for _ in range(threads)]
        for k, pk in enumerate(ids):
            parts[k % threads] += [
                ("POST", f"/api/v1/cases/{pk}/transitions/hold/", {"reason": "Benchmark"}),
                ("POST", f"/api/v1/cases/{pk}/transitions/resume/", {"reason": "Benchmark"}),
            ]
        requests_made = sum(len(p) for p in parts)
        transition_seconds = run(parts)
        trivial_seconds = run([trivial * len(p) for p in parts])
        if errors:
            raise SystemExit("HTTP errors: " + "; ".join(errors[:5]))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return {
        "workers": workers,
        "client_threads": threads,
        "requests": requests_made,
        "transitions_per_second": round(requests_made / transition_seconds, 1),
        "trivial_per_second": round(requests_made / trivial_seconds, 1),
        "overhead": round(transition_seconds / trivial_seconds, 1),
    }


def report_generation() -> dict:
    """The report (PDF + XLSX) of a Rakor with 1,000 cases, after one warm-up report of
    another Rakor (fonts and templates loaded once per process, as in a huey consumer)."""
    from rakor.models import RakorReport, ReportStatus
    from rakor.tasks import build_report

    def build(rakor: Rakor) -> RakorReport:
        report = RakorReport.objects.create(
            rakor=rakor,
            requested_by=User.objects.get(username="koordinator"),
            requested_at=clock.now(),
            as_of=clock.now(),
            status=ReportStatus.QUEUED,
            message="bench",
        )
        build_report(report.pk)
        report.refresh_from_db()
        if report.status != ReportStatus.DONE:
            raise SystemExit(f"report failed: {report.message}")
        return report

    # Rakor 1 and 2 back from the newest hold 1,000 cases each (bench/dataset.py)
    warm, measured = (
        Rakor.objects.get(series__code="bench", number=dataset.RAKOR_NUMBER_BASE - index)
        for index in (2, 1)
    )
    build(warm)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries, stopwatch() as timer:
        report = build(measured)
    return {
        "cases": Case.objects.filter(directive__rakor=measured).count(),
        "seconds": round(timer["seconds"], 2),
        "queries": len(queries),
        "pdf_kb": round(report.pdf.size / 1024),
        "xlsx_kb": round(report.xlsx.size / 1024),
    }


PAGE_CHARS = 3000  # a page of typed minutes (A4, 11 pt): about 3,000 characters


def minutes_parsing() -> dict:
    from rakor.lexicon import lexicon_from_db
    from rakor.minutes.parser import parse_minutes

    text = (ROOT / "rakor" / "demo" / "minutes-2026-01-28.txt").read_text()
    lexicon = lexicon_from_db()
    pages = len(text) / PAGE_CHARS
    meeting = dataset.NOW.date()
    runs = 20
    with stopwatch() as timer:
        for _ in range(runs):
            result = parse_minutes(text, lexicon=lexicon, meeting_date=meeting)
    return {
        "characters": len(text),
        "pages": round(pages, 2),
        "directives": len(result.drafts),
        "pages_per_second": round(runs * pages / timer["seconds"], 1),
        "ms_per_page": round(timer["seconds"] * 1000 / (runs * pages), 1),
    }


# --- EXPLAIN -----------------------------------------------------------------------------------


def explain_all() -> dict[str, str]:
    """The plan of the list API's query for every filter, and the sweep's."""
    plans = {}
    captured = {}
    browser = Browser("koordinator")
    for name, params in list_queries(large=True).items():
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            browser.get("/api/v1/cases/", **params)
        sql = [q["sql"] for q in queries if 'FROM "cases_case"' in q["sql"] and "LIMIT" in q["sql"]]
        captured[name] = sql[0] if sql else ""
    with connection.cursor() as cursor:
        for name, sql in captured.items():
            if not sql:
                continue
            prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            cursor.execute(prefix + sql)
            plans[name] = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    # the sweep's read of due work (cases.sweep._due_batch without the row lock)
    due = (
        Case.objects.filter(next_escalation_at__lte=dataset.NOW)
        .order_by("next_escalation_at", "pk")
        .values("pk", "organization__work_week")[:500]
    )
    plans["sweep: due cases"] = due.explain()
    return plans


# --- the run -----------------------------------------------------------------------------------


def ratio(a: float, b: float) -> float:
    return round(b / a, 2) if a else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=None)
    parser.add_argument("--history", type=int, default=20, help="history rows per case, end")
    parser.add_argument("--transitions", type=int, default=200, help="hold/resume pairs")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.large is None:
        args.large = 1_000_000 if connection.vendor == "postgresql" else 100_000
    if args.smoke:
        args.small, args.large, args.history, args.transitions = 200, 3000, 4, 8
        args.no_write = True
    reset_queries()

    with override_settings(DEBUG=False):
        report = run(args)
    print(json.dumps(report, indent=2, default=str))
    if not args.no_write:
        write_report(report)


def run(args) -> dict:
    fresh_database()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    probes = dataset.probe_ids(args.large)
    lo_id, hi_id = dataset.OFFSET + 1, dataset.OFFSET + args.large
    small_lo = hi_id - args.small + 1
    report: dict = {"machine": machine(), "sizes": vars(args).copy()}

    # 1. the newest ``small`` cases, two history rows each (probes: their full history)
    with stopwatch() as gen:
        dataset.grow_cases(args.small, planned_total=args.large, label="kasus (kecil)")
        dataset.grow_history(2, 2, ids=(small_lo, hi_id), exclude=probes, label="riwayat")
    coordinator, officer, auditor = (
        Browser("koordinator"),
        Browser("dpuprpkp.staf"),
        Browser("auditor"),
    )
    small = measure_list(coordinator, officer)
    views_small = {
        "dashboard": coordinator.measure("/dasbor/", samples=10, cold=True),
        "dashboard_cached": coordinator.measure("/dasbor/", samples=10),
        "summary": coordinator.measure("/api/v1/stats/summary/", samples=10),
    }

    # 2. the whole record
    with stopwatch() as gen2:
        dataset.grow_cases(args.large, planned_total=args.large, label="kasus (besar)")
        dataset.grow_history(2, 2, ids=(lo_id, small_lo - 1), exclude=probes, label="riwayat")
        for pk in probes:
            dataset.grow_history(2, args.history, ids=(pk, pk), label="", then_analyze=False)
        dataset.analyze()
    large = measure_list(coordinator, officer)
    views = measure_views(coordinator, auditor)
    history_small = dataset.history_count()
    pages_small = history_pages(auditor, probes[:10])

    # 3. the whole history
    with stopwatch() as gen3:
        dataset.grow_history(3, args.history, ids=(lo_id, hi_id), exclude=probes, label="riwayat")
    history_large = dataset.history_count()
    pages_large = history_pages(auditor, probes[:10])
    views["board_as_of_full_history"] = auditor.measure(
        "/audit/papan/",
        samples=10,
        pada=f"{(dataset.NOW - timedelta(days=200)).astimezone(dataset.WIB):%Y-%m-%d}",
    )

    report.update(
        cases_small=args.small,
        cases_large=Case.objects.count(),
        history_small=history_small,
        history_large=history_large,
        generation_seconds={
            "small": round(gen["seconds"], 1),
            "large": round(gen2["seconds"], 1),
            "history": round(gen3["seconds"], 1),
        },
        list_small=small,
        list_large=large,
        views=views,
        views_small=views_small,
        history_pages={"small": pages_small, "large": pages_large},
        transitions_service=transitions_service(args.transitions),
        transitions_http=transitions_http(args.transitions),
        report=report_generation(),
        minutes=minutes_parsing(),
        explain=explain_all(),
    )
    return report


def pages_line(small: dict, large: dict) -> str:
    a, b = small.get("history_query_pages"), large.get("history_query_pages")
    if a is None or b is None:
        return ""
    return (
        f"The timeline's query of the history rows touches {a} database pages on the small "
        f"table and {b} on the large one (median over the same cases; EXPLAIN ANALYZE "
        f"BUFFERS)."
    )


def write_report(report: dict) -> None:
    m = report["machine"]
    db = m["database"].split()[0]
    s, lg = report["list_small"], report["list_large"]
    verdict = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    rows = []
    for name in s:
        a, b = s[name], lg[name]
        r50, r95 = ratio(a["p50_ms"], b["p50_ms"]), ratio(a["p95_ms"], b["p95_ms"])
        rows.append(
            f"| {name} | {a['p50_ms']} / {a['p95_ms']} | {b['p50_ms']} / {b['p95_ms']} | "
            f"{r50}× / {r95}× | {a['queries']} / {b['queries']} | {verdict(r50 <= 1.5)} |"
        )
    v, vs = report["views"], report["views_small"]
    count = v["count_star"]["p50_ms"]
    hp_s, hp_l = report["history_pages"]["small"], report["history_pages"]["large"]
    ts, th = report["transitions_service"], report["transitions_http"]
    rp, mn = report["report"], report["minutes"]
    limit = 300
    body = f"""
Measured {m["date"]} on {m["cpu"]}, {m["cores"]} cores, {m["memory"]} RAM, Python
{m["python"]}, {m["database"]}. Command: `make bench` (`bench/scale.py`); generated
record: {report["cases_small"]:,} then {report["cases_large"]:,} cases, {report["history_small"]:,}
then {report["history_large"]:,} history rows (generation took
{report["generation_seconds"]["small"]} s, {report["generation_seconds"]["large"]} s and
{report["generation_seconds"]["history"]} s). Times are in-process (Django test client,
DEBUG off), p50 / p95 over {SAMPLES} requests unless noted.

**List API** `/api/v1/cases/` as the coordinator (sees every case) and an OPD officer,
{report["cases_small"]:,} vs {report["cases_large"]:,} cases (goal: ≤ 1.5× at p50, the same
number of queries):

| query | {report["cases_small"]:,}: p50 / p95 ms | {report["cases_large"]:,}: p50 / p95 ms | ratio p50 / p95 | queries | goal |
|---|---|---|---|---|---|
{chr(10).join(rows)}

**Dashboard and summary** at {report["cases_large"]:,} cases, against a plain `SELECT COUNT(*)`
of the case table (p50 {count} ms):

| page | p50 ms | p95 ms | of which database (p50) | queries | × COUNT(*) | at {report["cases_small"]:,} cases (p50) | goal ≤ {limit} ms |
|---|---|---|---|---|---|---|---|
| coordinator dashboard `/dasbor/`, counted (cache empty) | {v["dashboard"]["p50_ms"]} | {v["dashboard"]["p95_ms"]} | {v["dashboard"]["db_p50_ms"]} | {v["dashboard"]["queries"]} | {ratio(count, v["dashboard"]["p50_ms"])}× | {vs["dashboard"]["p50_ms"]} | {verdict(v["dashboard"]["p50_ms"] <= limit)} |
| the same, counts from the cache (record unchanged, same minute) | {v["dashboard_cached"]["p50_ms"]} | {v["dashboard_cached"]["p95_ms"]} | {v["dashboard_cached"]["db_p50_ms"]} | {v["dashboard_cached"]["queries"]} | {ratio(count, v["dashboard_cached"]["p50_ms"])}× | {vs["dashboard_cached"]["p50_ms"]} | {verdict(v["dashboard_cached"]["p50_ms"] <= limit)} |
| summary statistics `/api/v1/stats/summary/` | {v["summary"]["p50_ms"]} | {v["summary"]["p95_ms"]} | {v["summary"]["db_p50_ms"]} | {v["summary"]["queries"]} | {ratio(count, v["summary"]["p50_ms"])}× | {vs["summary"]["p50_ms"]} | {verdict(v["summary"]["p50_ms"] <= limit)} |
| board as of 200 days ago `/audit/papan/?pada=` ({report["history_small"]:,} history rows) | {v["board_as_of"]["p50_ms"]} | {v["board_as_of"]["p95_ms"]} | {v["board_as_of"]["db_p50_ms"]} | {v["board_as_of"]["queries"]} | {ratio(count, v["board_as_of"]["p50_ms"])}× | — | — |
| the same, {report["history_large"]:,} history rows | {v["board_as_of_full_history"]["p50_ms"]} | {v["board_as_of_full_history"]["p95_ms"]} | {v["board_as_of_full_history"]["db_p50_ms"]} | {v["board_as_of_full_history"]["queries"]} | {ratio(count, v["board_as_of_full_history"]["p50_ms"])}× | — | — |
| board now `/audit/papan/` | {v["board_now"]["p50_ms"]} | {v["board_now"]["p95_ms"]} | {v["board_now"]["db_p50_ms"]} | {v["board_now"]["queries"]} | {ratio(count, v["board_now"]["p50_ms"])}× | — | — |

The dashboard keeps its ten counts in Django's cache (Redis in production) under a key of
the newest case history id and the minute (`web.queries.dashboard_cached`): any change to
any case, or the next minute, counts afresh. The first row is the page when the counts must
be made (each request with the cache emptied), the second when the record has not changed
since the last look.

**A case's history page** ({report["sizes"]["history"]} rows on the page), history table of
{report["history_small"]:,} vs {report["history_large"]:,} rows (median over 10 cases;
goal ≤ 1.3×):

| page | small table p50 / p95 ms (database) | large table p50 / p95 ms (database) | ratio p50 (database) | queries | goal |
|---|---|---|---|---|---|
| API `/api/v1/cases/<id>/history/` (events) | {hp_s["api"]["p50_ms"]} / {hp_s["api"]["p95_ms"]} ({hp_s["api"]["db_p50_ms"]}) | {hp_l["api"]["p50_ms"]} / {hp_l["api"]["p95_ms"]} ({hp_l["api"]["db_p50_ms"]}) | {ratio(hp_s["api"]["p50_ms"], hp_l["api"]["p50_ms"])}× ({ratio(hp_s["api"]["db_p50_ms"], hp_l["api"]["db_p50_ms"])}×) | {hp_l["api"]["queries"]} | {verdict(ratio(hp_s["api"]["p50_ms"], hp_l["api"]["p50_ms"]) <= 1.3)} |
| auditor's timeline `/audit/kasus/<id>/` (events + history rows) | {hp_s["timeline"]["p50_ms"]} / {hp_s["timeline"]["p95_ms"]} ({hp_s["timeline"]["db_p50_ms"]}) | {hp_l["timeline"]["p50_ms"]} / {hp_l["timeline"]["p95_ms"]} ({hp_l["timeline"]["db_p50_ms"]}) | {ratio(hp_s["timeline"]["p50_ms"], hp_l["timeline"]["p50_ms"])}× ({ratio(hp_s["timeline"]["db_p50_ms"], hp_l["timeline"]["db_p50_ms"])}×) | {hp_l["timeline"]["queries"]} | {verdict(ratio(hp_s["timeline"]["p50_ms"], hp_l["timeline"]["p50_ms"]) <= 1.3)} |

The API page reads the events, a table the history load does not grow: its ratio is the
drift of the machine between the two measurements, the control for the timeline's.
{pages_line(hp_s, hp_l)}

**Transitions** (hold, then resume, by the coordinator; each writes the case, an event, a
history row, the hold and the workflow task):

| path | figure | baseline | overhead |
|---|---|---|---|
| service layer (`cases.services`), one thread | {ts["per_second"]} transitions/s ({ts["transitions"]} in {ts["seconds"]} s) | — | — |
| HTTP, gunicorn {th["workers"]} workers, {th["client_threads"]} client threads on the same machine | {th["transitions_per_second"]} transitions/s ({th["requests"]} requests) | trivial view `/healthz`, same server and client: {th["trivial_per_second"]} requests/s | {th["overhead"]}× |

**Report and minutes:**

| work | figure |
|---|---|
| report (PDF + XLSX) of a Rakor with {rp["cases"]:,} cases | {rp["seconds"]} s, {rp["queries"]} queries, PDF {rp["pdf_kb"]} KB, XLSX {rp["xlsx_kb"]} KB |
| minutes parsing (`rakor/demo/minutes-2026-01-28.txt`, {mn["characters"]:,} characters = {mn["pages"]} pages of {PAGE_CHARS:,}) | {mn["pages_per_second"]} pages/s ({mn["ms_per_page"]} ms a page, {mn["directives"]} directives) |

<details><summary>Query plans at {report["cases_large"]:,} cases (list API filters and the sweep)</summary>

{chr(10).join(f"**{name}**{chr(10)}{chr(10)}```{chr(10)}{plan}{chr(10)}```{chr(10)}" for name, plan in report["explain"].items())}
</details>
"""
    write_section(ROOT / "docs" / "benchmarks.md", f"Scale — {db}", body)


if __name__ == "__main__":
    main()
