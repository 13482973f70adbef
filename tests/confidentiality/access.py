"""Permission matrix rows of confidentiality (scenario names "cf_")."""

import datetime as dt

from django.core.files.base import ContentFile

from confidentiality import services
from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, Case, each, share
from tests.customers.factories import PDF_BYTES, make_customer

from . import access_exits
from .access_review import CASES as REVIEW_CASES
from .access_review import scenario as review_scenario
from .factories import make_agreement, make_breach, make_version, pdf_file

TODAY = dt.date.today
COMPANY = ("hr", "manager", "compliance", "superuser")
HR_ONLY = {"hr": OK, "superuser": OK}
COMPLIANCE_ONLY = {"compliance": OK, "superuser": OK}
BREACH_READERS = {"hr": OK, "manager": OK, "compliance": OK, "superuser": OK}
# the salesperson's own agreement: themselves and the company-wide roles
OWN_AGREEMENT = {
    "salesperson": OK,
    **each(COMPANY, OK),
    **each(("clerk", "supervisor", "other_salesperson", "shared_colleague"), NOT_FOUND),
}
# the salesperson's customer file (shared with shared_colleague)
CUSTOMER_A = {
    **each(("salesperson", "clerk", "supervisor", "shared_colleague"), OK),
    "manager": OK,
    "compliance": NOT_FOUND,  # compliance does not open customer files
    "superuser": OK,
    "other_salesperson": NOT_FOUND,
}
# a POST on the salesperson's customer file by those who look after it and compliance
CUSTOMER_A_POST = {
    **each(("salesperson", "clerk", "supervisor", "superuser"), REDIRECT),
    "shared_colleague": REDIRECT,
    "other_salesperson": NOT_FOUND,
}


def scenario(personas):
    hr, comp = personas["hr"], personas["compliance"]
    sales, other = personas["salesperson"], personas["other_salesperson"]
    version = make_version()
    version.document = ContentFile(PDF_BYTES, name="text.pdf")
    version.save()
    agreement = make_agreement(sales, hr, version=version, scan=pdf_file())
    unsigned = make_agreement(other, hr, version=version, signed=False)
    customer = share(make_customer(sales), personas)
    consent = services.consent_record(
        actor=sales, customer=customer, kind="financial", given_on=TODAY(), purpose="保費轉帳"
    )
    request = services.data_request_record(
        actor=sales, customer=customer, kind="correction", received_on=TODAY(), details="地址有誤"
    )
    export_request = services.data_request_record(
        actor=sales, customer=customer, kind="export", received_on=TODAY(), details="資料副本"
    )
    breach = make_breach(sales, comp)
    employees = {
        f"cf_emp_{name}": personas[name].employee
        for name in (
            "clerk",
            "supervisor",
            "other_salesperson",
            "shared_colleague",
            "hr",
            "manager",
            "compliance",
        )
    }
    return {
        **review_scenario(personas),
        "cf_version": version,
        "cf_agreement": agreement,
        "cf_agreement_other": unsigned,
        "cf_customer": customer,
        "cf_consent": consent,
        "cf_request": request,
        "cf_export_request": export_request,
        "cf_breach": breach,
        **employees,
        **access_exits.scenario(personas),
    }


UNSIGNED = {
    "cf_emp_clerk",
    "cf_emp_supervisor",
    "cf_emp_other_salesperson",
    "cf_emp_shared_colleague",
    "cf_emp_hr",
    "cf_emp_manager",
    "cf_emp_compliance",
    "cx_emp_leaver",
    "cx_emp_successor",
    "cx_emp_proposer",
}
REQUESTS = {"cf_request", "cf_export_request"}

CASES = [
    # agreement texts
    Case(
        "confidentiality:agreementversion_list",
        each(EVERYONE, OK),
        rows={p: {"cf_version"} for p in EVERYONE},
    ),
    Case("confidentiality:agreementversion_add", HR_ONLY),
    Case(
        "confidentiality:agreementversion", each(EVERYONE, OK), args=lambda o: [o["cf_version"].pk]
    ),
    Case(
        "confidentiality:agreementversion_history",
        each(EVERYONE, OK),
        args=lambda o: [o["cf_version"].pk],
    ),
    Case("confidentiality:agreementversion_edit", HR_ONLY, args=lambda o: [o["cf_version"].pk]),
    Case(
        "confidentiality:agreementversion_document",
        each(EVERYONE, OK),
        args=lambda o: [o["cf_version"].pk],
    ),
    # agreements
    Case("confidentiality:my_agreement", each(EVERYONE, OK)),
    Case(
        "confidentiality:agreement_unsigned",
        HR_ONLY,
        rows={"hr": UNSIGNED, "superuser": UNSIGNED},
    ),
    Case(
        "confidentiality:agreement_list",
        each(EVERYONE, OK),
        rows={
            "salesperson": {"cf_agreement"},
            "other_salesperson": {"cf_agreement_other"},
            **{p: set() for p in ("clerk", "supervisor", "shared_colleague")},
            **{p: {"cf_agreement", "cf_agreement_other"} for p in COMPANY},
        },
    ),
    Case("confidentiality:agreement_add", HR_ONLY),
    Case("confidentiality:agreement", OWN_AGREEMENT, args=lambda o: [o["cf_agreement"].pk]),
    Case("confidentiality:agreement_history", OWN_AGREEMENT, args=lambda o: [o["cf_agreement"].pk]),
    Case("confidentiality:agreement_scan", OWN_AGREEMENT, args=lambda o: [o["cf_agreement"].pk]),
    Case(
        "confidentiality:agreement_edit",
        {**HR_ONLY, **each(("salesperson", "clerk", "supervisor"), 403)},
        args=lambda o: [o["cf_agreement"].pk],
    ),
    Case(
        "confidentiality:agreement_sign",
        {
            "hr": REDIRECT,
            "superuser": REDIRECT,
            **each(("other_salesperson", "manager", "compliance"), 403),
            **each(("salesperson", "clerk", "supervisor", "shared_colleague"), NOT_FOUND),
        },
        method="post",
        args=lambda o: [o["cf_agreement_other"].pk],
        data={"signed_on": TODAY().isoformat()},
    ),
    # a customer's consents and data requests
    Case(
        "confidentiality:customer_privacy",
        CUSTOMER_A,
        args=lambda o: [o["cf_customer"].pk],
    ),
    Case(
        "confidentiality:consent_add",
        CUSTOMER_A_POST,
        method="post",
        args=lambda o: [o["cf_customer"].pk],
        data={"kind": "health", "given_on": TODAY().isoformat(), "purpose": "核保評估"},
    ),
    Case(
        "confidentiality:consent_withdraw",
        CUSTOMER_A_POST,
        method="post",
        args=lambda o: [o["cf_customer"].pk, o["cf_consent"].pk],
        data={"withdrawn_on": TODAY().isoformat()},
    ),
    Case(
        "confidentiality:datarequest_add",
        CUSTOMER_A_POST,
        method="post",
        args=lambda o: [o["cf_customer"].pk],
        data={"kind": "correction", "received_on": TODAY().isoformat(), "details": "電話有誤"},
    ),
    Case(
        "confidentiality:datarequest_handle",
        CUSTOMER_A_POST,
        method="post",
        args=lambda o: [o["cf_customer"].pk, o["cf_request"].pk],
        data={"status": "done", "outcome": "已更正"},
    ),
    Case(
        "confidentiality:customer_data_export",
        {
            **each(("salesperson", "clerk", "supervisor", "superuser"), OK),
            "shared_colleague": OK,
            "other_salesperson": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["cf_customer"].pk],
    ),
    Case(
        "confidentiality:customerdatarequest_list",
        {**CUSTOMER_A, "other_salesperson": OK, "compliance": OK},
        rows={
            **dict.fromkeys(CUSTOMER_A, REQUESTS),
            "other_salesperson": set(),
        },
    ),
    # breaches
    Case(
        "confidentiality:breach_list",
        BREACH_READERS,
        rows={p: {"cf_breach"} for p in BREACH_READERS},
    ),
    Case("confidentiality:breach_add", COMPLIANCE_ONLY),
    Case("confidentiality:breach", BREACH_READERS, args=lambda o: [o["cf_breach"].pk]),
    Case("confidentiality:breach_history", BREACH_READERS, args=lambda o: [o["cf_breach"].pk]),
    Case("confidentiality:breach_edit", COMPLIANCE_ONLY, args=lambda o: [o["cf_breach"].pk]),
    Case(
        "confidentiality:breach_close",
        {"compliance": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=lambda o: [o["cf_breach"].pk],
        data={"outcome": "書面警告", "closed_on": TODAY().isoformat()},
    ),
]

# --- login controls (tests/confidentiality/access_login.py) ---------------------------------

from .access_login import LOGIN_CASES, login_scenario  # noqa: E402

_agreement_scenario = scenario


def scenario(personas):  # noqa: F811
    objects = _agreement_scenario(personas)
    return {**objects, **login_scenario(personas, objects)}


CASES += LOGIN_CASES

CASES += REVIEW_CASES

CASES += access_exits.CASES
