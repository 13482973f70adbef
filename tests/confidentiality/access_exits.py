"""Permission matrix rows of retention, destruction and exit audits (scenario names
"cx_"): compliance alone keeps the retention schedule and destroys; HR starts exit audits,
HR and compliance work them, compliance reviews and closes them."""

import datetime as dt

from django.utils import timezone

from confidentiality.models import DestructionCandidate, DocumentKind
from confidentiality.services import exits, retention
from core.roles import Role
from sales.models import Visit
from tests.access import OK, REDIRECT, Case
from tests.customers.factories import make_customer
from tests.factories import make_employee

from .factories import pdf_file

TODAY = dt.date.today
COMPLIANCE = {"compliance": OK, "superuser": OK}
COMPLIANCE_POST = {"compliance": REDIRECT, "superuser": REDIRECT}
EXIT_READERS = {"hr": OK, "compliance": OK, "superuser": OK}
EXIT_WORKERS = {"hr": REDIRECT, "compliance": REDIRECT, "superuser": REDIRECT}
# HR has the audit's permissions but not the close: the step is refused
EXIT_CLOSERS = {"hr": 403, "compliance": REDIRECT, "superuser": REDIRECT}


def scenario(personas):
    hr = personas["hr"]
    team = personas["salesperson"].employee.team
    leaver = make_employee(Role.SALESPERSON, team=team)
    successor = make_employee(Role.SALESPERSON, team=team)
    audit = exits.exit_start(
        actor=hr,
        employee=leaver.employee,
        leaving_on=TODAY() + dt.timedelta(days=30),
        successor=successor.employee,
        items=[("device", "筆記型電腦")],
    )
    exits.exit_reminder_file(
        actor=hr, audit=audit, scan=pdf_file("reminder.pdf"), signed_on=TODAY()
    )
    rules = {f"cx_rule_{r.kind}": r for r in retention.schedule_ensure()}
    customer = make_customer(personas["salesperson"])
    visit = Visit.objects.create(
        customer=customer,
        kind="phone",
        starts_at=timezone.now() - dt.timedelta(days=365 * 6),
        purpose="介紹",
        owner=customer.owner,
    )
    retention.retention_scan()
    candidate = DestructionCandidate.objects.get(object_id=visit.pk, kind=DocumentKind.VISIT_RECORD)
    proposer = make_employee(Role.COMPLIANCE)
    batch = retention.destruction_propose(actor=proposer, candidates=[candidate])
    return {
        "cx_exit": audit,
        "cx_item": audit.items.get(),
        "cx_candidate": candidate,
        "cx_batch": batch,
        # people without an agreement (the unsigned list names them)
        "cx_emp_leaver": leaver.employee,
        "cx_emp_successor": successor.employee,
        "cx_emp_proposer": proposer.employee,
        **rules,
    }


RULES = {f"cx_rule_{kind}" for kind in DocumentKind.values}


def _exit(o):
    return [o["cx_exit"].pk]


def _batch(o):
    return [o["cx_batch"].pk]


CASES = [
    # retention and destruction
    Case("confidentiality:retentionrule_list", COMPLIANCE, rows=dict.fromkeys(COMPLIANCE, RULES)),
    Case(
        "confidentiality:retentionrule",
        COMPLIANCE,
        args=lambda o: [o[f"cx_rule_{DocumentKind.VISIT_RECORD}"].pk],
    ),
    Case(
        "confidentiality:retentionrule_history",
        COMPLIANCE,
        args=lambda o: [o[f"cx_rule_{DocumentKind.VISIT_RECORD}"].pk],
    ),
    Case(
        "confidentiality:retentionrule_edit",
        COMPLIANCE,
        args=lambda o: [o[f"cx_rule_{DocumentKind.VISIT_RECORD}"].pk],
    ),
    Case(
        "confidentiality:destructioncandidate_list",
        COMPLIANCE,
        rows={p: {"cx_candidate"} for p in COMPLIANCE},
    ),
    Case(
        "confidentiality:destructionbatch_propose",
        COMPLIANCE_POST,
        method="post",
        data={"candidates": ["0"], "reason": "屆期"},
    ),
    Case(
        "confidentiality:destructionbatch_list",
        COMPLIANCE,
        rows={p: {"cx_batch"} for p in COMPLIANCE},
    ),
    Case("confidentiality:destructionbatch", COMPLIANCE, args=_batch),
    Case("confidentiality:destructionbatch_history", COMPLIANCE, args=_batch),
    Case(
        "confidentiality:destructionbatch_approve",
        COMPLIANCE_POST,
        method="post",
        args=_batch,
        data={"note": "同意"},
    ),
    Case(
        "confidentiality:destructionbatch_reject",
        COMPLIANCE_POST,
        method="post",
        args=_batch,
        data={"note": "不同意"},
    ),
    Case(
        "confidentiality:destructionbatch_destroy",
        COMPLIANCE_POST,
        method="post",
        args=_batch,
        data={"x": "1"},
    ),
    Case("confidentiality:destructionrecord_list", COMPLIANCE, rows={p: set() for p in COMPLIANCE}),
    # exit audits
    Case(
        "confidentiality:exitaudit_list", EXIT_READERS, rows={p: {"cx_exit"} for p in EXIT_READERS}
    ),
    Case("confidentiality:exitaudit_add", {"hr": OK, "superuser": OK}),
    Case("confidentiality:exitaudit", EXIT_READERS, args=_exit),
    Case("confidentiality:exitaudit_history", EXIT_READERS, args=_exit),
    Case("confidentiality:exitaudit_report", EXIT_READERS, args=_exit),
    Case("confidentiality:exitaudit_report", EXIT_READERS, args=_exit, query="?format=xlsx"),
    Case("confidentiality:exitaudit_report", EXIT_READERS, args=_exit, query="?format=pdf"),
    Case("confidentiality:exitaudit_reminder_scan", EXIT_READERS, args=_exit),
    Case(
        "confidentiality:exitaudit_deactivate",
        EXIT_WORKERS,
        method="post",
        args=_exit,
        data={"x": "1"},
    ),
    Case(
        "confidentiality:exitaudit_revoke", EXIT_WORKERS, method="post", args=_exit, data={"x": "1"}
    ),
    Case(
        "confidentiality:exitaudit_handover",
        EXIT_WORKERS,
        method="post",
        args=_exit,
        data={"x": "1"},
    ),
    Case(
        "confidentiality:exitaudit_item_add",
        EXIT_WORKERS,
        method="post",
        args=_exit,
        data={"kind": "device", "description": "門禁卡"},
    ),
    Case(
        "confidentiality:exitaudit_item_return",
        EXIT_WORKERS,
        method="post",
        args=lambda o: [o["cx_exit"].pk, o["cx_item"].pk],
        data={"x": "1"},
    ),
    Case(
        "confidentiality:exitaudit_reminder",
        EXIT_WORKERS,
        method="post",
        args=_exit,
        data={"signed_on": TODAY().isoformat()},
    ),
    Case(
        "confidentiality:exitaudit_review",
        EXIT_CLOSERS,
        method="post",
        args=_exit,
        data={"note": "無異常"},
    ),
    Case(
        "confidentiality:exitaudit_close",
        EXIT_CLOSERS,
        method="post",
        args=_exit,
        data={"note": "完成"},
    ),
]
