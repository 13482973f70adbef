"""Claims assistance: the claim's life cycle, its papers and checklist, the insurer's
answers, disputes, and the daily chase."""

import datetime as dt
from decimal import InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import documents, params
from core.i18n import Text, choice
from core.models import Notification
from core.permissions import can
from core.services import (
    audit_event,
    checked_document_check,
    checked_document_upload,
    require_permission,
    save_checked,
)
from underwriting.models import money

from .. import rules
from ..models import (
    Claim,
    ClaimDocument,
    ClaimDocumentKind,
    ClaimRequiredDocument,
    ClaimType,
    ClaimUpdate,
)
from ._common import (
    CHECK_CLAIM_PERM,
    DISPUTE_PERM,
    PROCESS_CLAIM_PERM,
    _supervisor,
    _tell,
    _today,
    clerk_for,
)

CS = Claim.Status
CLAIM_TRANSITIONS = {
    CS.REPORTED: (CS.COLLECTING, CS.CLOSED),
    CS.COLLECTING: (CS.SUBMITTED, CS.CLOSED),
    CS.SUBMITTED: (CS.INFO_REQUESTED, CS.APPROVED, CS.PARTLY_APPROVED, CS.DECLINED),
    CS.INFO_REQUESTED: (CS.SUBMITTED, CS.DECLINED, CS.CLOSED),
    CS.APPROVED: (CS.PAID, CS.DISPUTED),
    CS.PARTLY_APPROVED: (CS.PAID, CS.DISPUTED),
    CS.DECLINED: (CS.DISPUTED, CS.CLOSED),
    CS.PAID: (CS.CLOSED, CS.DISPUTED),
    CS.DISPUTED: (CS.APPROVED, CS.PARTLY_APPROVED, CS.CLOSED),
    CS.CLOSED: (),
}
CLAIM_DECISIONS = (CS.APPROVED, CS.PARTLY_APPROVED, CS.DECLINED)

K = ClaimDocumentKind
_BASIC = (K.CLAIM_FORM, K.ID_COPY, K.BANK_ACCOUNT)
DEFAULT_CLAIM_CHECKLIST = {
    ClaimType.MEDICAL: (*_BASIC, K.MEDICAL_RECORDS, K.INVOICES),
    ClaimType.CRITICAL_ILLNESS: (*_BASIC, K.MEDICAL_RECORDS, K.DIAGNOSIS),
    ClaimType.ACCIDENT: (*_BASIC, K.ACCIDENT_PROOF, K.MEDICAL_RECORDS, K.INVOICES),
    ClaimType.DISABILITY: (*_BASIC, K.ACCIDENT_PROOF, K.DISABILITY_ASSESSMENT),
    ClaimType.DEATH: (*_BASIC, K.DEATH_CERTIFICATE, K.RELATIONSHIP_PROOF),
    ClaimType.PROPERTY: (*_BASIC, K.LOSS_PROOF),
}


def ensure_default_claim_checklist(*, actor=None):
    """Create the default claim checklist rules that do not exist yet (edited ones stay)."""
    existing = set(ClaimRequiredDocument.objects.values_list("claim_type", "kind"))
    created = 0
    for claim_type, kinds in DEFAULT_CLAIM_CHECKLIST.items():
        for kind in kinds:
            if (str(claim_type), str(kind)) in existing:
                continue
            save_checked(ClaimRequiredDocument(claim_type=claim_type, kind=kind), actor)
            created += 1
    return created


def claim_checklist(claim):
    """The claim's checklist: every paper its type needs, with the latest upload (or none)."""
    rules_qs = ClaimRequiredDocument.objects.filter(claim_type=claim.claim_type, active=True)
    wanted = dict(rules_qs.values_list("kind", "note"))
    latest = documents.latest_documents(claim.documents)
    return documents.checklist(wanted, latest, ClaimDocumentKind)


def claim_blockers(claim, checklist=None):
    """Why the claim cannot be submitted to the insurer yet (empty: it can)."""
    checklist = claim_checklist(claim) if checklist is None else checklist
    return documents.checklist_blockers(checklist)


def _claim_label(status):
    return str(dict(CS.choices)[status])


def claim_transition_errors(claim, to):
    if to not in CLAIM_TRANSITIONS.get(claim.status, ()):
        return [
            _("A claim cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _claim_label(claim.status), "to": _claim_label(to)}
        ]
    if to == CS.SUBMITTED and claim.status == CS.COLLECTING:
        return claim_blockers(claim)
    return []


def allowed_claim_transitions(claim):
    return CLAIM_TRANSITIONS.get(claim.status, ())


def _claim_deadline(to, today, claim):
    step = dt.timedelta(days=params.get(rules.CLAIM_STEP_DAYS))
    if to == CS.CLOSED:
        return None
    if to == CS.SUBMITTED:
        return today + dt.timedelta(days=params.get(rules.CLAIM_INSURER_DAYS))
    if to == CS.INFO_REQUESTED and claim.info_due_date:
        return claim.info_due_date
    return today + step


def _claim_people(claim):
    customer = claim.customer
    return [customer.owner, claim.handled_by or clerk_for(customer)]


def _claim_move(
    *, actor, claim, to, verb, message, perm=PROCESS_CLAIM_PERM, channel="phone", note="", data=None
):
    """Move the claim to ``to``: the permission, the transition and its preconditions, a new
    deadline, an audit event and a logged update to the customer."""
    require_permission(
        actor,
        claim,
        perm,
        message=_("Only a clerk supporting the customer's team processes claims."),
    )
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    claim.status = locked.status
    errors = claim_transition_errors(claim, to)
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    old = claim.status
    claim.status = to
    claim.deadline = _claim_deadline(to, today, claim)
    if to == CS.CLOSED:
        claim.closed_on = today
    claim._change_reason = str(message)[:100]
    save_checked(claim, actor)
    audit_event(
        actor=actor,
        verb=verb,
        target=claim,
        message=message,
        data={"from": old, "to": to, **(data or {})},
    )
    content = str(message) + (f"\n{note.strip()}" if note and note.strip() else "")
    save_checked(
        ClaimUpdate(
            claim=claim,
            party=ClaimUpdate.Party.CUSTOMER,
            channel=channel or "phone",
            content=content,
            status=to,
            logged_by=actor,
        ),
        actor,
    )
    n = claim.updates.count()
    _tell(
        _claim_people(claim),
        actor=actor,
        title=Text(
            gettext_noop("Claim %(ref)s: %(status)s"),
            {"ref": claim.reference, "status": choice(Claim, "status", to)},
        ),
        body=content,
        url=claim.get_absolute_url(),
        key=f"claim:{claim.pk}:{to}:{n}",
    )
    return claim


@transaction.atomic
def claim_report(
    *,
    actor,
    policy,
    claim_type,
    incident_date,
    description,
    amount_claimed,
    insured_name="",
    reported_on=None,
    channel="phone",
):
    """A claim reported on a policy: the clerk starts helping the customer with it."""
    if not actor.has_perm("aftersales.add_claim") or not can(actor, policy.customer, "view"):
        raise PermissionDenied(_("You may not report claims for this customer."))
    reported_on = reported_on or timezone.localdate()
    errors = {}
    if incident_date is None:
        errors["incident_date"] = _("Enter the date of the incident.")
    elif incident_date > reported_on:
        errors["incident_date"] = _("The incident cannot be after the report.")
    elif incident_date < policy.effective_date:
        errors["incident_date"] = _("The incident is before the policy started (%(date)s).") % {
            "date": policy.effective_date.isoformat()
        }
    if amount_claimed is None or amount_claimed < 0:
        errors["amount_claimed"] = _("Enter the amount claimed (0 or more).")
    if not (description or "").strip():
        errors["description"] = _("Describe what happened.")
    if errors:
        raise ValidationError(errors)
    claim = Claim(
        policy=policy,
        customer=policy.customer,
        insured_name=(insured_name or "").strip() or policy.insured_name,
        claim_type=claim_type,
        incident_date=incident_date,
        reported_on=reported_on,
        description=description.strip(),
        amount_claimed=money(amount_claimed),
        handled_by=clerk_for(policy.customer),
        deadline=reported_on + dt.timedelta(days=params.get(rules.CLAIM_STEP_DAYS)),
    )
    save_checked(claim, actor)
    message = Text(
        gettext_noop("Claim %(ref)s reported on %(policy)s: %(type)s, %(amount)s claimed"),
        {
            "ref": claim.reference,
            "policy": policy.policy_number,
            "type": choice(claim, "claim_type", claim.claim_type),
            "amount": claim.amount_claimed,
        },
    )
    audit_event(actor=actor, verb="claim_reported", target=claim, message=message)
    save_checked(
        ClaimUpdate(
            claim=claim,
            party=ClaimUpdate.Party.CUSTOMER,
            channel=channel,
            content=str(message),
            status=CS.REPORTED,
            logged_by=actor,
        ),
        actor,
    )
    _tell(
        _claim_people(claim),
        actor=actor,
        title=Text(
            gettext_noop("Claim reported: %(customer)s (%(ref)s)"),
            {"customer": claim.customer.name, "ref": claim.reference},
        ),
        url=claim.get_absolute_url(),
        key=f"claim:{claim.pk}:reported",
    )
    return claim


@transaction.atomic
def claim_update(*, actor, claim, reason="", **fields):
    """Correct the details of a claim before it goes to the insurer."""
    require_permission(actor, claim, "aftersales.change_claim")
    if claim.status not in (CS.REPORTED, CS.COLLECTING):
        raise ValidationError(_("A claim's details are changed only before it is submitted."))
    allowed = {"insured_name", "claim_type", "incident_date", "description", "amount_claimed"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("This field cannot be changed here."))
        setattr(claim, name, value)
    if reason:
        claim._change_reason = reason
    return save_checked(claim, actor)


@transaction.atomic
def claim_document_upload(*, actor, claim, kind, file, description=""):
    """File a paper of the claim; an earlier upload of the same kind not accepted is marked
    replaced. Waits for the clerk's check."""
    if not actor.has_perm("aftersales.add_claimdocument") or not can(actor, claim, "view"):
        raise PermissionDenied(_("You may not add documents to this claim."))
    if claim.status not in (CS.REPORTED, CS.COLLECTING, CS.INFO_REQUESTED, CS.DISPUTED):
        raise ValidationError(
            _("Documents are added while they are collected or the insurer asks for more.")
        )
    document = checked_document_upload(
        actor=actor,
        model=ClaimDocument,
        parent=claim,
        kind=kind,
        file=file,
        description=description,
    )
    audit_event(
        actor=actor,
        verb="claim_document_uploaded",
        target=claim,
        message=Text(
            gettext_noop("%(doc)s uploaded"), {"doc": choice(document, "kind", document.kind)}
        ),
        data={"document": document.pk},
    )
    if (
        claim.status == CS.REPORTED
        and actor.has_perm(PROCESS_CLAIM_PERM)
        and can(actor, claim, "change")
    ):
        _claim_move(
            actor=actor,
            claim=claim,
            to=CS.COLLECTING,
            verb="claim_collecting",
            message=Text(
                gettext_noop("%(ref)s: collecting the documents"), {"ref": claim.reference}
            ),
        )
    return document


@transaction.atomic
def claim_document_check(
    *, actor, document, accept, authentic=False, complete=False, accurate=False, reason=""
):
    """The clerk's check of one claim paper: accepted when authentic, complete and accurate,
    or rejected with a reason."""
    claim = document.claim
    require_permission(
        actor,
        claim,
        CHECK_CLAIM_PERM,
        message=_("Only a clerk supporting the customer's team checks claim documents."),
    )
    document, reason = checked_document_check(
        actor=actor,
        document=document,
        accept=accept,
        authentic=authentic,
        complete=complete,
        accurate=accurate,
        reason=reason,
        not_pending=_("Only a document waiting for the check can be checked."),
    )
    kind = choice(document, "kind", document.kind)
    audit_event(
        actor=actor,
        verb="claim_document_accepted" if accept else "claim_document_rejected",
        target=claim,
        message=Text(
            gettext_noop("%(doc)s accepted (authentic, complete, accurate)"), {"doc": kind}
        )
        if accept
        else Text(gettext_noop("%(doc)s rejected: %(reason)s"), {"doc": kind, "reason": reason}),
        data={"document": document.pk},
    )
    return document


@transaction.atomic
def claim_start_collecting(*, actor, claim, channel="phone", note=""):
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.COLLECTING,
        verb="claim_collecting",
        message=Text(gettext_noop("%(ref)s: collecting the documents"), {"ref": claim.reference}),
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_submit(
    *, actor, claim, submitted_on=None, insurer_reference="", channel="phone", note=""
):
    """Send the claim to the insurer once every required paper is checked and accepted (or
    send it back after supplying what the insurer asked for)."""
    claim.submitted_on = submitted_on or timezone.localdate()
    if insurer_reference:
        claim.insurer_reference = insurer_reference.strip()
    resubmit = claim.status == CS.INFO_REQUESTED
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.SUBMITTED,
        verb="claim_submitted",
        message=Text(
            gettext_noop("%(ref)s: the information asked for was sent to %(insurer)s")
            if resubmit
            else gettext_noop("%(ref)s submitted to %(insurer)s"),
            {"ref": claim.reference, "insurer": claim.policy.insurer},
        ),
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_request_info(*, actor, claim, what, due_date, channel="phone"):
    """The insurer asks for more (a report, an invoice) by a date."""
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what the insurer asked for.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date the insurer needs it by.")})
    claim.info_requested = what
    claim.info_due_date = due_date
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.INFO_REQUESTED,
        verb="claim_info_requested",
        message=Text(
            gettext_noop("%(insurer)s asks for: %(what)s (by %(date)s)"),
            {"insurer": claim.policy.insurer, "what": what, "date": due_date.isoformat()},
        ),
        channel=channel,
    )


def _amount(value, field):
    try:
        value = money(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter an amount.")}) from exc
    if value < 0:
        raise ValidationError({field: _("Amounts cannot be negative.")})
    return value


@transaction.atomic
def claim_decide(
    *, actor, claim, decision, amount_approved=None, note="", decided_on=None, channel="phone"
):
    """Record the insurer's decision: approved (in full), partly approved (an amount below the
    claim) or declined (with the insurer's reason)."""
    if decision not in CLAIM_DECISIONS:
        raise ValidationError(_("Unknown decision."))
    note = (note or "").strip()
    if decision == CS.APPROVED:
        approved = _amount(
            claim.amount_claimed if amount_approved in (None, "") else amount_approved,
            "amount_approved",
        )
    elif decision == CS.PARTLY_APPROVED:
        if amount_approved in (None, ""):
            raise ValidationError({"amount_approved": _("Enter the amount the insurer approved.")})
        approved = _amount(amount_approved, "amount_approved")
        if approved >= claim.amount_claimed:
            raise ValidationError(
                {"amount_approved": _("A partial approval is below the amount claimed.")}
            )
    else:
        approved = None
        if not note:
            raise ValidationError({"note": _("Give the insurer's reason.")})
    claim.amount_approved = approved
    claim.decided_on = decided_on or timezone.localdate()
    claim.decision_note = note
    return _claim_move(
        actor=actor,
        claim=claim,
        to=decision,
        verb="claim_decision",
        message=Text(
            gettext_noop("%(insurer)s decision on %(ref)s: %(decision)s%(amount)s"),
            {
                "insurer": claim.policy.insurer,
                "ref": claim.reference,
                "decision": choice(Claim, "status", decision),
                "amount": f" ({approved})" if approved is not None else "",
            },
        ),
        channel=channel,
        note=note,
        data={"amount_approved": str(approved or "")},
    )


@transaction.atomic
def claim_pay(*, actor, claim, amount_paid, paid_on=None, channel="phone"):
    """The insurer paid the claim (up to the amount approved)."""
    paid = _amount(amount_paid, "amount_paid")
    if claim.amount_approved is not None and paid > claim.amount_approved:
        raise ValidationError(
            {
                "amount_paid": _("The payment cannot exceed the amount approved (%(amount)s).")
                % {"amount": claim.amount_approved}
            }
        )
    claim.amount_paid = paid
    claim.paid_on = paid_on or timezone.localdate()
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.PAID,
        verb="claim_paid",
        message=Text(
            gettext_noop("%(ref)s: %(amount)s paid on %(date)s"),
            {"ref": claim.reference, "amount": paid, "date": claim.paid_on.isoformat()},
        ),
        channel=channel,
    )


@transaction.atomic
def claim_close(*, actor, claim, note="", channel="phone"):
    """Close the claim (paid and settled, declined and accepted, or withdrawn)."""
    if claim.status in (CS.REPORTED, CS.COLLECTING, CS.INFO_REQUESTED) and not (note or "").strip():
        raise ValidationError({"note": _("Say why the claim is closed before a decision.")})
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.CLOSED,
        verb="claim_closed",
        message=Text(gettext_noop("%(ref)s closed"), {"ref": claim.reference}),
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_dispute(*, actor, claim, reason, channel="phone"):
    """The customer disputes the insurer's decision: the supervisor takes the claim over."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the customer disputes.")})
    if not (actor.has_perm(PROCESS_CLAIM_PERM) or actor.has_perm(DISPUTE_PERM)):
        raise PermissionDenied(_("You may not record a dispute."))
    claim.disputed_on = timezone.localdate()
    claim.dispute_reason = reason
    claim.dispute_outcome = ""
    claim.dispute_resolved_on = None
    perm = PROCESS_CLAIM_PERM if actor.has_perm(PROCESS_CLAIM_PERM) else DISPUTE_PERM
    claim = _claim_move(
        actor=actor,
        claim=claim,
        to=CS.DISPUTED,
        verb="claim_disputed",
        message=Text(
            gettext_noop("%(ref)s disputed by the customer: %(reason)s"),
            {"ref": claim.reference, "reason": reason},
        ),
        perm=perm,
        channel=channel,
    )
    _tell(
        [_supervisor(claim.customer)],
        actor=actor,
        title=Text(
            gettext_noop("Claim dispute to handle: %(customer)s (%(ref)s)"),
            {"customer": claim.customer.name, "ref": claim.reference},
        ),
        body=reason,
        url=claim.get_absolute_url(),
        level=Notification.Level.WARNING,
        key=f"claim-dispute:{claim.pk}:{claim.disputed_on.isoformat()}",
        email=True,
    )
    return claim


@transaction.atomic
def claim_resolve_dispute(*, actor, claim, outcome, result, amount_approved=None, channel="phone"):
    """The supervisor settles the dispute: the insurer changes its decision (approved or
    partly approved, with the amount) or the decision stands and the claim is closed."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Record the outcome of the dispute.")})
    if result not in (CS.APPROVED, CS.PARTLY_APPROVED, CS.CLOSED):
        raise ValidationError({"result": _("Choose the result of the dispute.")})
    if result != CS.CLOSED:
        if amount_approved in (None, ""):
            raise ValidationError({"amount_approved": _("Enter the amount now approved.")})
        claim.amount_approved = _amount(amount_approved, "amount_approved")
        claim.decided_on = timezone.localdate()
    claim.dispute_outcome = outcome
    claim.dispute_resolved_on = timezone.localdate()
    claim.dispute_handled_by = actor
    return _claim_move(
        actor=actor,
        claim=claim,
        to=result,
        verb="claim_dispute_resolved",
        message=Text(
            gettext_noop("%(ref)s: dispute settled — %(outcome)s"),
            {"ref": claim.reference, "outcome": outcome},
        ),
        perm=DISPUTE_PERM,
        channel=channel,
        data={"result": result},
    )


@transaction.atomic
def claim_log_update(*, actor, claim, party, channel, content, when=None):
    """Log an exchange with the customer or the insurer about the claim."""
    if not actor.has_perm("aftersales.add_claimupdate") or not can(actor, claim, "view"):
        raise PermissionDenied(_("You may not log updates on this claim."))
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("Write what was said.")})
    return save_checked(
        ClaimUpdate(
            claim=claim,
            party=party,
            channel=channel,
            content=content,
            when=when or timezone.now(),
            status=claim.status,
            logged_by=actor,
        ),
        actor,
    )


def claims_chase(*, today=None):
    """Tell the clerk (and the supervisor, for disputes) about open claims past their
    deadline — once per claim and deadline. Returns the notifications sent."""
    today = _today(today)
    sent = 0
    overdue = (
        Claim.objects.exclude(status=CS.CLOSED)
        .filter(deadline__lt=today)
        .select_related("customer__team__supervisor", "customer__owner", "handled_by")
    )
    for claim in overdue:
        people = [claim.handled_by or clerk_for(claim.customer)]
        if claim.status == CS.DISPUTED or claim.days_overdue(today) > params.get(
            rules.CLAIM_STEP_DAYS
        ):
            people.append(_supervisor(claim.customer))
        sent += _tell(
            people,
            title=Text(
                gettext_noop("Claim past its deadline: %(customer)s (%(ref)s), %(days)s days"),
                {
                    "customer": claim.customer.name,
                    "ref": claim.reference,
                    "days": claim.days_overdue(today),
                },
            ),
            url=claim.get_absolute_url(),
            level=Notification.Level.WARNING,
            key=f"claim-overdue:{claim.pk}:{claim.deadline.isoformat()}",
        )
    return sent
