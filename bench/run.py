"""Measure the application against bare baselines on a seeded database; print a Markdown table.

    DATABASE_URL=... .venv/bin/python bench/run.py [--runs 5] [--warmup 1] [--only list,detail]

Each benchmark runs ``--warmup`` times, then ``--runs`` times alternating with its baseline
(so both see the same machine state); the table shows medians, the ratio and the target. The
query count comes from one extra run under ``CaptureQueriesContext`` (timed runs are not
captured: capturing costs time). Pages go through Django's test client with ``force_login``
and the whole middleware stack; so do their baseline views (bench/urls.py), so the ratio is
the cost of the view. Settings: ``bench.settings`` (production-like: DEBUG off, cached
templates). Seed the database first with bench/seed.py.
"""

import argparse
import datetime as dt
import gc
import io
import os
import statistics as stats
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import baselines  # noqa: E402
from customers.models import Customer  # noqa: E402

User = get_user_model()
PERSONAS = {"salesperson": "sales011", "clerk": "clerk01", "supervisor": "sup01", "manager": "mgr"}


@dataclass
class Result:
    name: str
    framework: float  # median seconds
    queries: object = None
    baseline: float | None = None
    baseline_queries: object = None
    target: float | None = None
    note: str = ""
    samples: dict = field(default_factory=dict)

    @property
    def ratio(self):
        return self.framework / self.baseline if self.baseline else None

    @property
    def ok(self):
        if self.target is None or self.ratio is None:
            return None
        return self.ratio <= self.target


# --- measuring --------------------------------------------------------------------------


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def compare(name, fn, base, *, runs, warmup, target=None, note="", queries=True):
    """Median time of ``fn`` and of ``base`` over ``runs`` alternating runs after warm-up."""
    for _i in range(warmup):
        fn()
        if base:
            base()
    # The collector is off while measuring (as timeit does) and garbage is collected once at
    # the end. A full collection before every call, as this script first did, walks the whole
    # heap and leaves the CPU caches cold for the call that follows: a cost no server pays
    # per request, and one that grows with the code a call runs (about +35% on a list page,
    # much less on the bare baseline), so it inflated the ratios.
    fw, bl = [], []
    gc.collect()
    gc.disable()
    try:
        for _i in range(runs):
            t = time.perf_counter()
            fn()
            fw.append(time.perf_counter() - t)
            if base:
                t = time.perf_counter()
                base()
                bl.append(time.perf_counter() - t)
    finally:
        gc.enable()
        gc.collect()
    result = Result(
        name,
        stats.median(fw),
        count_queries(fn) if queries else None,
        stats.median(bl) if base else None,
        count_queries(base) if (base and queries) else None,
        target,
        note,
        {"framework": fw, "baseline": bl},
    )
    print(f"  {name}: {_ms(result.framework)} vs {_ms(result.baseline)}", file=sys.stderr)
    return result


def get_ok(client, url):
    """GET ``url`` and read the whole body (streamed files too)."""
    response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url}: HTTP {response.status_code}")
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    response.close()
    return size


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def fresh(username):
    """A new user object (no permission or access-profile cache), as each request has."""
    return User.objects.get(username=username)


# --- the benchmarks ---------------------------------------------------------------------


def bench_list(opts):
    """The customer list page (50 rows) per role vs a bare values_list view."""
    results = []
    url = reverse("customers:customer_list") + "?per_page=50"
    for role, username in PERSONAS.items():
        user = fresh(username)
        client = client_for(user)
        base_url = reverse("bench_customer_list", args=[role])
        r = compare(
            f"Customer list, 50 rows — {role}",
            lambda c=client: get_ok(c, url),
            lambda c=client, u=base_url: get_ok(c, u),
            runs=opts.runs,
            warmup=opts.warmup,
            target=5,
        )
        # The query count does not depend on the rows shown: 50 vs 100 rows per page.
        more = count_queries(lambda c=client: get_ok(c, url.replace("50", "100")))
        visible = Customer.objects.visible_to(fresh(username)).filter(archived=False).count()
        r.queries = f"{r.queries} ({more} at 100 rows)"
        r.note = f"{visible:,} files visible"
        results.append(r)
    return results


def bench_restriction(opts):
    """visible_to() alone vs the same query filtered by the owner/team foreign key."""
    results = []
    for role, username in PERSONAS.items():
        user = fresh(username)
        hand = baselines.rows_filter(user, role)
        team_ids = list(
            Customer.objects.filter(hand).values_list("team_id", flat=True).distinct()[:50]
        )
        if role in ("clerk", "supervisor"):
            hand = Q(team_id__in=team_ids)  # the team ids, as the permission layer has them

        def framework(username=username):
            # Per request: a fresh user (permissions and access profile computed once each).
            u = fresh(username)
            return list(Customer.objects.visible_to(u).order_by("-updated", "-pk")[:50])

        def baseline(username=username, q=hand):
            fresh(username)  # the same user load as the framework side
            return list(Customer.objects.filter(q).order_by("-updated", "-pk")[:50])

        results.append(
            compare(
                f"Permission restriction — {role}",
                framework,
                baseline,
                runs=max(opts.runs, 20),
                warmup=max(opts.warmup, 3),
                target=3,
                note="fresh user per run: permissions, access profile and granted ids read again",
            )
        )
    return results


def bench_detail(opts):
    """The customer file page (with its access-log write) vs get() plus one insert."""
    user = fresh(PERSONAS["salesperson"])
    client = client_for(user)
    pk = (
        Customer.objects.filter(owner=user, archived=False, stage="customer")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return [
        compare(
            "Customer file page (+ access log) — salesperson",
            lambda: get_ok(client, reverse("customers:customer", args=[pk])),
            lambda: get_ok(client, reverse("bench_customer_detail", args=[pk])),
            runs=opts.runs,
            warmup=opts.warmup,
            target=5,
        )
    ]


def _new_people(n):
    """``n`` customer field sets with valid, unused resident ID numbers and mobiles."""
    from core.crypto import keyed_hash
    from customers.validators import id_check_char

    result = []
    serial = 0
    while len(result) < n:
        serial += 1
        first17 = f"110101199001{serial % 28 + 1:02d}{900 + serial % 99:03d}"
        number = first17 + id_check_char(first17)
        if Customer.objects.filter(id_number_hash=keyed_hash(number)).exists():
            continue
        male = int(first17[16]) % 2 == 1
        result.append(
            {
                "kind": "individual",
                "name": "測試客戶",
                "id_type": "prc_id",
                "id_number": number,
                "mobile": f"139{7000_0000 + serial:08d}",
                "gender": "male" if male else "female",
                "birth_date": dt.date(1990, 1, serial % 28 + 1),
                "province": "北京市",
                "city": "北京市",
                "district": "東城區",
                "street": "建國路1號",
                "occupation": "教師",
                "occupation_class": "1",
                "source_channel": "referral",
                "stage": "intending",
                "email": f"bench{serial}@example.com",
            }
        )
    return result


def bench_create(opts):
    """customer_create (validation, encryption, digests, history, audit) vs the same I/O by
    hand: the ID-uniqueness query and the three rows (file, history row, audit event), with
    the same crypto calls, in one transaction through the database cursor."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import gettext_noop

    from core.i18n import Text, stored
    from customers import services

    clerk = fresh(PERSONAS["clerk"])
    owner = fresh(PERSONAS["salesperson"])
    team_id = owner.employee.team_id
    people = iter(_new_people(opts.warmup + opts.runs + 2))
    plain = _new_people(2 * (opts.warmup + opts.runs + 2))[opts.warmup + opts.runs + 2 :]
    plain = iter(plain)
    report = Customer(**_new_people(1)[0]).completeness_report()
    constants = {
        "clerk_id": clerk.pk,
        "owner_id": owner.pk,
        "team_id": team_id,
        "completeness": (report.score, report.missing),
        "content_type_id": ContentType.objects.get_for_model(Customer).pk,
        "message": stored(Text(gettext_noop("Customer file opened")), 500),
    }
    created = []

    def framework():
        customer = services.customer_create(actor=clerk, owner=owner, **next(people))
        created.append(customer.pk)

    def baseline():
        created.append(baselines.customer_create_raw(person=next(plain), **constants))

    try:
        return [
            compare(
                "Customer create (history, encryption, audit)",
                framework,
                baseline,
                runs=opts.runs,
                warmup=opts.warmup,
                target=2,
                note="customers.services.customer_create vs the same I/O through the cursor "
                "(bench.baselines.customer_create_raw)",
            )
        ]
    finally:
        _delete_created(created)


def _delete_created(pks):
    """Leave the bench database as seeded."""
    from core.models import AuditEvent
    from customers.models import CustomerNeed

    CustomerNeed.objects.filter(customer_id__in=pks).delete()
    Customer.tags.through.objects.filter(customer_id__in=pks).delete()
    Customer.history.filter(id__in=pks).delete()
    AuditEvent.objects.filter(object_id__in=[str(pk) for pk in pks], verb="created").delete()
    if pks:  # no cascade collection: nothing else points at these new files
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Customer._meta.db_table)
            marks = ", ".join(["%s"] * len(pks))
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", pks)


# --- Excel export -----------------------------------------------------------------------

EXPORT_FIELDS = (
    "name",
    "kind",
    "gender",
    "birth_date",
    "id_type",
    "id_number",
    "mobile",
    "email",
    "province",
    "city",
    "district",
    "street",
    "occupation",
    "occupation_class",
    "employer",
    "income_band",
    "marital_status",
    "source_channel",
    "stage",
    "grade",
)


def _prepared_tuples(query):
    """The export's rows as plain tuples (masked numbers, names joined): prepared, untimed."""
    from core.crypto import mask

    rows = []
    qs = Customer.objects.filter(query).order_by("-updated", "-pk")
    values = qs.values_list(
        *EXPORT_FIELDS,
        "owner__full_name",
        "clerk__full_name",
        "team__name",
        "completeness",
        "archived",
        "updated",
    )
    for row in values.iterator(chunk_size=2000):
        row = list(row)
        row[5], row[6] = mask(row[5]), mask(row[6])
        rows.append(
            (*row[:20], "", "", *row[20:25], timezone.localtime(row[25]).replace(tzinfo=None))
        )
    return rows


def bare_workbook(rows, ncols=28):
    """Bare openpyxl write-only (lxml) of prepared tuples."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Customers")
    ws.append([f"column {i}" for i in range(ncols)])
    for row in rows:
        ws.append(row)
    with tempfile.TemporaryFile() as out:
        wb.save(out)
        return out.tell()


def bench_export(opts):
    """The customer list's Excel export of every file (manager) vs bare openpyxl."""
    import openpyxl.xml

    if not openpyxl.xml.LXML:
        print("  warning: lxml is not used by openpyxl", file=sys.stderr)
    manager = fresh(PERSONAS["manager"])
    client = client_for(manager)
    url_all = reverse("customers:customer_list") + "?archived=all&export=xlsx"
    url_10k = reverse("customers:customer_list") + "?archived=all&stage=intending&export=xlsx"
    prepared = {"rows": _prepared_tuples(Q())}
    n = len(prepared["rows"])
    n_10k = Customer.objects.filter(stage="intending").count()
    runs = max(opts.runs, 5)
    result = compare(
        f"Excel export of {n:,} customers — manager",
        lambda: get_ok(client, url_all),
        lambda: bare_workbook(prepared["rows"]),
        runs=runs,
        warmup=min(opts.warmup, 1),
        target=1.5,
        queries=False,
    )
    result.queries = count_queries(lambda: get_ok(client, url_all))
    prepared.clear()
    gc.collect()
    peaks = {}
    for label, url in ((f"{n_10k:,}", url_10k), (f"{n:,}", url_all)):
        gc.collect()
        tracemalloc.start()
        get_ok(client, url)
        peaks[label] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    result.note = "peak Python memory " + ", ".join(
        f"{mb:.1f} MB at {rows_} rows" for rows_, mb in peaks.items()
    )
    return [result]


# --- reports ----------------------------------------------------------------------------


def last_month():
    from core.periods import PeriodKind, period_containing

    first = timezone.localdate().replace(day=1)
    return period_containing(PeriodKind.MONTH, first - dt.timedelta(days=1))


def _db_datetime(day):
    """A local midnight as the database compares it (SQLite: UTC text; PostgreSQL: aware)."""
    value = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())
    if connection.vendor == "sqlite":
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    return value


def company_figures_sql(start, end):
    """The month's company figures in one hand-written SQL statement: one aggregate row per
    table and date, as the statistics service computes them, in a single round trip."""
    from django.apps import apps

    t = {
        name: connection.ops.quote_name(apps.get_model(name)._meta.db_table)
        for name in (
            "underwriting.PremiumRecord",
            "underwriting.Policy",
            "underwriting.Application",
            "sales.Visit",
            "sales.Opportunity",
            "sales.Proposal",
            "aftersales.Renewal",
            "aftersales.Claim",
            "aftersales.FollowUp",
            "aftersales.Complaint",
        )
    }
    if connection.vendor == "sqlite":
        days = "julianday(decided_on) - julianday(submitted_on)"
    else:
        days = "decided_on - submitted_on"
    d, ts = "%(start)s AND {0} < %(end)s", "%(ts_start)s AND {0} < %(ts_end)s"

    def between(column, datetime=False):
        return f"{column} >= " + (ts if datetime else d).format(column)

    branches = [
        f"""SELECT 'premium', SUM(amount), SUM(CASE WHEN kind = 'first_year' THEN amount END),
            SUM(CASE WHEN kind = 'renewal' THEN amount END), SUM(commission)
            FROM {t["underwriting.PremiumRecord"]}
            WHERE refunded = %(false)s AND paid_on IS NOT NULL AND {between("paid_on")}""",
        f"""SELECT 'policies', COUNT(*), SUM(annual_premium), NULL, NULL
            FROM {t["underwriting.Policy"]}
            WHERE status <> 'cancelled' AND {between("issued_on")}""",
        f"""SELECT 'visits', COUNT(*), NULL, NULL, NULL FROM {t["sales.Visit"]}
            WHERE status = 'done' AND {between("starts_at", True)}""",
        f"""SELECT 'leads', COUNT(*), NULL, NULL, NULL FROM {t["sales.Opportunity"]}
            WHERE {between("created", True)}""",
        f"""SELECT 'closed', COUNT(CASE WHEN stage = 'won' THEN 1 END),
            COUNT(CASE WHEN stage = 'lost' THEN 1 END), NULL, NULL
            FROM {t["sales.Opportunity"]}
            WHERE stage IN ('won', 'lost') AND {between("closed_on")}""",
        f"""SELECT 'proposals_submitted', COUNT(*), NULL, NULL, NULL FROM {t["sales.Proposal"]}
            WHERE {between("submitted_at", True)}""",
        f"""SELECT 'proposals_approved', COUNT(*), NULL, NULL, NULL FROM {t["sales.Proposal"]}
            WHERE (status IN ('approved', 'accepted', 'rejected') OR (status = 'revised'
            AND review_compliant AND review_reasonable AND review_feasible))
            AND {between("reviewed_at", True)}""",
        f"""SELECT 'applications', COUNT(*), NULL, NULL, NULL
            FROM {t["underwriting.Application"]} WHERE {between("submitted_on")}""",
        f"""SELECT 'decisions', COUNT(*),
            COUNT(CASE WHEN status IN ('accepted', 'accepted_conditions', 'issued') THEN 1 END),
            SUM(CASE WHEN submitted_on IS NOT NULL THEN {days} END),
            COUNT(submitted_on)
            FROM {t["underwriting.Application"]}
            WHERE status IN ('accepted', 'accepted_conditions', 'issued', 'postponed',
            'declined') AND {between("decided_on")}""",
        f"""SELECT 'renewals', COUNT(*), COUNT(CASE WHEN outcome IN ('paid', 'renewed') THEN 1 END),
            COUNT(CASE WHEN outcome = 'lapsed' THEN 1 END), NULL
            FROM {t["aftersales.Renewal"]}
            WHERE outcome IN ('paid', 'renewed', 'lapsed', 'not_renewed')
            AND {between("due_date")}""",
        f"""SELECT 'claims_reported', COUNT(*), NULL, NULL, NULL FROM {t["aftersales.Claim"]}
            WHERE {between("reported_on")}""",
        f"""SELECT 'claims_paid', SUM(amount_paid), NULL, NULL, NULL FROM {t["aftersales.Claim"]}
            WHERE amount_paid IS NOT NULL AND {between("paid_on")}""",
        f"""SELECT 'follow_ups', COUNT(*), AVG(satisfaction), NULL, NULL
            FROM {t["aftersales.FollowUp"]} WHERE status = 'done' AND {between("completed_on")}""",
        f"""SELECT 'complaints_opened', COUNT(*), NULL, NULL, NULL
            FROM {t["aftersales.Complaint"]} WHERE {between("received_on")}""",
        f"""SELECT 'complaints_closed', COUNT(*), NULL, NULL, NULL
            FROM {t["aftersales.Complaint"]} WHERE {between("closed_on")}""",
    ]
    sql = "\nUNION ALL\n".join(branches)
    params = {
        "start": start,
        "end": end,
        "ts_start": _db_datetime(start),
        "ts_end": _db_datetime(end),
        "false": False,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def bench_figures(opts):
    """The statistics service's monthly company figures vs one hand-written SQL statement."""
    from reports import statistics

    period = last_month()
    scope = statistics.Scope.company()
    figures = statistics.compute(scope, period.start, period.end)
    raw = {row[0]: row[1:] for row in company_figures_sql(period.start, period.end)}
    if int(raw["policies"][0]) != figures["new_policies"]:
        raise AssertionError(f"baseline disagrees: {raw['policies']} vs {figures['new_policies']}")
    return [
        compare(
            f"Monthly company figures ({period.label})",
            lambda: statistics.compute(scope, period.start, period.end),
            lambda: company_figures_sql(period.start, period.end),
            runs=opts.runs,
            warmup=opts.warmup,
            target=1.5,
            note=f"{figures['new_policies']:,} new policies, {figures['visits']:,} visits in "
            "the month; baseline: one SQL statement (UNION ALL of the same aggregates)",
        )
    ]


def _report_parts(data, author):
    """The report's sheets as plain tuples and its PDF as HTML (prepared, untimed)."""
    from django.template.loader import render_to_string

    from core import exports
    from reports import files

    sheets = [files.summary_sheet(data)]
    sheets += [files.breakdown_sheet(data, by) for by, _title in files.BREAKDOWNS]
    sheets.append(files.detail_sheet(data))
    tuples = [
        (
            sheet.title,
            [str(c.header) for c in sheet.columns],
            [tuple(exports.safe_cell_value(v) for v in row) for row in sheet.rows],
        )
        for sheet in sheets
    ]
    context = {
        **files.pdf_context(data),
        "title": data.title,
        "company_name": settings.COMPANY_NAME or "Inside-Sales Management",
        "watermark": exports._watermark(author),
        "font_family": exports.cjk_font_family(),
        "generated_at": timezone.localtime(),
        "user": author,
    }
    return tuples, render_to_string("reports/report_pdf.html", context)


def bare_report(tuples, html):
    from openpyxl import Workbook
    from weasyprint import HTML

    wb = Workbook(write_only=True)
    for title, header, rows in tuples:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for row in rows:
            ws.append(row)
    with tempfile.TemporaryFile() as out:
        wb.save(out)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def bench_report(opts):
    """The monthly company report end to end (figures, Excel, PDF) vs bare openpyxl of the
    same tuples plus WeasyPrint of the same HTML."""
    from django.utils import translation

    from reports import files, services, statistics

    period = last_month()
    scope = statistics.Scope.company()
    author = files.Author("Benchmark")

    def framework():
        data = services.report_data(scope, period)
        with tempfile.TemporaryFile() as out:
            rows = files.build_excel(out, data, author=author)
        files.build_pdf(data, author=author)
        return rows

    with translation.override(settings.LANGUAGE_CODE):
        tuples, html = _report_parts(services.report_data(scope, period), author)
        detail = len(tuples[-1][2])
        return [
            compare(
                f"Monthly report end to end ({period.label}, company)",
                framework,
                lambda: bare_report(tuples, html),
                runs=opts.runs,
                warmup=opts.warmup,
                target=1.5,
                note=f"{detail:,} new-policy rows in the Excel file",
            )
        ]


def bench_dashboard(opts):
    """The supervisor's team dashboard (and the manager's company dashboard, for scale)."""
    from org.models import Team

    results = []
    supervisor = fresh(PERSONAS["supervisor"])
    team = Team.objects.filter(supervisor=supervisor).order_by("pk").first()
    pages = [
        (
            "Supervisor dashboard (team of 10, month to date)",
            supervisor,
            reverse("reports:dashboard_team", args=[team.pk]),
        ),
        (
            "Company dashboard — manager (20 teams)",
            fresh(PERSONAS["manager"]),
            reverse("reports:dashboard_company"),
        ),
    ]
    for name, user, url in pages:
        client = client_for(user)
        results.append(
            compare(
                name,
                lambda c=client, u=url: get_ok(c, u),
                None,
                runs=opts.runs,
                warmup=opts.warmup,
                note="no baseline or target in the issue: time and query count only",
            )
        )
    return results


BENCHES = {
    "list": bench_list,
    "restriction": bench_restriction,
    "detail": bench_detail,
    "create": bench_create,
    "dashboard": bench_dashboard,
    "figures": bench_figures,
    "report": bench_report,
    "export": bench_export,
}


# --- output -----------------------------------------------------------------------------


def _ms(seconds):
    if seconds is None:
        return "—"
    ms = seconds * 1000
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def table(results):
    lines = [
        "| Benchmark | Framework | Queries | Baseline | Baseline queries | Ratio | Target | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio else "—"
        target = f"≤ {r.target:g}×" if r.target else "—"
        mark = {True: "✅", False: "❌", None: ""}[r.ok]
        queries = "—" if r.queries is None else r.queries
        base_queries = "—" if r.baseline_queries is None else r.baseline_queries
        lines.append(
            f"| {r.name} | {_ms(r.framework)} | {queries} | {_ms(r.baseline)} | {base_queries} "
            f"| {ratio} | {target} | {mark} |"
        )
    notes = [f"- {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def describe_database():
    from sales.models import Visit
    from underwriting.models import Policy, PremiumRecord

    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    counts = {
        "customers": Customer.objects.count(),
        "policies": Policy.objects.count(),
        "premium records": PremiumRecord.objects.count(),
        "visits": Visit.objects.count(),
    }
    return f"{engine} {version}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs (at least 5)")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up runs")
    parser.add_argument("--only", default="", help="comma-separated: " + ", ".join(BENCHES))
    parser.add_argument(
        "--partial", default="", help="file for the table so far (default var/bench-<db>.md)"
    )
    opts = parser.parse_args()
    opts.runs = max(opts.runs, 5)
    chosen = [n.strip() for n in opts.only.split(",") if n.strip()] or list(BENCHES)
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    if not Customer.objects.exists():
        sys.exit("The bench database is empty: run bench/seed.py first.")
    header = describe_database()
    print(header, file=sys.stderr)
    started = time.perf_counter()
    results = []
    partial = Path(opts.partial or ROOT / "var" / f"bench-{connection.vendor}.md")
    for name in chosen:
        print(f"{name}…", file=sys.stderr)
        results.extend(BENCHES[name](opts))
        out = io.StringIO()
        print(f"**{header}** — medians of {opts.runs} runs after {opts.warmup} warm-up", file=out)
        print("", file=out)
        print(table(results), file=out)
        partial.write_text(out.getvalue())  # what is done so far, should a later one fail
    print(out.getvalue())
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
