"""Permission matrix of the after-sales pages.

The scenario: a delivered policy of the salesperson's customer (team A: the clerk supports
it, the supervisor leads it) with its follow-up, a claim with a paper uploaded, a complaint,
a service request with a document, and a renewal with its reminder. Nothing of team A is
visible to the other team's salesperson (404). The customer's file is shared with the shared
colleague (team B), who sees everything of it here (each record inherits the file's scope).
Team B has a policy of the other salesperson with a follow-up, a claim, a complaint, a
service request and a renewal (``*_b``). HR and compliance have no after-sales pages (403);
managers read everything.
"""

import datetime as dt

from aftersales import services
from aftersales.models import ClaimRequiredDocument, FollowUp, Renewal, ServiceRequest
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, each, share, team_b_policy
from tests.aftersales import factories as f
from tests.underwriting.factories import pdf
from underwriting.services import ensure_default_checklist

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
CLERK_PAGE = {"clerk": OK, "superuser": OK}
FOLLOW_UP_PAGE = {"clerk": OK, "supervisor": OK, "superuser": OK}
# A POST step: a redirect for those allowed; 403 without the permission; 404 for a row the
# user cannot see at all.
POST_BASE = {
    "salesperson": FORBIDDEN,
    "shared_colleague": FORBIDDEN,
    "supervisor": FORBIDDEN,
    "manager": FORBIDDEN,
}
CLERK_POST = {**POST_BASE, "clerk": REDIRECT, "superuser": REDIRECT, "other_salesperson": NOT_FOUND}
RULES_EDIT = {"supervisor": OK, "superuser": OK}  # the manager is read-only


def scenario(personas):
    salesperson, clerk = personas["salesperson"], personas["clerk"]
    ensure_default_checklist()
    services.ensure_default_claim_checklist()
    policy = f.make_policy(salesperson, clerk)
    share(policy.customer, personas)
    claim = f.make_claim(policy, clerk)
    document = services.claim_document_upload(
        actor=clerk, claim=claim, kind="claim_form", file=pdf()
    )
    complaint = f.make_complaint(policy.customer, salesperson, policy=policy)
    request = services.service_request_create(
        actor=clerk, policy=policy, kind="other", description="寄送保單副本"
    )
    request_document = services.service_request_document_upload(
        actor=clerk, request=request, file=pdf(), description="申請書"
    )
    services.renewals_send_reminders()
    return {
        **_team_b(personas),
        "late_policy": _late_policy(policy.customer),
        "policy": policy,
        "follow_up": FollowUp.objects.get(policy=policy),
        "claim": claim,
        "document": document,
        "complaint": complaint,
        "request": request,
        "request_document": request_document,
        "renewal": Renewal.objects.filter(policy=policy).first(),
        "rule": ClaimRequiredDocument.objects.first(),
    }


def _team_b(personas):
    """The other salesperson's policy and its after-sales records, made directly."""
    from tests.reports import factories as rf

    today = dt.date.today()
    # issued long ago and never delivered: an incomplete policy file
    policy = team_b_policy(personas, issued_on=today - dt.timedelta(days=90))
    return {
        "policy_b": policy,
        "follow_up_b": rf.follow_up(policy, due_date=today),
        "claim_b": rf.claim(policy, reported_on=today),
        "complaint_b": rf.complaint(policy.customer, received_on=today),
        "request_b": ServiceRequest.objects.create(
            policy=policy, customer=policy.customer, kind="other", description="地址變更"
        ),
        "renewal_b": rf.renewal(policy, due_date=today + dt.timedelta(days=30)),
        "rules": list(ClaimRequiredDocument.objects.all()),
    }


def _late_policy(customer):
    """A team-A policy issued long ago and never delivered: an incomplete policy file."""
    from tests.reports import factories as rf
    from tests.sales.factories import make_product

    issued_on = dt.date.today() - dt.timedelta(days=90)
    return rf.policy(customer, issued_on=issued_on, product_=make_product())


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


def _pk(name):
    return lambda o: [o[name].pk]


CASES = [
    # follow-ups
    Case("aftersales:followup_list", LIST, rows=_rows({"follow_up"}, {"follow_up_b"})),
    Case("aftersales:followup_list", LIST, query="?work=overdue&status=scheduled"),
    Case("aftersales:followup_add", FOLLOW_UP_PAGE),
    Case("aftersales:followup", SEE, args=_pk("follow_up")),
    Case("aftersales:followup_history", SEE, args=_pk("follow_up")),
    Case("aftersales:followup_timeline", SEE, args=_pk("follow_up")),
    Case(
        "aftersales:followup_attempt",
        {**FOLLOW_UP_PAGE, "other_salesperson": FORBIDDEN},
        args=_pk("follow_up"),
    ),
    Case(
        "aftersales:followup_cancel",
        {**CLERK_POST, "supervisor": REDIRECT},
        args=_pk("follow_up"),
        method="post",
        data={"reason": "客戶要求不再來電"},
    ),
    # claims
    Case("aftersales:claim_list", LIST, rows=_rows({"claim"}, {"claim_b"})),
    Case("aftersales:claim_list", LIST, query="?work=overdue"),
    Case("aftersales:claim_add", CLERK_PAGE),
    Case("aftersales:claim", SEE, args=_pk("claim")),
    Case("aftersales:claim_edit", {**CLERK_PAGE, "supervisor": OK}, args=_pk("claim")),
    Case("aftersales:claim_history", SEE, args=_pk("claim")),
    Case("aftersales:claim_timeline", SEE, args=_pk("claim")),
    Case("aftersales:claim_documents", SEE, args=_pk("claim")),
    Case(
        "aftersales:claim_document_upload",
        {**CLERK_POST, "salesperson": REDIRECT, "shared_colleague": REDIRECT},
        args=_pk("claim"),
        method="post",
        data={"kind": "id_copy"},
    ),
    Case(
        "aftersales:claim_document_check",
        CLERK_POST,
        args=lambda o: [o["claim"].pk, o["document"].pk],
        method="post",
        data={"decision": "reject", "reason": "模糊"},
    ),
    Case("aftersales:claim_document_file", SEE, args=_pk("document")),
    Case("aftersales:claim_updates", SEE, args=_pk("claim")),
    Case(
        "aftersales:claim_updates",
        {**CLERK_POST, "clerk": OK, "superuser": OK},
        args=_pk("claim"),
        method="post",
        data={"party": "customer"},  # incomplete: the form is shown again with errors
    ),
    Case(
        "aftersales:claim_step",
        CLERK_POST,
        args=lambda o: [o["claim"].pk, "collect"],
        method="post",
        data={"channel": "phone"},
    ),
    Case(
        "aftersales:claim_step",
        {**CLERK_POST, "clerk": FORBIDDEN, "supervisor": REDIRECT},
        args=lambda o: [o["claim"].pk, "resolve"],
        method="post",
        data={"channel": "phone", "result": "closed", "outcome": "x"},
    ),
    # the claim checklist rules
    Case(
        "aftersales:claimrequireddocument_list",
        {**LIST, "other_salesperson": OK},
        rows=dict.fromkeys(LIST_USERS, {"rules"}),
    ),
    Case("aftersales:claimrequireddocument_add", RULES_EDIT),
    Case("aftersales:claimrequireddocument_edit", RULES_EDIT, args=_pk("rule")),
    Case("aftersales:claimrequireddocument_delete", RULES_EDIT, args=_pk("rule")),
    # complaints
    Case("aftersales:complaint_list", LIST, rows=_rows({"complaint"}, {"complaint_b"})),
    Case("aftersales:complaint_list", LIST, query="?work=overdue"),
    Case(
        "aftersales:complaint_add",
        each(("clerk", "salesperson", "other_salesperson", "shared_colleague", "supervisor"), OK)
        | {"superuser": OK},
    ),
    Case("aftersales:complaint", SEE, args=_pk("complaint")),
    Case("aftersales:complaint_history", SEE, args=_pk("complaint")),
    Case("aftersales:complaint_timeline", SEE, args=_pk("complaint")),
    Case(
        "aftersales:complaint_step",
        {
            **POST_BASE,
            "clerk": FORBIDDEN,
            "supervisor": REDIRECT,
            "superuser": REDIRECT,
            "other_salesperson": NOT_FOUND,
        },
        args=lambda o: [o["complaint"].pk, "acknowledge"],
        method="post",
        data={"note": "已致電客戶"},
    ),
    # service requests
    Case("aftersales:servicerequest_list", LIST, rows=_rows({"request"}, {"request_b"})),
    Case("aftersales:servicerequest_add", CLERK_PAGE),
    Case("aftersales:servicerequest", SEE, args=_pk("request")),
    Case("aftersales:servicerequest_history", SEE, args=_pk("request")),
    Case("aftersales:servicerequest_timeline", SEE, args=_pk("request")),
    Case(
        "aftersales:servicerequest_step",
        CLERK_POST,
        args=lambda o: [o["request"].pk, "submit"],
        method="post",
        data={"submitted_on": "2026-01-05"},
    ),
    Case("aftersales:servicerequest_document_file", SEE, args=_pk("request_document")),
    # renewals
    Case("aftersales:renewal_list", LIST, rows=_rows({"renewal"}, {"renewal_b"})),
    Case("aftersales:renewal_list", LIST, query="?work=due"),
    Case("aftersales:renewal", SEE, args=_pk("renewal")),
    Case("aftersales:renewal_history", SEE, args=_pk("renewal")),
    Case("aftersales:renewal_timeline", SEE, args=_pk("renewal")),
    Case(
        "aftersales:renewal_outcome",
        {**CLERK_POST, "salesperson": REDIRECT, "shared_colleague": REDIRECT},
        args=_pk("renewal"),
        method="post",
        data={"outcome": "grace", "recorded_on": "2026-01-05"},
    ),
    # policy filing
    Case(
        "aftersales:policyfile_list",
        FOLLOW_UP_PAGE,
        rows={
            "clerk": {"late_policy"},
            "supervisor": {"late_policy"},
            "superuser": {"late_policy", "policy_b"},
        },
    ),
]
