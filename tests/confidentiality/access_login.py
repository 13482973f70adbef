"""Permission matrix rows of the login controls (scenario name "cf_loginrule")."""

import datetime as dt

from django.core.files.base import ContentFile

from confidentiality import services
from confidentiality.models import LoginRule
from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, Case, each
from tests.customers.factories import PDF_BYTES

from .access import CUSTOMER_A

COMPLIANCE_ONLY = {"compliance": OK, "superuser": OK}


def login_scenario(personas, objects):
    # Not in force: the matrix's own requests are not limited by it.
    rule, _created = LoginRule.objects.update_or_create(
        role="clerk", defaults={"active": False, "networks": "10.0.0.0/8"}
    )
    consent = services.consent_record(
        actor=personas["salesperson"],
        customer=objects["cf_customer"],
        kind="health",
        given_on=dt.date.today(),
        purpose="核保評估",
        evidence=ContentFile(PDF_BYTES, name="consent.pdf"),
    )
    return {
        "cf_loginrule": rule,
        "cf_two_factor_user": personas["salesperson"],
        "cf_consent_signed": consent,
    }


LOGIN_CASES = [
    Case(
        "confidentiality:loginrule_list",
        COMPLIANCE_ONLY,
        rows={p: {"cf_loginrule"} for p in COMPLIANCE_ONLY},
    ),
    Case("confidentiality:loginrule_add", COMPLIANCE_ONLY),
    Case("confidentiality:loginrule", COMPLIANCE_ONLY, args=lambda o: [o["cf_loginrule"].pk]),
    Case(
        "confidentiality:loginrule_history", COMPLIANCE_ONLY, args=lambda o: [o["cf_loginrule"].pk]
    ),
    Case("confidentiality:loginrule_edit", COMPLIANCE_ONLY, args=lambda o: [o["cf_loginrule"].pk]),
    Case(
        "confidentiality:loginrule_delete", COMPLIANCE_ONLY, args=lambda o: [o["cf_loginrule"].pk]
    ),
    # the sign-in steps: a session that passed both factors is sent on from the code page
    Case("confidentiality:two_factor_verify", each(EVERYONE, REDIRECT)),
    Case("confidentiality:two_factor_enrol", each(EVERYONE, OK)),
    Case("confidentiality:two_factor_codes", each(EVERYONE, OK)),
    Case("confidentiality:my_security", each(EVERYONE, OK)),
    Case("confidentiality:two_factor_users", COMPLIANCE_ONLY),
    Case(
        "confidentiality:two_factor_reset",
        {"compliance": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=lambda o: [o["cf_two_factor_user"].pk],
        data={"reason": "手機遺失"},
    ),
    # a customer's data copy as a PDF, the signed consent form
    Case(
        "confidentiality:customer_data_export_pdf",
        {
            **each(("salesperson", "clerk", "supervisor", "superuser"), OK),
            "shared_colleague": OK,
            "other_salesperson": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["cf_customer"].pk],
    ),
    Case(
        "confidentiality:consent_evidence",
        CUSTOMER_A,
        args=lambda o: [o["cf_customer"].pk, o["cf_consent_signed"].pk],
    ),
]
