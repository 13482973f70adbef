"""Permission matrix of the underwriting pages.

The scenario: a customer of the salesperson (team A: the clerk supports it, the supervisor
leads it) whose accepted proposal spans two insurers, so two applications: one being prepared
with a document waiting for the check, the other accepted, its policy issued and delivered.
Nothing of team A is visible to the other team's salesperson (404). The customer's file is
shared with the shared colleague (team B), who therefore sees its applications and policies
(they inherit the file's scope). Team B has a policy of the other salesperson (and its
application). HR and compliance have no underwriting pages (403); managers read everything.
"""

import datetime as dt

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, each, share, team_b_policy
from tests.underwriting import factories as f
from underwriting import services
from underwriting.models import Application, ApplicationDocument, RequiredDocument

SEE = {
    "clerk": OK,
    "salesperson": OK,
    "supervisor": OK,
    "manager": OK,
    "superuser": OK,
    "other_salesperson": NOT_FOUND,
    "shared_colleague": OK,  # the customer's file is shared with them
    "hr": FORBIDDEN,
    "compliance": FORBIDDEN,
}
LIST_USERS = (
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",
    "supervisor",
    "manager",
    "superuser",
)
LIST = each(LIST_USERS, OK)
CLERK_PAGE = {"clerk": OK, "superuser": OK}  # the clerk's work pages (403 for the rest)
# A clerk's POST step: a redirect for the clerk; 403 without the permission; 404 for a row
# the user cannot see at all.
CLERK_POST = {
    "clerk": REDIRECT,
    "superuser": REDIRECT,
    "salesperson": FORBIDDEN,
    "supervisor": FORBIDDEN,
    "manager": FORBIDDEN,
    "other_salesperson": NOT_FOUND,
    "shared_colleague": FORBIDDEN,
}
UPLOAD_POST = {**CLERK_POST, "salesperson": REDIRECT, "shared_colleague": REDIRECT}
RULES_EDIT = {"supervisor": OK, "superuser": OK}  # the manager is read-only


def scenario(personas):
    salesperson, clerk = personas["salesperson"], personas["clerk"]
    services.ensure_default_checklist()
    customer = share(f.make_full_customer(salesperson), personas)
    proposal = f.make_accepted_proposal(
        customer, salesperson=salesperson, clerk=clerk, lines=f.two_insurer_lines()
    )
    draft, issued = services.application_create_from_proposal(
        actor=clerk, proposal=proposal, bank_account="6222020200112233445"
    )
    document = services.document_upload(
        actor=salesperson,
        application=draft,
        kind="application_form",
        file=f.pdf(),
    )
    f.upload_required(issued, salesperson)
    f.accept_all(issued, clerk)
    issued = services.application_submit(actor=clerk, application=issued, channel="portal")
    issued = services.application_decide(
        actor=clerk, application=issued, decision=Application.Status.ACCEPTED
    )
    line = issued.lines.first()
    policy = f.issue_policy(issued, clerk, effective_date=dt.date.today())
    today = dt.date.today()
    services.policy_deliver(
        actor=clerk,
        policy=policy,
        delivered_on=today,
        method="in_person",
        receipt_signed_on=today,
        receipt=f.pdf("receipt.pdf"),
        explained_coverage=True,
        explained_exclusions=True,
        explained_claims=True,
        explained_cooling_off=True,
    )
    rule = RequiredDocument.objects.first()
    policy_b = team_b_policy(personas)
    return {
        "policy_b": policy_b,
        "application_b": policy_b.application,
        "rules": list(RequiredDocument.objects.all()),
        "draft": draft,
        "issued": issued,
        "line": line,
        "document": ApplicationDocument.objects.get(pk=document.pk),
        "policy": policy,
        "premium": policy.premiums.order_by("due_date").last(),
        "rule": rule,
    }


def _draft(o):
    return [o["draft"].pk]


def _policy(o):
    return [o["policy"].pk]


def _rows(a, b):
    """Rows of a list: team A's (``a``, also the shared colleague's: the file is shared with
    them) and team B's (``b``)."""
    a, b = set(a), set(b)
    return {
        **dict.fromkeys(("clerk", "salesperson", "supervisor", "shared_colleague"), a),
        "other_salesperson": b,
        "manager": a | b,
        "superuser": a | b,
    }


APPLICATIONS = _rows({"draft", "issued"}, {"application_b"})
POLICIES = _rows({"policy"}, {"policy_b"})

ALL_CASES = [
    # applications
    Case("underwriting:application_list", LIST, rows=APPLICATIONS),
    Case("underwriting:application_list", LIST, query="?work=overdue&status=submitted"),
    Case("underwriting:application_add", CLERK_PAGE),
    Case("underwriting:application", SEE, args=_draft),
    Case("underwriting:application", SEE, args=lambda o: [o["issued"].pk]),
    Case(
        "underwriting:application_edit", {**CLERK_PAGE, "other_salesperson": FORBIDDEN}, args=_draft
    ),
    Case(
        "underwriting:application_beneficiaries",
        {**CLERK_PAGE, "other_salesperson": FORBIDDEN},
        args=_draft,
    ),
    Case("underwriting:application_documents", SEE, args=_draft),
    Case("underwriting:application_communications", SEE, args=_draft),
    Case(
        "underwriting:application_communications",
        {**UPLOAD_POST, "clerk": OK, "salesperson": OK, "shared_colleague": OK, "superuser": OK},
        args=_draft,
        method="post",
        data={"party": "customer"},  # incomplete: the form is shown again with errors
    ),
    Case("underwriting:application_history", SEE, args=_draft),
    Case("underwriting:application_timeline", SEE, args=_draft),
    Case(
        "underwriting:document_upload",
        UPLOAD_POST,
        args=_draft,
        method="post",
        data={"kind": "id_copies"},
    ),
    Case(
        "underwriting:document_check",
        CLERK_POST,
        args=lambda o: [o["draft"].pk, o["document"].pk],
        method="post",
        data={"decision": "reject", "reason": "unsigned"},
    ),
    Case("underwriting:document_file", SEE, args=lambda o: [o["document"].pk]),
    Case(
        "underwriting:application_step",
        CLERK_POST,
        args=lambda o: [o["draft"].pk, "submit"],
        method="post",
        data={"channel": "portal", "submitted_on": "2026-01-05"},
    ),
    Case(
        "underwriting:policy_issue",
        CLERK_PAGE,
        args=lambda o: [o["issued"].pk, o["line"].pk],
    ),
    # policies
    Case("underwriting:policy_list", LIST, rows=POLICIES),
    Case("underwriting:policy_list", LIST, query="?delivered=no&status=in_force"),
    Case("underwriting:policy", SEE, args=_policy),
    Case("underwriting:policy_premiums", SEE, args=_policy),
    Case("underwriting:policy_documents", SEE, args=_policy),
    Case("underwriting:policy_communications", SEE, args=_policy),
    Case("underwriting:policy_timeline", SEE, args=_policy),
    Case("underwriting:policy_history", SEE, args=_policy),
    Case("underwriting:policy_receipt", SEE, args=_policy),
    Case("underwriting:policy_deliver", CLERK_PAGE, args=_policy),
    Case(
        "underwriting:policy_cancel",
        CLERK_POST,
        args=_policy,
        method="post",
        data={"cancelled_on": "2026-01-05", "refund_amount": "0", "reason": "x"},
    ),
    Case(
        "underwriting:premium_pay",
        CLERK_POST,
        args=lambda o: [o["policy"].pk, o["premium"].pk],
        method="post",
        data={"paid_on": "2026-01-05"},
    ),
    # the checklist rules (company reference data: visible to every underwriting role)
    Case("underwriting:requireddocument_list", LIST, rows=dict.fromkeys(LIST_USERS, {"rules"})),
    Case("underwriting:requireddocument_add", RULES_EDIT),
    Case("underwriting:requireddocument_edit", RULES_EDIT, args=lambda o: [o["rule"].pk]),
    Case("underwriting:requireddocument_delete", RULES_EDIT, args=lambda o: [o["rule"].pk]),
]


CASES = ALL_CASES
