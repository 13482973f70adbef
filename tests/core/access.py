"""Permission matrix of the frame's own pages."""

import io

from django.core.files.base import ContentFile
from openpyxl import Workbook

from core import params
from core.models import AccessLog, AuditEvent, ExportLog, ExportRequest, SavedView, TaskRun
from core.services import access_log, audit_event, export_log, notify
from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, Case, each
from tests.customers.factories import make_customer

SAMPLE = params.define("tests.sample_days", 14, "Sample days", "used by the access tests")


def scenario(personas):
    salesperson, other = personas["salesperson"], personas["other_salesperson"]
    objects = {
        "notification": notify(recipient=salesperson, title="hello", url="/"),
        "notification_b": notify(recipient=other, title="hello", url="/"),
        "taskrun": TaskRun.objects.create(name="export", user=salesperson),
        "audit_event": audit_event(actor=salesperson, verb="test", message="test"),
        "access_log": access_log(user=salesperson, obj=salesperson.employee),
        "export_log": export_log(user=other, what="test", file_format="xlsx", row_count=1),
        "saved_view": SavedView.objects.get_or_create(
            user=salesperson, list_name="customers:customer_list", name="mine", query="q=a"
        )[0],
    }
    # a customer file whose history holds a mobile (the history "show" control)
    customer = make_customer(salesperson, mobile="13812345678")
    objects["customer_history"] = (customer, customer.history.latest().history_id)
    # clear export requests: the clerk's, approved by team A's supervisor; one with its file
    requests = {}
    for name, status in (("export_request", "pending"), ("export_done", "done")):
        requests[name] = ExportRequest.objects.create(
            requester=personas["clerk"],
            approver=personas["supervisor"],
            what="客戶名單",
            view="customers.views.customer_list.CustomerListView",
            list_path="/customers/customers/",
            query="{}",
            purpose="續保名單",
            row_count=1,
            status=status,
        )
    book = io.BytesIO()
    Workbook().save(book)
    requests["export_done"].file.save("export.xlsx", ContentFile(book.getvalue()))
    objects.update(requests)
    objects["export_requests"] = list(requests.values())
    # the company-wide logs list every row, including those the fixtures wrote
    objects["audit_events"] = list(AuditEvent.objects.all())
    objects["access_logs"] = list(AccessLog.objects.all())
    objects["export_logs"] = list(ExportLog.objects.all())
    return objects


_LOGS = {"compliance": OK, "superuser": OK}
# Notifications are the recipient's own: nobody sees another's.
_NOTIFICATIONS = {
    **dict.fromkeys(EVERYONE, set()),
    "salesperson": {"notification"},
    "other_salesperson": {"notification_b"},
}

CASES = [
    Case("home", each(EVERYONE, OK)),
    Case("password_change", each(EVERYONE, OK)),
    Case("password_change_done", each(EVERYONE, OK)),
    Case("core:notification_list", each(EVERYONE, OK), rows=_NOTIFICATIONS),
    Case(
        "core:notification_menu",
        each(EVERYONE, OK),
        rows=_NOTIFICATIONS,
        shown=lambda context: context["items"],
    ),
    Case("core:notification_read_all", each(EVERYONE, 405)),
    Case(
        "core:notification",
        {"salesperson": REDIRECT},
        args=lambda o: [o["notification"].pk],
        default=NOT_FOUND,
    ),
    Case(
        "core:taskrun",
        {"salesperson": OK, "superuser": OK},
        args=lambda o: [o["taskrun"].pk],
        default=NOT_FOUND,
    ),
    Case("core:accesslog_list", _LOGS, rows=dict.fromkeys(_LOGS, {"access_logs"})),
    Case("core:accesslog_list", _LOGS, query="?export=xlsx"),
    Case("core:exportlog_list", _LOGS, rows=dict.fromkeys(_LOGS, {"export_logs"})),
    Case("core:auditevent_list", _LOGS, rows=dict.fromkeys(_LOGS, {"audit_events"})),
    Case(
        "core:parameter_list",
        {**each(("supervisor", "hr", "manager", "compliance", "superuser"), OK)},
    ),
    # company settings: the administrator's (the manager is read-only)
    Case("core:parameter_edit", {"superuser": OK}, args=lambda o: [SAMPLE.key]),
    # the pickers' search answers everyone signed in; what it lists is restricted per user
    # (tests/core/test_pickers.py), and an unknown source is not found
    Case("core:picker", each(EVERYONE, OK), args=lambda o: ["customers.customer"]),
    Case("core:picker", each(EVERYONE, NOT_FOUND), args=lambda o: ["no.such.source"]),
    # saved views: anyone saves their own; only the owner changes or removes one
    # A bulk action (core.bulk): the list's own permission first (HR and compliance have no
    # customer list); with nothing selected, back to the list with a message.
    Case(
        "core:bulk",
        {
            **each(
                (
                    "clerk",
                    "salesperson",
                    "other_salesperson",
                    "shared_colleague",
                    "supervisor",
                    "manager",
                    "superuser",
                ),
                REDIRECT,
            ),
        },
        method="post",
        args=lambda o: ["customers:customer_list"],
        data={"action": "export", "query": ""},
    ),
    Case(
        "core:savedview_save",
        each(EVERYONE, REDIRECT),
        method="post",
        data={"list_name": "customers:customer_list", "name": "v", "query": "q=b"},
    ),
    Case(
        "core:savedview_default",
        {"salesperson": REDIRECT},
        method="post",
        args=lambda o: [o["saved_view"].pk],
        data={"on": "1"},
        default=NOT_FOUND,
    ),
    Case(
        "core:savedview_delete",
        {"salesperson": REDIRECT},
        method="post",
        args=lambda o: [o["saved_view"].pk],
        default=NOT_FOUND,
    ),
    # clear export requests: the requester's and the approving supervisor's; the decision is
    # the approver's, the file the requester's only
    Case(
        "core:exportrequest_list",
        {
            **each(("clerk", "salesperson", "other_salesperson", "shared_colleague"), OK),
            "supervisor": OK,
            "superuser": OK,
        },
        rows={
            **dict.fromkeys(("salesperson", "other_salesperson", "shared_colleague"), set()),
            **dict.fromkeys(("clerk", "supervisor", "superuser"), {"export_requests"}),
        },
    ),
    Case(
        "core:exportrequest",
        {
            "clerk": OK,
            "supervisor": OK,
            "superuser": OK,
            **each(("salesperson", "other_salesperson", "shared_colleague"), NOT_FOUND),
        },
        args=lambda o: [o["export_request"].pk],
    ),
    *(
        Case(
            name,
            {
                "supervisor": REDIRECT,
                "superuser": REDIRECT,
                **each(("salesperson", "other_salesperson", "shared_colleague"), NOT_FOUND),
            },
            method="post",
            args=lambda o: [o["export_request"].pk],
            data={"note": "範圍過大"},
        )
        for name in ("core:exportrequest_approve", "core:exportrequest_reject")
    ),
    Case(
        "core:exportrequest_download",
        {"clerk": OK, **each(("salesperson", "other_salesperson", "shared_colleague"), NOT_FOUND)},
        args=lambda o: [o["export_done"].pk],
    ),
    # a sensitive value of a record's history: those who see the file and may unmask numbers;
    # the manager sees the file but not numbers; HR and compliance have no customer pages
    Case(
        "core:history_unmask",
        {
            **each(("salesperson", "clerk", "supervisor", "superuser"), OK),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        method="post",
        args=lambda o: [
            "customers.customer",
            o["customer_history"][0].pk,
            o["customer_history"][1],
            "mobile",
        ],
    ),
]
