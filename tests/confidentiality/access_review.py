"""Permission matrix rows of the access review and record classes (scenario names "rv_"),
added to confidentiality's (access.py)."""

import datetime as dt

from confidentiality import services
from confidentiality.models import AccessAlert
from core.models import AccessLog
from core.services import access_log
from tests.access import NOT_FOUND, OK, REDIRECT, Case
from tests.customers.factories import make_attachment, make_customer

COMPLIANCE_ONLY = {"compliance": OK, "superuser": OK}


def scenario(personas):
    sales, comp = personas["salesperson"], personas["compliance"]
    customer = make_customer(sales)
    attachment = make_attachment(customer)
    seen = access_log(user=sales, obj=customer)
    elsewhere = access_log(user=sales, obj=make_customer(personas["other_salesperson"]))
    alert, _new = AccessAlert.objects.get_or_create(
        rule=AccessAlert.Rule.MANY_VIEWS,
        user=sales,
        day=dt.date.today() - dt.timedelta(days=1),
        defaults={"count": 80, "usual": 3},
    )
    record_class = services.record_class_set(
        actor=personas["superuser"], obj=attachment, level="secret", reason="含病歷"
    )
    del comp, elsewhere
    return {
        "rv_customer": customer,
        "rv_attachment": attachment,
        "rv_seen": [
            seen,
            *AccessLog.objects.filter(object_id=str(customer.pk)).exclude(pk=seen.pk),
        ],
        "rv_alert": alert,
        "rv_class": record_class,
    }


CASES = [
    Case(
        "confidentiality:accessalert_list",
        COMPLIANCE_ONLY,
        rows=dict.fromkeys(COMPLIANCE_ONLY, {"rv_alert"}),
    ),
    Case("confidentiality:accessalert_list", COMPLIANCE_ONLY, query="?export=xlsx"),
    Case("confidentiality:accessalert", COMPLIANCE_ONLY, args=lambda o: [o["rv_alert"].pk]),
    Case("confidentiality:accessalert_history", COMPLIANCE_ONLY, args=lambda o: [o["rv_alert"].pk]),
    Case(
        "confidentiality:accessalert_close",
        {"compliance": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=lambda o: [o["rv_alert"].pk],
        data={"note": "已向當事人核實,為續保集中處理。"},
    ),
    Case(
        "confidentiality:customer_access",
        COMPLIANCE_ONLY,
        args=lambda o: [o["rv_customer"].pk],
        rows=dict.fromkeys(COMPLIANCE_ONLY, {"rv_seen"}),
    ),
    Case(
        "confidentiality:recordclass_list",
        COMPLIANCE_ONLY,
        rows=dict.fromkeys(COMPLIANCE_ONLY, {"rv_class"}),
    ),
    Case("confidentiality:recordclass", COMPLIANCE_ONLY, args=lambda o: [o["rv_class"].pk]),
    Case("confidentiality:recordclass_history", COMPLIANCE_ONLY, args=lambda o: [o["rv_class"].pk]),
    # supervisors and compliance set the class of a record they may open
    Case(
        "confidentiality:record_classify",
        {"supervisor": OK, "superuser": OK, "compliance": NOT_FOUND},
        args=lambda o: ["customers.customerattachment", o["rv_attachment"].pk],
    ),
]
