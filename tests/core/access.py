"""Permission matrix of the frame's own pages."""

from core import params
from core.models import TaskRun
from core.services import notify
from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, Case, each

SAMPLE = params.define("tests.sample_days", 14, "Sample days", "used by the access tests")


def scenario(personas):
    salesperson = personas["salesperson"]
    return {
        "notification": notify(recipient=salesperson, title="hello", url="/"),
        "taskrun": TaskRun.objects.create(name="export", user=salesperson),
    }


_LOGS = {"compliance": OK, "superuser": OK}

CASES = [
    Case("home", each(EVERYONE, OK)),
    Case("password_change", each(EVERYONE, OK)),
    Case("password_change_done", each(EVERYONE, OK)),
    Case("core:notification_list", each(EVERYONE, OK)),
    Case("core:notification_menu", each(EVERYONE, OK)),
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
    Case("core:accesslog_list", _LOGS),
    Case("core:accesslog_list", _LOGS, query="?export=xlsx"),
    Case("core:exportlog_list", _LOGS),
    Case("core:auditevent_list", _LOGS),
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
]
