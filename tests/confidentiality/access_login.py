"""Permission matrix rows of the login controls (scenario name "cf_loginrule")."""

from confidentiality.models import LoginRule
from tests.access import EVERYONE, OK, REDIRECT, Case, each

COMPLIANCE_ONLY = {"compliance": OK, "superuser": OK}


def login_scenario(personas):
    # Not in force: the matrix's own requests are not limited by it.
    rule, _created = LoginRule.objects.update_or_create(
        role="clerk", defaults={"active": False, "networks": "10.0.0.0/8"}
    )
    return {"cf_loginrule": rule, "cf_two_factor_user": personas["salesperson"]}


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
]
