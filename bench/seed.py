"""Fill a benchmark database at scale, deterministically.

    DATABASE_URL=sqlite:////abs/path/var/bench.sqlite3 .venv/bin/python bench/seed.py [--reset]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/insidesales_bench .venv/bin/python bench/seed.py

Settings default to ``bench.settings`` (fixed bench secrets, so bench/run.py decrypts what is
seeded here). Without ``DATABASE_URL`` the database is ``var/bench.sqlite3``. PostgreSQL
databases are created when missing. The seed refuses to run on a seeded database; ``--reset``
drops it first. ``--scale 0.05`` seeds 5% of every volume (for a quick try).

What it writes (full scale): 20 teams of 10 (a supervisor, a clerk, 8 salespeople) plus a
manager, HR and compliance; 100,000 customer files with valid encrypted ID numbers and
mobiles and their keyed digests; 200,000+ opportunities; 150,000 accepted proposals and
issued applications; 300,000 policies with their first-year and renewal premiums (paid over
the last two years); 1,000,000 visits; monthly sales targets; and the after-sales records
(follow-ups, renewals, claims, complaints) when that app has its models.

Rows go in with ``bulk_create`` in batches with explicit primary keys (no per-row ``save()``,
no history rows: seeded data has no past). Encrypted fields are encrypted by the field itself
on insert; digests and completeness use the models' own helpers. Same seed, same date, same
rows.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

from core.crypto import EncryptedTextField, encrypt, keyed_hash  # noqa: E402
from core.demo import DEMO_PASSWORD  # noqa: E402
from customers.demo import (  # noqa: E402
    EMPLOYERS,
    GIVEN_F,
    GIVEN_M,
    OCCUPATIONS,
    REGIONS,
    STREETS,
    SURNAMES,
    TAGS,
)
from customers.models import (  # noqa: E402
    Customer,
    CustomerNeed,
    CustomerTag,
    CustomerUserObjectPermission,
)
from customers.validators import id_check_char  # noqa: E402
from org.models import Employee, Grade, Team  # noqa: E402
from sales.models import (  # noqa: E402
    Insurer,
    Opportunity,
    Product,
    Proposal,
    ProposalLine,
    SalesTarget,
    Visit,
)
from underwriting.models import (  # noqa: E402
    Application,
    ApplicationLine,
    Policy,
    PremiumRecord,
)

SEED = 20260701
TEAMS = 20
SALES_PER_TEAM = 8
CUSTOMERS = 100_000
VISITS_PER_CUSTOMER = 10
BATCH = 2000
CHUNK = 5000  # customers per chunk of the policy chain
TZ = ZoneInfo(settings.TIME_ZONE)
CENT = Decimal("0.01")
RENEWAL_RATE = Decimal("0.0500")
PERIODS = {"annual": 1, "semi_annual": 2, "quarterly": 4, "monthly": 12}
FREQUENCIES = ["annual"] * 16 + ["semi_annual", "quarterly"] + ["monthly"] * 2
INSURERS = [
    ("BPA", "平安人壽"),
    ("BCL", "中國人壽"),
    ("BTP", "太平洋人壽"),
    ("BNC", "新華保險"),
    ("BTK", "泰康人壽"),
    ("BAI", "友邦保險"),
    ("BTPY", "太平人壽"),
    ("BYG", "陽光人壽"),
    ("BFD", "富德生命"),
    ("BZY", "中郵人壽"),
]
PRODUCTS = [
    ("CI", "重疾險", "critical_illness", "0.3000"),
    ("LIFE", "終身壽險", "life", "0.3500"),
    ("MED", "醫療險", "medical", "0.2000"),
    ("ACC", "意外險", "accident", "0.2500"),
]
USER_CHANNELS = ["telemarketing", "online", "social_event", "referral", "walk_in"]


class Clock:
    """Progress lines with the elapsed time."""

    def __init__(self):
        self.start = time.perf_counter()

    def say(self, message):
        print(f"[{time.perf_counter() - self.start:7.1f}s] {message}", flush=True)


def money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def aware(day, hour=10, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def insert(model, rows):
    """Insert ``rows`` in one transaction: model instances with ``bulk_create`` (small
    tables), dicts of column values with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL)."""
    if not rows:
        return 0
    if isinstance(rows[0], models.Model):
        for row in rows:
            for f in _auto_fields(model):
                if getattr(row, f.attname) is None:
                    setattr(row, f.attname, SEEDED_AT)
        with transaction.atomic():
            model.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)
    columns, converters, defaults = _plan(model)
    pk = model._meta.pk.attname
    known = set(columns)
    data = []
    for row in rows:
        if "pk" in row:
            row[pk] = row.pop("pk")
        elif pk not in row:
            _NEXT[model] = row[pk] = _NEXT.get(model, 0) + 1
        if not known.issuperset(row):
            raise KeyError(f"{model.__name__}: unknown columns {set(row) - known}")
        data.append(
            tuple(
                conv(row[name]) if name in row else default
                for name, conv, default in zip(columns, converters, defaults, strict=True)
            )
        )
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in _column_names(model))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in data:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", data)
    return len(rows)


def _auto_fields(model):
    return [f for f in model._meta.concrete_fields if getattr(f, "_bench_auto", False)]


def _column_names(model):
    return [f.column for f in model._meta.concrete_fields]


_PLANS = {}
_NEXT = {}  # the last primary key given to rows that came without one


def _plan(model):
    """Per column: its attribute name, a converter to the database value, the default."""
    if model in _PLANS:
        return _PLANS[model]
    sqlite = connection.vendor == "sqlite"
    columns, converters, defaults = [], [], []
    for f in model._meta.concrete_fields:
        conv = _converter(f, sqlite)
        if getattr(f, "_bench_auto", False):
            default = conv(SEEDED_AT)
        elif f.has_default() or not f.null:
            value = f.get_default()
            default = None if value is None else conv(value)
        else:
            default = None
        columns.append(f.attname)
        converters.append(conv)
        defaults.append(default)
    _PLANS[model] = columns, converters, defaults
    return _PLANS[model]


def _same(value):
    return value


def _converter(field, sqlite):
    if isinstance(field, EncryptedTextField):
        return encrypt
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.DateTimeField):
        if sqlite:
            return lambda v: (
                None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
            )
        return _same
    if isinstance(field, models.DateField):
        return (lambda v: None if v is None else v.isoformat()) if sqlite else _same
    if isinstance(field, models.DecimalField):
        return (lambda v: None if v is None else str(v)) if sqlite else _same
    return _same


SEEDED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def fast_sqlite():
    """A big page cache (random index inserts into million-row tables otherwise thrash the
    2 MB default) and no fsync while seeding."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA temp_store = MEMORY")


def without_auto_dates():
    """Let the seed set created/updated itself (spread over time, not all "now")."""
    for model in django.apps.apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                f.auto_now = f.auto_now_add = False
                f._bench_auto = True


# --- the database --------------------------------------------------------------------------


def prepare_database(reset):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path = Path(db["NAME"])
        if reset:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    params = {
        "dbname": "postgres",
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        name = db["NAME"]
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reset:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def already_seeded():
    try:
        return Customer.objects.exists()
    except Exception:  # noqa: BLE001 - no tables yet
        return False


def finish_database(clock):
    """Sequences past the explicit keys (PostgreSQL), vacuumed tables, fresh statistics."""
    tables = set(connection.introspection.table_names())
    seeded = [
        m for m in django.apps.apps.get_models() if m._meta.managed and m._meta.db_table in tables
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in connection.ops.sequence_reset_sql(no_style(), seeded):
                cursor.execute(sql)
            # As autovacuum leaves a table after bulk inserts: the visibility map set, so
            # counts and covering indexes are index-only scans (VACUUM runs outside a
            # transaction, which Django's autocommit cursor is).
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clock.say("sequences reset, tables vacuumed, statistics analysed")


# --- people --------------------------------------------------------------------------------


def seed_people(rng, today):
    """20 teams × (supervisor, clerk, 8 salespeople), plus a manager, HR and compliance."""
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}
    grades = [
        Grade(pk=i, code=code, name=name, level=i)
        for i, (code, name) in enumerate(
            [("S1", "專員"), ("S2", "資深專員"), ("S3", "主任"), ("M1", "經理")], start=1
        )
    ]
    insert(Grade, grades)
    people = []  # (username, name, position, team index or None, grade index)
    for t in range(TEAMS):
        people.append((f"sup{t + 1:02d}", "supervisor", t, 3))
        people.append((f"clerk{t + 1:02d}", "clerk", t, 2))
        for s in range(SALES_PER_TEAM):
            people.append((f"sales{t + 1:02d}{s + 1}", "salesperson", t, 1 + s % 2))
    people += [("mgr", "manager", None, 4), ("hr", "hr", None, 3), ("comp", "compliance", None, 3)]
    now = aware(today - dt.timedelta(days=1000))
    users, employees, memberships = [], [], []
    for i, (username, position, _team, _grade) in enumerate(people, start=1):
        male = rng.random() < 0.5
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_M if male else GIVEN_F)
        users.append(
            User(
                pk=i,
                username=username,
                full_name=name,
                email=f"{username}@bench.example.com",
                password=password,
                date_joined=now,
            )
        )
        memberships.append(User.groups.through(user_id=i, group_id=groups[position].pk))
    insert(User, users)
    insert(User.groups.through, memberships)
    teams = [
        Team(
            pk=t + 1,
            code=f"T{t + 1:02d}",
            name=f"銷售{t + 1}組",
            supervisor_id=1 + t * (2 + SALES_PER_TEAM),
            created=now,
            updated=now,
        )
        for t in range(TEAMS)
    ]
    insert(Team, teams)
    insert(
        Team.clerks.through,
        [
            Team.clerks.through(team_id=t + 1, user_id=2 + t * (2 + SALES_PER_TEAM))
            for t in range(TEAMS)
        ],
    )
    for i, (_username, position, team, grade) in enumerate(people, start=1):
        employees.append(
            Employee(
                pk=i,
                user_id=i,
                employee_no=f"B{i:05d}",
                name=users[i - 1].full_name,
                team_id=None if team is None else team + 1,
                position=position,
                grade_id=grade,
                hire_date=today - dt.timedelta(days=rng.randint(200, 4000)),
                email=users[i - 1].email,
                created=now,
                updated=now,
            )
        )
    insert(Employee, employees)
    sales = {}  # team index -> [user ids]
    for i, (_u, position, team, _g) in enumerate(people, start=1):
        if position == "salesperson":
            sales.setdefault(team, []).append(i)
    return {
        "sales": sales,
        "clerk": {t: 2 + t * (2 + SALES_PER_TEAM) for t in range(TEAMS)},
        "supervisor": {t: 1 + t * (2 + SALES_PER_TEAM) for t in range(TEAMS)},
        "count": len(people),
    }


def seed_reference(today):
    now = aware(today - dt.timedelta(days=1000))
    insurers, products = [], []
    for i, (code, name) in enumerate(INSURERS, start=1):
        insurers.append(Insurer(pk=i, code=code, name=name, created=now, updated=now))
        for j, (pcode, pname, category, rate) in enumerate(PRODUCTS):
            products.append(
                Product(
                    pk=(i - 1) * len(PRODUCTS) + j + 1,
                    insurer_id=i,
                    code=pcode,
                    name=f"{name[:2]}{pname}",
                    category=category,
                    min_age=0,
                    max_age=65,
                    min_sum_insured=Decimal("10000"),
                    max_sum_insured=Decimal("5000000"),
                    commission_rate=Decimal(rate),
                    payment_modes=["annual", "monthly"],
                    term_options="20年, 終身",
                    payment_periods="10年, 20年",
                    created=now,
                    updated=now,
                )
            )
    insert(Insurer, insurers)
    insert(Product, products)
    tags = [
        CustomerTag(pk=i, name=name, colour=colour, description=desc, created=now, updated=now)
        for i, (name, colour, desc) in enumerate(TAGS, start=1)
    ]
    insert(CustomerTag, tags)
    return {p.pk: p for p in products}


# --- customers -----------------------------------------------------------------------------


def customer_stage(i):
    """Exactly 75% of the files are policyholders (customer or lapsed)."""
    r = i % 20
    if r < 14:
        return "customer"
    if r == 14:
        return "lapsed"
    return "intending" if r < 17 else "prospect"


def seed_customers(rng, today, people, scale, clock):
    n = int(CUSTOMERS * scale)
    regions = list(REGIONS)
    used_ids = set()
    horizon = 3 * 365
    made = 0
    for start in range(0, n, CHUNK):
        rows, tag_rows, need_rows, grants = [], [], [], []
        for i in range(start, min(start + CHUNK, n)):
            pk = i + 1
            team = i % TEAMS
            owner = people["sales"][team][(i // TEAMS) % SALES_PER_TEAM]
            male = rng.random() < 0.5
            birth = dt.date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28))
            region = rng.choice(regions)
            province, city, district = REGIONS[region]
            while True:
                first17 = f"{region}{birth:%Y%m%d}{rng.randrange(100):02d}"
                first17 += rng.choice("13579" if male else "02468")
                number = first17 + id_check_char(first17)
                if number not in used_ids:
                    used_ids.add(number)
                    break
            mobile = rng.choice(["13", "15", "18", "19"]) + f"{(pk * 7919) % 10**9:09d}"
            occupation, occ_class = rng.choice(OCCUPATIONS)
            stage = customer_stage(i)
            created = aware(today - dt.timedelta(days=rng.randint(30, horizon)), rng.randint(8, 19))
            updated = created + dt.timedelta(
                seconds=rng.randint(0, int((aware(today) - created).total_seconds()))
            )
            c = Customer(
                pk=pk,
                kind="individual",
                name=rng.choice(SURNAMES) + rng.choice(GIVEN_M if male else GIVEN_F),
                gender="male" if male else "female",
                birth_date=birth,
                id_type="prc_id",
                id_number=number,
                mobile=mobile,
                email=f"c{pk}@example.com" if rng.random() < 0.6 else "",
                province=province,
                city=city,
                district=district if rng.random() < 0.8 else "",
                street=f"{rng.choice(STREETS)}{rng.randint(1, 999)}號",
                occupation=occupation,
                occupation_class=occ_class if rng.random() < 0.8 else "",
                employer=rng.choice(EMPLOYERS) if rng.random() < 0.7 else "",
                income_band=rng.choice(["lt100k", "100k_300k", "300k_500k", "500k_1m", "gt1m"]),
                marital_status=rng.choice(["single", "married", "married", "divorced"]),
                source_channel=rng.choice(USER_CHANNELS),
                stage=stage,
                grade=rng.choice(["vip", "a", "b", "b", "c", "c", ""]),
                owner_id=owner,
                clerk_id=people["clerk"][team],
                team_id=team + 1,
                created=created,
                updated=updated,
            )
            if rng.random() < 0.01:
                c.archived = True
                c.archived_reason = "客戶要求停止聯繫"
                c.archived_on = (updated - dt.timedelta(days=1)).date()
            # What Customer.save() derives, computed with the model's own helpers.
            c.id_number_hash = keyed_hash(c.id_number)
            c.mobile_hash = keyed_hash(c.mobile)
            report = c.completeness_report()
            c.completeness, c.missing_fields = report.score, report.missing
            rows.append({f.attname: getattr(c, f.attname) for f in Customer._meta.concrete_fields})
            if rng.random() < 0.25:
                for tag in rng.sample(range(1, len(TAGS) + 1), rng.choice([1, 1, 2])):
                    tag_rows.append({"customer_id": pk, "customertag_id": tag})
            if stage != "prospect" or rng.random() < 0.3:
                for kind in rng.sample(["life", "critical_illness", "medical", "accident"], 2):
                    need_rows.append(
                        {"customer_id": pk, "kind": kind, "created": created, "updated": created}
                    )
            if rng.random() < 0.01:  # shared with a colleague of the team
                others = [u for u in people["sales"][team] if u != owner]
                grants.append((pk, rng.choice(others)))
        insert(Customer, rows)
        insert(Customer.tags.through, tag_rows)
        insert(CustomerNeed, need_rows)
        insert_grants(grants)
        made += len(rows)
        if made % 20000 == 0 or made == n:
            clock.say(f"customers: {made:,}")
    return n


def insert_grants(grants):
    if not grants:
        return
    perms = {
        p.codename: p.pk
        for p in Permission.objects.filter(
            content_type__app_label="customers", codename__in=["view_customer", "change_customer"]
        )
    }
    rows = [
        {"user_id": user, "permission_id": perm, "content_object_id": customer}
        for customer, user in grants
        for perm in perms.values()
    ]
    insert(CustomerUserObjectPermission, rows)


# --- the sales chain: opportunities, proposals, applications, policies, premiums ------------


def seed_sales_chain(rng, today, people, products, n_customers, clock):
    """Each policyholder: two won opportunities, each with an accepted two-line proposal, an
    issued application and two policies with their premiums. Others: one open lead."""
    ids = dict.fromkeys(["opp", "proposal", "pline", "app", "aline", "policy", "premium"], 0)
    by_insurer = {}
    for p in products.values():
        by_insurer.setdefault(p.insurer_id, []).append(p)
    totals = dict.fromkeys(ids, 0)
    pairs = [
        ("life", "critical_illness"),
        ("medical", "accident"),
    ]
    start_of_history = today - dt.timedelta(days=730)
    for start in range(0, n_customers, CHUNK):
        rows = {k: [] for k in ids}
        customers = Customer.objects.filter(pk__gt=start, pk__lte=start + CHUNK).values_list(
            "pk", "name", "owner_id", "team_id", "clerk_id", "stage", "source_channel"
        )
        for pk, name, owner, team, clerk, stage, channel in customers:
            if stage in ("customer", "lapsed"):
                for pair in pairs:
                    _policy_chain(
                        rng,
                        today,
                        start_of_history,
                        ids,
                        rows,
                        by_insurer,
                        (pk, name, owner, team, clerk, stage, channel),
                        pair,
                    )
            else:
                ids["opp"] += 1
                open_stage = (
                    rng.choice(["needs_analysed", "proposal", "meeting"])
                    if stage == "intending"
                    else rng.choice(["new", "contacted", "lost"])
                )
                when = aware(today - dt.timedelta(days=rng.randint(1, 120)))
                rows["opp"].append(
                    {
                        "pk": ids["opp"],
                        "customer_id": pk,
                        "need": rng.choice(["life", "critical_illness", "medical", "education"]),
                        "channel": channel,
                        "expected_premium": Decimal(rng.randint(20, 300) * 100),
                        "stage": open_stage,
                        "lost_reason": "預算不足" if open_stage == "lost" else "",
                        "closed_on": when.date() if open_stage == "lost" else None,
                        "next_action": "電話跟進" if open_stage != "lost" else "",
                        "next_action_date": today + dt.timedelta(days=rng.randint(-10, 20)),
                        "last_action_at": when,
                        "stage_changed_at": when,
                        "owner_id": owner,
                        "team_id": team,
                        "created": when,
                        "updated": when,
                    }
                )
        for key, model in (
            ("opp", Opportunity),
            ("proposal", Proposal),
            ("pline", ProposalLine),
            ("app", Application),
            ("aline", ApplicationLine),
            ("policy", Policy),
            ("premium", PremiumRecord),
        ):
            totals[key] += insert(model, rows[key])
        clock.say(
            f"sales chain to customer {min(start + CHUNK, n_customers):,}: "
            f"{totals['opp']:,} opportunities, {totals['policy']:,} policies, "
            f"{totals['premium']:,} premiums"
        )
    return totals


def _policy_chain(rng, today, since, ids, rows, by_insurer, customer, needs):
    pk, name, owner, team, clerk, stage, channel = customer
    insurer = rng.randrange(1, len(INSURERS) + 1)
    choices = [p for p in by_insurer[insurer] if p.category in needs] or by_insurer[insurer][:2]
    effective = since + dt.timedelta(days=rng.randint(0, (today - since).days - 20))
    submitted = effective - dt.timedelta(days=rng.randint(10, 25))
    decided = submitted + dt.timedelta(days=rng.randint(3, 9))
    opened = aware(submitted - dt.timedelta(days=rng.randint(15, 60)))
    ids["opp"] += 1
    opp = ids["opp"]
    total_premium = Decimal(0)
    lines = []
    for product in choices:
        sum_insured = Decimal(rng.choice([100, 200, 300, 500, 800, 1000]) * 1000)
        premium = money(sum_insured * Decimal(rng.choice(["0.008", "0.012", "0.02"])))
        total_premium += premium
        lines.append((product, sum_insured, premium, rng.choice(FREQUENCIES)))
    rows["opp"].append(
        {
            "pk": opp,
            "customer_id": pk,
            "need": needs[0],
            "channel": channel,
            "expected_premium": total_premium,
            "stage": "won",
            "closed_on": decided,
            "last_action_at": aware(decided),
            "stage_changed_at": aware(decided),
            "owner_id": owner,
            "team_id": team,
            "created": opened,
            "updated": aware(decided),
        }
    )
    ids["proposal"] += 1
    proposal = ids["proposal"]
    reviewed = aware(submitted - dt.timedelta(days=3))
    rows["proposal"].append(
        {
            "pk": proposal,
            "opportunity_id": opp,
            "version": 1,
            "status": "accepted",
            "title": f"{name} 保障方案",
            "prepared_by_id": owner,
            "submitted_at": reviewed - dt.timedelta(days=1),
            "reviewed_by_id": clerk,
            "reviewed_at": reviewed,
            "review_compliant": True,
            "review_reasonable": True,
            "review_feasible": True,
            "decided_at": reviewed + dt.timedelta(days=1),
            "created": opened,
            "updated": reviewed + dt.timedelta(days=1),
        }
    )
    ids["app"] += 1
    app = ids["app"]
    rows["app"].append(
        {
            "pk": app,
            "customer_id": pk,
            "proposal_id": proposal,
            "opportunity_id": opp,
            "insurer_id": insurer,
            "status": "issued",
            "payment_method": "auto_debit",
            "bank_name": "招商銀行",
            "bank_account": f"6225{pk:08d}{app % 10000:04d}",
            "bank_account_hash": keyed_hash(f"6225{pk:08d}{app % 10000:04d}"),
            "prepared_by_id": owner,
            "submitted_on": submitted,
            "submission_channel": "portal",
            "insurer_reference": f"UW{app:08d}",
            "submitted_by_id": clerk,
            "decided_on": decided,
            "created": aware(submitted),
            "updated": aware(effective),
        }
    )
    for product, sum_insured, premium, frequency in lines:
        ids["pline"] += 1
        ids["aline"] += 1
        ids["policy"] += 1
        policy = ids["policy"]
        common = {
            "product_id": product.pk,
            "sum_insured": sum_insured,
            "annual_premium": premium,
            "term": "終身",
            "payment_period": "20年",
            "frequency": frequency,
            "created": opened,
            "updated": opened,
        }
        rows["pline"].append(dict(pk=ids["pline"], proposal_id=proposal, **common))
        rows["aline"].append(
            dict(pk=ids["aline"], application_id=app, proposal_line_id=ids["pline"], **common)
        )
        periods = PERIODS[frequency]
        installment = money(premium / periods)
        dues = []
        k = 0
        while True:
            due = (
                add_months(effective, 12 * k // periods)
                if periods > 1
                else dt.date(effective.year + k, effective.month, min(effective.day, 28))
            )
            if k and due > today:
                break
            dues.append(due)
            k += 1
        next_due = (
            add_months(effective, 12 * k // periods)
            if periods > 1
            else dt.date(effective.year + k, effective.month, min(effective.day, 28))
        )
        lapsed = stage == "lapsed"
        delivered = effective + dt.timedelta(days=rng.randint(2, 8))
        rows["policy"].append(
            {
                "pk": policy,
                "application_id": app,
                "application_line_id": ids["aline"],
                "proposal_id": proposal,
                "opportunity_id": opp,
                "customer_id": pk,
                "insurer_id": insurer,
                "product_id": product.pk,
                "insured_name": name,
                "policy_number": f"P{policy:010d}",
                "sum_insured": sum_insured,
                "annual_premium": premium,
                "frequency": frequency,
                "installment": installment,
                "payment_years": 20,
                "effective_date": effective,
                "next_premium_due": next_due,
                "status": "lapsed" if lapsed else "in_force",
                "issued_on": effective,
                "issued_by_id": clerk,
                "delivered_on": delivered,
                "delivery_method": "in_person",
                "receipt_signed_on": delivered,
                "explained_coverage": True,
                "explained_exclusions": True,
                "explained_claims": True,
                "explained_cooling_off": True,
                "delivered_by_id": owner,
                "cooling_off_ends": delivered + dt.timedelta(days=15),
                "created": aware(effective),
                "updated": aware(delivered),
            }
        )
        for n, due in enumerate(dues):
            policy_year = n // periods + 1
            first = policy_year == 1
            rate = product.commission_rate if first else RENEWAL_RATE
            unpaid = (lapsed and n == len(dues) - 1) or (today - due).days < rng.randint(0, 20)
            ids["premium"] += 1
            rows["premium"].append(
                {
                    "pk": ids["premium"],
                    "policy_id": policy,
                    "due_date": due,
                    "amount": installment,
                    "policy_year": policy_year,
                    "kind": "first_year" if first else "renewal",
                    "commission_rate": rate,
                    "commission": money(installment * rate),
                    "paid_on": None
                    if unpaid
                    else min(due + dt.timedelta(days=rng.randint(0, 15)), today),
                    "created": aware(due - dt.timedelta(days=30)),
                    "updated": aware(due),
                }
            )


# --- visits and targets --------------------------------------------------------------------


def seed_visits(rng, today, n_customers, clock):
    total = 0
    kinds = ["phone", "phone", "face_to_face", "online", "event"]
    purposes = ["需求溝通", "方案講解", "保單服務", "節日問候", "續期提醒"]
    for start in range(0, n_customers, CHUNK):
        owners = dict(
            Customer.objects.filter(pk__gt=start, pk__lte=start + CHUNK).values_list(
                "pk", "owner_id"
            )
        )
        rows = []
        for pk, owner in owners.items():
            for _v in range(VISITS_PER_CUSTOMER):
                total += 1
                day = today - dt.timedelta(days=rng.randint(-20, 730))
                status = "planned" if day > today else rng.choice(["done"] * 19 + ["cancelled"])
                when = aware(day, rng.randint(9, 18), rng.choice([0, 15, 30, 45]))
                rows.append(
                    {
                        "pk": total,
                        "customer_id": pk,
                        "kind": rng.choice(kinds),
                        "status": status,
                        "starts_at": when,
                        "duration_minutes": rng.choice([15, 30, 30, 45, 60]),
                        "purpose": rng.choice(purposes),
                        "outcome": "客戶有興趣，約下次面談" if status == "done" else "",
                        "owner_id": owner,
                        "created": when,
                        "updated": when,
                    }
                )
        insert(Visit, rows)
        if total % 200_000 == 0 or start + CHUNK >= n_customers:
            clock.say(f"visits: {total:,}")
    return total


def seed_targets(rng, today, people):
    rows = []
    month = add_months(today.replace(day=1), -24)
    end = add_months(today.replace(day=1), 1)
    while month <= end:
        month = month.replace(day=1)
        for t in range(TEAMS):
            sup = people["supervisor"][t]
            rows.append(
                SalesTarget(
                    team_id=t + 1,
                    month=month,
                    premium=Decimal(rng.randint(80, 160) * 10000),
                    new_policies=rng.randint(120, 200),
                    visits=2000,
                    set_by_id=sup,
                )
            )
            for user in people["sales"][t]:
                rows.append(
                    SalesTarget(
                        team_id=t + 1,
                        user_id=user,
                        month=month,
                        premium=Decimal(rng.randint(10, 20) * 10000),
                        new_policies=rng.randint(15, 25),
                        visits=250,
                        set_by_id=sup,
                    )
                )
        month = add_months(month, 1)
    now = aware(today)
    for r in rows:
        r.created = r.updated = now
    for pk, r in enumerate(rows, start=1):
        r.pk = pk
    return insert(SalesTarget, rows)


# --- after-sales ---------------------------------------------------------------------------


def seed_aftersales(rng, today, people, clock):
    """Per policy its follow-up after delivery (most done, with a satisfaction score); a
    renewal row per renewal premium (paid, lapsed or pending); claims on 2% of the policies;
    complaints on 1% of the customers. Skipped while the after-sales app has no models."""
    try:
        from aftersales.models import Claim, Complaint, FollowUp, Renewal
    except ImportError:
        clock.say("after-sales: no models yet, skipped")
        return {}
    counts = dict.fromkeys(["follow-ups", "renewals", "claims", "complaints"], 0)
    supervisor = {t + 1: u for t, u in people["supervisor"].items()}
    last = Policy.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = 50_000
    for start in range(0, last, step):
        policies = Policy.objects.filter(pk__gt=start, pk__lte=start + step).values_list(
            "pk",
            "customer_id",
            "customer__clerk_id",
            "customer__team_id",
            "insured_name",
            "delivered_on",
            "annual_premium",
            "status",
        )
        follow_ups, claims, complaints = [], [], []
        for pk, customer, clerk, team, insured, delivered, premium, _status in policies:
            due = delivered + dt.timedelta(days=rng.randint(10, 15))
            done = due <= today - dt.timedelta(days=3) or rng.random() < 0.3
            reached = min(due + dt.timedelta(days=rng.randint(0, 5)), today)
            follow_ups.append(
                {
                    "policy_id": pk,
                    "customer_id": customer,
                    "kind": "delivery",
                    "due_date": due,
                    "assigned_to_id": clerk,
                    "status": "done" if done else "scheduled",
                    "attempts": 1 if done else 0,
                    "completed_on": reached if done else None,
                    "signed_in_person": True if done else None,
                    "understands_coverage": True if done else None,
                    "understands_exclusions": (rng.random() < 0.9) if done else None,
                    "understands_cooling_off": True if done else None,
                    "satisfaction": rng.choice([3, 4, 4, 5, 5, 5]) if done else None,
                    "created": aware(delivered),
                    "updated": aware(reached),
                }
            )
            if rng.random() < 0.02:
                reported = delivered + dt.timedelta(days=rng.randint(30, 600))
                if reported < today:
                    paid = rng.random() < 0.6 and reported < today - dt.timedelta(days=40)
                    amount = money(premium * rng.randint(2, 20))
                    claims.append(
                        {
                            "policy_id": pk,
                            "customer_id": customer,
                            "insured_name": insured,
                            "claim_type": "medical",
                            "incident_date": reported - dt.timedelta(days=rng.randint(1, 20)),
                            "reported_on": reported,
                            "description": "住院醫療費用理賠",
                            "amount_claimed": amount,
                            "status": "paid" if paid else "submitted",
                            "handled_by_id": clerk,
                            "submitted_on": reported + dt.timedelta(days=5),
                            "decided_on": reported + dt.timedelta(days=25) if paid else None,
                            "amount_approved": amount if paid else None,
                            "amount_paid": amount if paid else None,
                            "paid_on": reported + dt.timedelta(days=30) if paid else None,
                            "created": aware(reported),
                            "updated": aware(reported),
                        }
                    )
            if rng.random() < 0.005:
                received = delivered + dt.timedelta(days=rng.randint(20, 400))
                if received < today:
                    closed = received < today - dt.timedelta(days=30)
                    complaints.append(
                        {
                            "customer_id": customer,
                            "policy_id": pk,
                            "team_id": team,
                            "supervisor_id": supervisor[team],
                            "received_on": received,
                            "channel": "phone",
                            "category": rng.choice(["service", "claim", "premium"]),
                            "severity": rng.choice(["low", "medium", "medium", "high"]),
                            "subject": "客戶反映服務問題",
                            "description": "客戶來電反映續期扣款通知太晚",
                            "status": "closed" if closed else "open",
                            "acknowledge_by": received + dt.timedelta(days=1),
                            "resolve_by": received + dt.timedelta(days=15),
                            "acknowledged_on": received + dt.timedelta(days=1) if closed else None,
                            "resolved_on": received + dt.timedelta(days=10) if closed else None,
                            "closed_on": received + dt.timedelta(days=12) if closed else None,
                            "resolution": "已向客戶說明並致歉" if closed else "",
                            "logged_by_id": clerk,
                            "created": aware(received),
                            "updated": aware(received),
                        }
                    )
        counts["follow-ups"] += insert(FollowUp, follow_ups)
        counts["claims"] += insert(Claim, claims)
        counts["complaints"] += insert(Complaint, complaints)
        renewals = PremiumRecord.objects.filter(
            policy_id__gt=start, policy_id__lte=start + step, kind="renewal"
        ).values_list("pk", "policy_id", "policy__customer_id", "due_date", "amount", "paid_on")
        rows = []
        for pk, policy, customer, due, amount, paid in renewals:
            if paid:
                outcome, recorded = "paid", paid
            elif due < today - dt.timedelta(days=60):
                outcome, recorded = "lapsed", due + dt.timedelta(days=60)
            else:
                outcome, recorded = ("grace" if due < today else "pending"), None
            rows.append(
                {
                    "policy_id": policy,
                    "customer_id": customer,
                    "kind": "premium",
                    "due_date": due,
                    "premium_id": pk,
                    "amount": amount,
                    "outcome": outcome,
                    "recorded_on": recorded,
                    "created": aware(due - dt.timedelta(days=30)),
                    "updated": aware(recorded or due),
                }
            )
        counts["renewals"] += insert(Renewal, rows)
        clock.say(
            "after-sales to policy "
            + f"{min(start + step, last):,}: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
    return counts


def add_aftersales(clock, today):
    from django.utils import timezone

    from aftersales.models import FollowUp

    if not already_seeded():
        sys.exit("Not seeded yet: run without --aftersales-only.")
    call_command("migrate", verbosity=0, interactive=False)
    if FollowUp.objects.exists():
        sys.exit("The after-sales rows are there already.")
    fast_sqlite()
    without_auto_dates()
    people = {"supervisor": {t: 1 + t * (2 + SALES_PER_TEAM) for t in range(TEAMS)}}
    after = seed_aftersales(random.Random(SEED + 1), today or timezone.localdate(), people, clock)
    finish_database(clock)
    clock.say("done: " + ", ".join(f"{v:,} {k}" for k, v in after.items()))


# --- main ----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reset", action="store_true", help="drop the bench database first")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the volumes")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument(
        "--aftersales-only",
        action="store_true",
        help="on a database seeded before the after-sales app had models: migrate and add "
        "the after-sales rows only",
    )
    args = parser.parse_args()
    db = settings.DATABASES["default"]
    clock = Clock()
    clock.say(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
    if args.aftersales_only:
        return add_aftersales(clock, args.today)
    prepare_database(args.reset)
    if already_seeded():
        sys.exit("Already seeded: run with --reset to start again.")
    call_command("migrate", verbosity=0, interactive=False)
    clock.say("migrated")
    fast_sqlite()
    without_auto_dates()
    from django.utils import timezone

    today = args.today or timezone.localdate()
    rng = random.Random(SEED)
    people = seed_people(rng, today)
    products = seed_reference(today)
    clock.say(f"people: {people['count']} employees in {TEAMS} teams; 10 insurers, 40 products")
    n = seed_customers(rng, today, people, args.scale, clock)
    totals = seed_sales_chain(rng, today, people, products, n, clock)
    visits = seed_visits(rng, today, n, clock)
    targets = seed_targets(rng, today, people)
    clock.say(f"targets: {targets:,}")
    after = seed_aftersales(rng, today, people, clock)
    finish_database(clock)
    summary = {
        "customers": n,
        "opportunities": totals["opp"],
        "proposals": totals["proposal"],
        "applications": totals["app"],
        "policies": totals["policy"],
        "premium records": totals["premium"],
        "visits": visits,
        "sales targets": targets,
        **after,
    }
    clock.say("done: " + ", ".join(f"{v:,} {k}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
