"""Appraisal test data, made through the services."""

import datetime as dt
from decimal import Decimal

from appraisal import services
from appraisal.models import AppraisalTemplate, TemplateItem
from org.models import CalendarDay

RATED_ABILITY = [
    ("Product knowledge", 25),
    ("Sales skills", 25),
    ("Service quality", 25),
    ("Problem solving", 25),
]
RATED_ATTITUDE = [
    ("Responsibility", 25),
    ("Teamwork", 25),
    ("Learning", 25),
    ("Rule compliance", 25),
]


def make_template(
    actor, position="salesperson", *, computed=(), targets=None, results=None, kind="monthly"
):
    """A template with rated ability and attitude items; the results dimension has the
    ``computed`` codes (equal weights) or, when none, one rated item."""
    template = services.template_save(
        actor=actor,
        template=AppraisalTemplate(name=f"{position} {kind}", position=position, kind=kind),
    )
    order = 1
    if computed:
        shares = {1: [100], 2: [50, 50], 3: [50, 30, 20]}[len(computed)]
        for code, share in zip(computed, shares, strict=True):
            services.template_item_save(
                actor=actor,
                item=TemplateItem(
                    template=template,
                    dimension="results",
                    order=order,
                    label=code,
                    weight=Decimal(share),
                    target=(targets or {}).get(code),
                    method="computed",
                    computed_code=code,
                    curve=[[0, 0], [100, 90], [120, 100]],
                    cap=Decimal(100),
                ),
            )
            order += 1
    else:
        for label, weight in results or [("Sales results", 100)]:
            _rated(actor, template, "results", label, weight, order, scale="0-100")
            order += 1
    for label, weight in RATED_ABILITY:
        _rated(actor, template, "ability", label, weight, order)
        order += 1
    for label, weight in RATED_ATTITUDE:
        _rated(actor, template, "attitude", label, weight, order)
        order += 1
    return template


def _rated(actor, template, dimension, label, weight, order, scale="1-5"):
    return services.template_item_save(
        actor=actor,
        item=TemplateItem(
            template=template,
            dimension=dimension,
            order=order,
            label=label,
            weight=Decimal(weight),
            method="rated",
            scale=scale,
            anchors="Poor\nFair\nGood\nVery good\nOutstanding" if scale == "1-5" else "",
        ),
    )


def holiday(day, kind="statutory", name="Holiday"):
    return CalendarDay.objects.create(day=day, kind=kind, name=name)


def open_round(hr, year=2026, month=10, teams=None):
    return services.round_open(actor=hr, kind="monthly", year=year, month=month, teams=teams)


def ratings(appraisal, value=4, results=80):
    """{round item pk: rating} for every rated item of ``appraisal``."""
    out = {}
    for row in appraisal.items.select_related("item"):
        if row.item.is_computed:
            continue
        out[row.item_id] = results if row.item.scale == "0-100" else value
    return out


def walk_to(appraisal, stage, *, employee, supervisor, hr, today=None):
    """Take ``appraisal`` through the steps up to ``stage``."""
    order = ["self", "supervisor", "hr", "interview", "closed"]
    target = order.index(stage)
    if target >= 1:
        services.self_submit(
            actor=employee, appraisal=appraisal, ratings=ratings(appraisal), comment="Mine"
        )
    if target >= 2:
        services.supervisor_submit(
            actor=supervisor,
            appraisal=appraisal,
            ratings=ratings(appraisal, 5, 90),
            comment="Good work",
            private_notes="PRIVATE-NOTE-XYZ",
        )
    if target >= 3:
        services.hr_consolidate(actor=hr, appraisal=appraisal)
    if target >= 4:
        services.interview_record(
            actor=supervisor,
            appraisal=appraisal,
            date=today or dt.date.today(),
            discussed="The month",
            strengths="Calls",
            problems="Files",
            goals="More visits",
        )
        services.employee_acknowledge(actor=employee, appraisal=appraisal)
    appraisal.refresh_from_db()
    return appraisal
