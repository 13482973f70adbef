"""Writes of the underwriting chapter: applications from accepted proposals, their papers and
the clerk's checks, the underwriting life cycle, policy issuance, premiums, contract delivery
and cooling-off cancellations. Each checks the actor's right and the preconditions first,
records who and when (history row and, for steps, an audit event), and raises a clear
ValidationError otherwise."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import documents, params
from core.models import Notification
from core.permissions import can
from core.services import (
    audit_event,
    checked_document_check,
    checked_document_upload,
    notify,
    require_permission,
    save_checked,
    saved_by,
)
from customers import services as customer_services
from customers.models import Customer
from sales import services as sales_services
from sales.models import Frequency, Opportunity, Product, Proposal

from . import rules
from .models import (
    Application,
    ApplicationDocument,
    ApplicationLine,
    Beneficiary,
    Communication,
    DocumentKind,
    Policy,
    PremiumRecord,
    RequiredDocument,
    money,
)

Status = Application.Status

# The underwriting life cycle, declared once: from each status, the statuses it may reach.
TRANSITIONS = {
    Status.DRAFT: (Status.SUBMITTED, Status.WITHDRAWN),
    Status.SUBMITTED: (
        Status.INFO_REQUESTED,
        Status.ACCEPTED,
        Status.ACCEPTED_CONDITIONS,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.INFO_REQUESTED: (
        Status.INFO_SUPPLIED,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.INFO_SUPPLIED: (
        Status.INFO_REQUESTED,
        Status.ACCEPTED,
        Status.ACCEPTED_CONDITIONS,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.ACCEPTED: (Status.ISSUED, Status.WITHDRAWN),
    Status.ACCEPTED_CONDITIONS: (Status.ISSUED, Status.WITHDRAWN),
    Status.POSTPONED: (),
    Status.DECLINED: (),
    Status.WITHDRAWN: (),
    Status.ISSUED: (),
}
DECISIONS = (Status.ACCEPTED, Status.ACCEPTED_CONDITIONS, Status.POSTPONED, Status.DECLINED)

PROCESS_PERM = "underwriting.process_application"
CHECK_PERM = "underwriting.check_document"
ISSUE_PERM = "underwriting.issue_policy"
DELIVER_PERM = "underwriting.deliver_policy"

PAYMENTS_PER_YEAR = {
    Frequency.SINGLE: 1,
    Frequency.ANNUAL: 1,
    Frequency.SEMI_ANNUAL: 2,
    Frequency.QUARTERLY: 4,
    Frequency.MONTHLY: 12,
}

# Sensible defaults for the document checklist: (category, kind, condition).
_ALL = [c.value for c in Product.Category]
_HEALTH = ("life", "critical_illness", "medical", "accident")
_BENEFIT = ("life", "critical_illness", "accident", "annuity", "education")
DEFAULT_CHECKLIST = [
    *[(c, DocumentKind.APPLICATION_FORM, "always") for c in _ALL],
    *[(c, DocumentKind.ID_COPIES, "always") for c in _ALL],
    *[(c, DocumentKind.BANK_AUTHORISATION, "bank") for c in _ALL],
    *[(c, DocumentKind.HEALTH_DECLARATION, "always") for c in _HEALTH],
    *[(c, DocumentKind.BENEFICIARY_DESIGNATION, "beneficiaries") for c in _BENEFIT],
    *[(c, DocumentKind.FINANCIAL_QUESTIONNAIRE, "above_sum") for c in _ALL],
]


def _label(status):
    return str(dict(Status.choices)[status])


# --- the document checklist ---------------------------------------------------------------


def ensure_default_checklist(*, actor=None):
    """Create the default checklist rules that do not exist yet (never changes edited ones)."""
    existing = set(RequiredDocument.objects.values_list("category", "kind"))
    created = 0
    for category, kind, condition in DEFAULT_CHECKLIST:
        if (category, str(kind)) in existing:
            continue
        save_checked(RequiredDocument(category=category, kind=kind, condition=condition), actor)
        created += 1
    return created


def required_kinds(application, lines=None, rules_qs=None):
    """{kind: note} of the documents ``application`` needs, from the checklist rules of its
    products' categories and the conditions that apply to it."""
    lines = list(application.lines.select_related("product")) if lines is None else lines
    categories = {line.product.category for line in lines}
    total_sum = sum((line.sum_insured for line in lines), Decimal(0))
    threshold = params.get(rules.FINANCIAL_QUESTIONNAIRE_SUM)
    bank = application.payment_method in (
        Application.PaymentMethod.AUTO_DEBIT,
        Application.PaymentMethod.BANK_TRANSFER,
    )
    has_beneficiaries = application.beneficiaries.exists() if application.pk else False
    wanted = {}
    rows = rules_qs if rules_qs is not None else RequiredDocument.objects.filter(active=True)
    for rule in rows:
        if rule.category not in categories:
            continue
        condition = rule.condition
        if condition == RequiredDocument.Condition.ABOVE_SUM_INSURED and total_sum <= threshold:
            continue
        if condition == RequiredDocument.Condition.BANK_PAYMENT and not bank:
            continue
        if condition == RequiredDocument.Condition.BENEFICIARIES and not has_beneficiaries:
            continue
        if rule.note and not wanted.get(rule.kind):
            wanted[rule.kind] = rule.note
        else:
            wanted.setdefault(rule.kind, "")
    return wanted


def current_documents(application):
    """{kind: the latest document of that kind that is not replaced}."""
    return documents.latest_documents(application.documents)


def application_checklist(application):
    """The application's checklist: every required paper with its latest upload (or none)."""
    return documents.checklist(
        required_kinds(application), current_documents(application), DocumentKind
    )


def submission_blockers(application, checklist=None):
    """Why the application cannot be submitted yet: a list of messages (empty: it can)."""
    checklist = application_checklist(application) if checklist is None else checklist
    errors = []
    if not application.lines.exists():
        errors.append(_("The application has no cover lines."))
    errors += documents.checklist_blockers(checklist)
    if (
        application.payment_method
        in (Application.PaymentMethod.AUTO_DEBIT, Application.PaymentMethod.BANK_TRANSFER)
        and not application.bank_account
    ):
        errors.append(_("Enter the bank account the premiums are paid from."))
    return errors


# --- applications ---------------------------------------------------------------------------


@transaction.atomic
def application_create_from_proposal(
    *, actor, proposal, payment_method=None, bank_name="", bank_account=""
):
    """One application per insurer among the accepted proposal's lines, with the products,
    insured persons and premiums carried over. Returns the new applications."""
    if not actor.has_perm("underwriting.add_application") or not can(actor, proposal, "view"):
        raise PermissionDenied(_("You may not prepare applications for this proposal."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.ACCEPTED:
        raise ValidationError(
            _(
                "Only a proposal the customer has accepted becomes an application "
                "(this one is “%(status)s”)."
            )
            % {"status": proposal.get_status_display()}
        )
    lines = list(proposal.lines.select_related("product__insurer").order_by("pk"))
    if not lines:
        raise ValidationError(_("The proposal has no cover lines."))
    by_insurer = {}
    for line in lines:
        by_insurer.setdefault(line.product.insurer, []).append(line)
    done = set(proposal.applications.values_list("insurer_id", flat=True))
    if all(insurer.pk in done for insurer in by_insurer):
        raise ValidationError(_("Applications have already been made from this proposal."))
    opportunity = proposal.opportunity
    created = []
    for insurer, insurer_lines in by_insurer.items():
        if insurer.pk in done:
            continue
        application = Application(
            customer=opportunity.customer,
            proposal=proposal,
            opportunity=opportunity,
            insurer=insurer,
            prepared_by=actor,
            payment_method=payment_method or Application.PaymentMethod.AUTO_DEBIT,
            bank_name=bank_name,
            bank_account=bank_account,
        )
        save_checked(application, actor)
        for line in insurer_lines:
            save_checked(
                ApplicationLine(
                    application=application,
                    proposal_line=line,
                    product=line.product,
                    insured_member=line.insured_member,
                    sum_insured=line.sum_insured,
                    annual_premium=line.annual_premium,
                    term=line.term,
                    payment_period=line.payment_period,
                    frequency=line.frequency,
                ),
                actor,
            )
        audit_event(
            actor=actor,
            verb="application_created",
            target=application,
            message=_("Application %(ref)s to %(insurer)s prepared from %(proposal)s")
            % {"ref": application.reference, "insurer": insurer.name, "proposal": proposal},
            data={"proposal": proposal.pk},
        )
        created.append(application)
    return created


@transaction.atomic
def application_update(*, actor, application, reason="", **fields):
    """Change the payment details or notes of an application being prepared."""
    require_permission(actor, application, "underwriting.change_application")
    if not application.is_editable:
        raise ValidationError(
            _("An application that is “%(status)s” cannot be changed.")
            % {"status": application.get_status_display()}
        )
    allowed = {"payment_method", "bank_name", "bank_account", "notes"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("This field cannot be changed here."))
        setattr(application, name, value)
    if reason:
        application._change_reason = reason
    return save_checked(application, actor)


@transaction.atomic
def application_set_beneficiaries(*, actor, application, beneficiaries):
    """Replace the named beneficiaries with ``beneficiaries`` — dicts of name, relation and
    share (%). Shares must total exactly 100%; an empty list means the legal heirs."""
    require_permission(actor, application, "underwriting.change_application")
    if not application.is_editable:
        raise ValidationError(
            _("Beneficiaries can be changed only while the application is prepared.")
        )
    cleaned = []
    for i, data in enumerate(beneficiaries, start=1):
        name = (data.get("name") or "").strip()
        share = data.get("share")
        if not name:
            raise ValidationError(_("Beneficiary %(n)s has no name.") % {"n": i})
        try:
            share = Decimal(str(share))
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise ValidationError(
                _("The share of %(name)s is not a number.") % {"name": name}
            ) from exc
        if share <= 0 or share > 100:
            raise ValidationError(
                _("The share of %(name)s must be above 0%% and at most 100%%.") % {"name": name}
            )
        cleaned.append((name, data.get("relation") or "", share))
    total = sum((s for _n, _r, s in cleaned), Decimal(0))
    if cleaned and total != Decimal(100):
        raise ValidationError(
            _("The beneficiaries' shares total %(total)s%%; they must total exactly 100%%.")
            % {"total": f"{total.normalize():f}"}
        )
    for old in list(application.beneficiaries.all()):
        saved_by(old, actor).delete()
    for name, relation, share in cleaned:
        save_checked(
            Beneficiary(application=application, name=name, relation=relation, share=share), actor
        )
    audit_event(
        actor=actor,
        verb="beneficiaries_set",
        target=application,
        message=_("Beneficiaries: %(list)s")
        % {
            "list": "、".join(f"{n} {s.normalize():f}%" for n, _r, s in cleaned)
            or _("the legal heirs")
        },
    )
    return application


# --- documents --------------------------------------------------------------------------------


def _people_to_tell(application):
    """The salesperson who owns the customer, and the clerk who prepared the application."""
    people = [application.customer.owner]
    if application.prepared_by_id != application.customer.owner_id:
        people.append(application.prepared_by)
    return people


@transaction.atomic
def document_upload(*, actor, application, kind, file, description=""):
    """File a paper of the application (its content type-checked); an earlier upload of the
    same kind that is not accepted is marked replaced. Waits for the clerk's check."""
    if not actor.has_perm("underwriting.add_applicationdocument") or not can(
        actor, application, "view"
    ):
        raise PermissionDenied(_("You may not add documents to this application."))
    if application.status not in (Status.DRAFT, Status.INFO_REQUESTED):
        raise ValidationError(
            _("Documents are added while the application is prepared or information is requested.")
        )
    document = checked_document_upload(
        actor=actor,
        model=ApplicationDocument,
        parent=application,
        kind=kind,
        file=file,
        description=description,
    )
    audit_event(
        actor=actor,
        verb="document_uploaded",
        target=application,
        message=_("%(doc)s uploaded") % {"doc": document.get_kind_display()},
        data={"document": document.pk},
    )
    return document


@transaction.atomic
def document_check(
    *, actor, document, accept, authentic=False, complete=False, accurate=False, reason=""
):
    """The clerk's check of one paper: accepted when authentic, complete and accurate
    (真實性、完整性、準確性), or rejected with a reason the salesperson is told."""
    application = document.application
    require_permission(
        actor,
        application,
        CHECK_PERM,
        message=_("Only a clerk supporting the customer's team checks application documents."),
    )
    document, reason = checked_document_check(
        actor=actor,
        document=document,
        accept=accept,
        authentic=authentic,
        complete=complete,
        accurate=accurate,
        reason=reason,
        not_pending=_(
            "This document is “%(status)s”; only a document waiting for the check can be checked."
        ),
    )
    kind = document.get_kind_display()
    if accept:
        message = _("%(doc)s accepted (authentic, complete, accurate)") % {"doc": kind}
    else:
        message = _("%(doc)s rejected: %(reason)s") % {"doc": kind, "reason": reason}
    audit_event(
        actor=actor,
        verb="document_accepted" if accept else "document_rejected",
        target=application,
        message=message,
        data={
            "document": document.pk,
            "authentic": authentic,
            "complete": complete,
            "accurate": accurate,
            "reason": reason,
        },
    )
    if not accept:
        for person in _people_to_tell(application):
            if person.pk == actor.pk:
                continue
            notify(
                recipient=person,
                title=_("Document rejected for %(app)s: %(doc)s")
                % {"app": application.reference, "doc": kind},
                body=reason,
                url=document.get_absolute_url(),
                level=Notification.Level.WARNING,
                dedupe_key=f"uw-doc-rejected:{document.pk}",
            )
    return document


# --- the underwriting life cycle ----------------------------------------------------------


def transition_errors(application, to):
    """Why ``application`` cannot move to ``to`` now (empty: it can)."""
    if to not in TRANSITIONS.get(application.status, ()):
        return [
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _label(application.status), "to": _label(to)}
        ]
    if to == Status.SUBMITTED:
        return submission_blockers(application)
    return []


def allowed_transitions(application):
    return TRANSITIONS.get(application.status, ())


def _move(*, actor, application, to, verb, message, data=None, perm=PROCESS_PERM):
    require_permission(
        actor,
        application,
        perm,
        message=_("Only a clerk supporting the customer's team processes applications."),
    )
    locked = Application.objects.select_for_update().get(pk=application.pk)
    application.status = locked.status
    errors = transition_errors(application, to)
    if errors:
        raise ValidationError(errors)
    old = application.status
    application.status = to
    application._change_reason = str(message)[:100]
    save_checked(application, actor)
    audit_event(
        actor=actor,
        verb=verb,
        target=application,
        message=message,
        data={"from": old, "to": to, **(data or {})},
    )
    return application


@transaction.atomic
def application_submit(*, actor, application, submitted_on=None, channel, insurer_reference=""):
    """Send the application to the insurer for underwriting, once every required paper has
    been checked and accepted."""
    application.submitted_on = submitted_on or timezone.localdate()
    application.submission_channel = channel
    application.insurer_reference = insurer_reference.strip()
    application.submitted_by = actor
    if not channel:
        raise ValidationError({"channel": _("Say how the application was sent to the insurer.")})
    return _move(
        actor=actor,
        application=application,
        to=Status.SUBMITTED,
        verb="application_submitted",
        message=_("%(ref)s submitted to %(insurer)s (%(channel)s)")
        % {
            "ref": application.reference,
            "insurer": application.insurer.name,
            "channel": application.get_submission_channel_display(),
        },
        data={"reference": application.insurer_reference},
    )


@transaction.atomic
def application_request_info(*, actor, application, what, due_date, requested_on=None):
    """The insurer asks for more (medical report, income proof, ...) by a date."""
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what the insurer asked for.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date the insurer needs it by.")})
    application.info_requested = what
    application.info_requested_on = requested_on or timezone.localdate()
    application.info_due_date = due_date
    application.info_supplied_on = None
    _move(
        actor=actor,
        application=application,
        to=Status.INFO_REQUESTED,
        verb="info_requested",
        message=_("%(insurer)s asks for: %(what)s (by %(date)s)")
        % {"insurer": application.insurer.name, "what": what, "date": due_date.isoformat()},
    )
    for person in _people_to_tell(application):
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            title=_("The insurer needs more for %(app)s") % {"app": application.reference},
            body=what,
            url=application.get_absolute_url(),
            level=Notification.Level.WARNING,
            dedupe_key=f"uw-info:{application.pk}:{application.info_requested_on.isoformat()}",
        )
    return application


@transaction.atomic
def application_supply_info(*, actor, application, note, supplied_on=None):
    """What was asked for has been sent to the insurer."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was sent to the insurer.")})
    application.info_supplied_on = supplied_on or timezone.localdate()
    application.info_supplied_note = note
    return _move(
        actor=actor,
        application=application,
        to=Status.INFO_SUPPLIED,
        verb="info_supplied",
        message=_("Information sent to %(insurer)s: %(note)s")
        % {"insurer": application.insurer.name, "note": note},
    )


@transaction.atomic
def application_decide(
    *,
    actor,
    application,
    decision,
    decided_on=None,
    note="",
    extra_premium=None,
    exclusion="",
    reduced_sum_insured=None,
    postponed_until=None,
):
    """Record the insurer's decision: standard acceptance, acceptance with conditions (extra
    premium, exclusion or reduced cover — at least one recorded), postponement or decline."""
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    exclusion = (exclusion or "").strip()
    note = (note or "").strip()
    if decision == Status.ACCEPTED_CONDITIONS and not (
        extra_premium or exclusion or reduced_sum_insured
    ):
        raise ValidationError(
            _("Record the conditions: an extra premium, an exclusion or a reduced sum insured.")
        )
    if decision in (Status.DECLINED, Status.POSTPONED) and not note:
        raise ValidationError({"note": _("Give the insurer's reason.")})
    application.decided_on = decided_on or timezone.localdate()
    application.decision_note = note
    conditional = decision == Status.ACCEPTED_CONDITIONS
    application.extra_premium = money(extra_premium) if conditional and extra_premium else None
    application.exclusion = exclusion if conditional else ""
    application.reduced_sum_insured = (
        money(reduced_sum_insured) if conditional and reduced_sum_insured else None
    )
    application.postponed_until = postponed_until if decision == Status.POSTPONED else None
    _move(
        actor=actor,
        application=application,
        to=decision,
        verb="underwriting_decision",
        message=_("%(insurer)s decision on %(ref)s: %(decision)s")
        % {
            "insurer": application.insurer.name,
            "ref": application.reference,
            "decision": _label(decision),
        },
        data={
            "decision": decision,
            "extra_premium": str(application.extra_premium or ""),
            "exclusion": application.exclusion,
            "reduced_sum_insured": str(application.reduced_sum_insured or ""),
            "note": note,
        },
    )
    for person in _people_to_tell(application):
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            title=_("Underwriting decision on %(app)s: %(decision)s")
            % {"app": application.reference, "decision": _label(decision)},
            url=application.get_absolute_url(),
            level=Notification.Level.SUCCESS
            if decision in (Status.ACCEPTED, Status.ACCEPTED_CONDITIONS)
            else Notification.Level.WARNING,
            dedupe_key=f"uw-decision:{application.pk}",
        )
    return application


@transaction.atomic
def application_withdraw(*, actor, application, reason, withdrawn_on=None):
    """The customer withdraws the application (at any point before the policy is issued)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the customer's reason for withdrawing.")})
    application.withdrawn_on = withdrawn_on or timezone.localdate()
    application.withdrawal_reason = reason
    return _move(
        actor=actor,
        application=application,
        to=Status.WITHDRAWN,
        verb="application_withdrawn",
        message=_("%(ref)s withdrawn by the customer: %(reason)s")
        % {"ref": application.reference, "reason": reason},
    )


@transaction.atomic
def communication_add(
    *, actor, application, party, channel, person, content, when=None, next_follow_up=None
):
    """Log an exchange with the insurer or the customer about an application."""
    if not actor.has_perm("underwriting.add_communication") or not can(actor, application, "view"):
        raise PermissionDenied(_("You may not log communications on this application."))
    entry = Communication(
        application=application,
        party=party,
        channel=channel,
        person=(person or "").strip(),
        content=(content or "").strip(),
        when=when or timezone.now(),
        next_follow_up=next_follow_up,
        logged_by=actor,
    )
    return save_checked(entry, actor)


# --- policies -------------------------------------------------------------------------------


def _mark_won(opportunity, actor):
    """The sales service marks the opportunity won (through the application stage)."""
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    Stage = Opportunity.Stage
    if opportunity.stage == Stage.WON:
        return opportunity
    if opportunity.stage == Stage.LOST:
        raise ValidationError(
            _("The opportunity %(name)s is marked lost; a policy cannot be issued on it.")
            % {"name": opportunity}
        )
    if opportunity.stage == Stage.PROPOSAL:
        opportunity = sales_services.opportunity_transition(
            opportunity=opportunity, to=Stage.APPLICATION, actor=actor
        )
    return sales_services.opportunity_transition(
        opportunity=opportunity, to=Stage.WON, actor=actor, reason=_("Policy issued")
    )


def _make_customer(customer, actor):
    """The customers service moves the file to the stage "customer" (its rules apply: the
    file must hold what a customer's file needs)."""
    customer = Customer.objects.get(pk=customer.pk)
    if customer.stage == Customer.Stage.CUSTOMER:
        return customer
    saved_by(customer, actor)
    try:
        return customer_services.customer_update(
            actor=actor, customer=customer, stage=Customer.Stage.CUSTOMER, reason=_("Policy issued")
        )
    except ValidationError as exc:
        fields = getattr(exc, "error_dict", {}) or {}
        labels = [str(Customer._meta.get_field(n).verbose_name) for n in fields if n != "__all__"]
        raise ValidationError(
            _("Complete the customer file first; a customer's file needs: %(fields)s.")
            % {"fields": "、".join(labels) or "; ".join(exc.messages)}
        ) from exc


def policy_defaults(line):
    """What the issuance form starts from for ``line``: the applied terms, with the insurer's
    conditions (extra premium, reduced cover) when the application has this single line."""
    application = line.application
    single = application.lines.count() == 1
    annual = line.annual_premium
    sum_insured = line.sum_insured
    if single and application.extra_premium:
        annual += application.extra_premium
    if single and application.reduced_sum_insured:
        sum_insured = application.reduced_sum_insured
    return {
        "sum_insured": sum_insured,
        "annual_premium": annual,
        "frequency": line.frequency,
        "term_years": rules.parse_years(line.term),
        "payment_years": rules.parse_years(line.payment_period)
        if rules.parse_years(line.payment_period) is not None
        else (0 if line.frequency == Frequency.SINGLE else 1),
    }


@transaction.atomic
def policy_issue(
    *,
    actor,
    line,
    policy_number,
    effective_date,
    payment_years,
    term_years=None,
    sum_insured=None,
    annual_premium=None,
    frequency=None,
    first_premium_paid_on=None,
    issued_on=None,
):
    """Record the policy the insurer issued for an accepted application line, in one
    transaction: the policy with its beneficiaries and premium schedule, the application
    (issued once every line is), the opportunity (won, through the sales service) and the
    customer (stage "customer", through the customers service). Any failure undoes it all."""
    application = Application.objects.select_for_update().get(pk=line.application_id)
    require_permission(
        actor,
        application,
        ISSUE_PERM,
        message=_("Only a clerk supporting the customer's team records issued policies."),
    )
    if not application.is_accepted:
        raise ValidationError(
            _("A policy is issued on an accepted application (this one is “%(status)s”).")
            % {"status": application.get_status_display()}
        )
    if Policy.objects.filter(application_line_id=line.pk).exists():
        raise ValidationError(_("A policy has already been recorded for this cover."))
    policy_number = (policy_number or "").strip()
    if not policy_number:
        raise ValidationError({"policy_number": _("Enter the policy number.")})
    if effective_date is None:
        raise ValidationError({"effective_date": _("Enter the effective date.")})
    defaults = policy_defaults(line)
    frequency = frequency or defaults["frequency"]
    if frequency == Frequency.SINGLE:
        payment_years = 0
    elif not payment_years:
        raise ValidationError({"payment_years": _("Enter the number of years premiums are paid.")})
    annual = money(annual_premium if annual_premium is not None else defaults["annual_premium"])
    per_year = PAYMENTS_PER_YEAR[frequency]
    end_date = rules.add_months(effective_date, 12 * term_years) if term_years else None
    policy = Policy(
        application=application,
        application_line=line,
        proposal_id=application.proposal_id,
        opportunity_id=application.opportunity_id,
        customer_id=application.customer_id,
        insurer_id=application.insurer_id,
        product_id=line.product_id,
        insured_member_id=line.insured_member_id,
        insured_name=line.insured_name,
        beneficiaries=[
            {"name": b.name, "relation": b.relation, "share": str(b.share)}
            for b in application.beneficiaries.all()
        ],
        policy_number=policy_number,
        sum_insured=money(sum_insured if sum_insured is not None else defaults["sum_insured"]),
        annual_premium=annual,
        frequency=frequency,
        installment=money(annual / per_year),
        payment_years=payment_years,
        term_years=term_years,
        effective_date=effective_date,
        end_date=end_date,
        issued_on=issued_on or timezone.localdate(),
        issued_by=actor,
    )
    save_checked(policy, actor)
    premium_schedule_extend(actor=actor, policy=policy)
    first = policy.premiums.order_by("due_date").first()
    if first is not None and first_premium_paid_on is not None:
        first.paid_on = first_premium_paid_on
        save_checked(first, actor)
    _refresh_next_due(policy, actor)
    audit_event(
        actor=actor,
        verb="policy_issued",
        target=policy,
        message=_("Policy %(number)s issued by %(insurer)s: %(product)s for %(insured)s")
        % {
            "number": policy_number,
            "insurer": application.insurer.name,
            "product": line.product.name,
            "insured": policy.insured_name,
        },
        data={"application": application.pk, "line": line.pk},
    )
    if not application.lines.filter(policy__isnull=True).exists():
        _move(
            actor=actor,
            application=application,
            to=Status.ISSUED,
            verb="application_issued",
            message=_("%(ref)s: every policy issued") % {"ref": application.reference},
            perm=ISSUE_PERM,
        )
    _mark_won(application.opportunity, actor)
    _make_customer(application.customer, actor)
    notify(
        recipient=application.customer.owner,
        title=_("Policy issued: %(policy)s") % {"policy": policy},
        url=policy.get_absolute_url(),
        level=Notification.Level.SUCCESS,
        dedupe_key=f"uw-issued:{policy.pk}",
    )
    return policy


# --- premiums -------------------------------------------------------------------------------


def _premium_dues(policy, until):
    """The due dates of ``policy`` from its start up to ``until`` within its payment term."""
    per_year = PAYMENTS_PER_YEAR[policy.frequency]
    step = 12 // per_year
    total = 1 if policy.frequency == Frequency.SINGLE else max(policy.payment_years, 1) * per_year
    dues = []
    for i in range(total):
        due = rules.add_months(policy.effective_date, i * step)
        if due > until:
            break
        dues.append(due)
    return dues


@transaction.atomic
def premium_schedule_extend(*, actor, policy, until=None):
    """Keep the policy's premium schedule filled up to ``until`` (by default the configured
    number of months ahead): the missing records are added, existing ones untouched, so
    running it twice adds nothing. Returns the records created."""
    if policy.status != Policy.Status.IN_FORCE:
        return []
    if until is None:
        until = rules.add_months(timezone.localdate(), params.get(rules.SCHEDULE_MONTHS))
    existing = set(policy.premiums.values_list("due_date", flat=True))
    rate = policy.product.commission_rate
    renewal_rate = params.get(rules.RENEWAL_COMMISSION)
    created = []
    for due in _premium_dues(policy, until):
        if due in existing:
            continue
        year = rules.policy_year(policy.effective_date, due)
        first_year = year == 1
        record_rate = rate if first_year else renewal_rate
        created.append(
            save_checked(
                PremiumRecord(
                    policy=policy,
                    due_date=due,
                    amount=policy.installment,
                    policy_year=year,
                    kind=PremiumRecord.Kind.FIRST_YEAR
                    if first_year
                    else PremiumRecord.Kind.RENEWAL,
                    commission_rate=record_rate,
                    commission=money(policy.installment * record_rate),
                ),
                actor,
            )
        )
    return created


def _refresh_next_due(policy, actor):
    due = (
        policy.premiums.filter(paid_on__isnull=True, refunded=False)
        .order_by("due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    if policy.status != Policy.Status.IN_FORCE:
        due = None
    if policy.next_premium_due != due:
        policy.next_premium_due = due
        save_checked(policy, actor)
    return due


@transaction.atomic
def premium_record_payment(*, actor, premium, paid_on=None):
    """Record that a premium was paid; the policy's next due date and schedule move on."""
    policy = premium.policy
    require_permission(actor, policy, "underwriting.change_premiumrecord")
    premium = PremiumRecord.objects.select_for_update().get(pk=premium.pk)
    if premium.paid_on:
        raise ValidationError(_("This premium is already recorded as paid."))
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Premiums are recorded on policies in force."))
    premium.paid_on = paid_on or timezone.localdate()
    save_checked(premium, actor)
    premium_schedule_extend(actor=actor, policy=policy)
    _refresh_next_due(policy, actor)
    return premium


def premium_totals(policy):
    """Paid premiums and their commission (refunded ones excluded)."""
    paid = policy.premiums.filter(paid_on__isnull=False, refunded=False)
    totals = paid.aggregate(amount=Sum("amount"), commission=Sum("commission"))
    return {k: v or Decimal(0) for k, v in totals.items()}


# --- contract delivery and cooling-off ------------------------------------------------------


@transaction.atomic
def policy_deliver(
    *,
    actor,
    policy,
    delivered_on,
    method,
    receipt_signed_on,
    receipt,
    explained_coverage,
    explained_exclusions,
    explained_claims,
    explained_cooling_off,
):
    """Record that the contract was delivered and explained to the customer: the signed
    receipt, and that coverage, exclusions, the claims process and the cooling-off period
    were explained. The cooling-off end is computed from the receipt date. A regulated
    milestone on the timeline."""
    require_permission(
        actor,
        policy,
        DELIVER_PERM,
        message=_("Only a clerk supporting the customer's team records deliveries."),
    )
    if policy.delivered_on:
        raise ValidationError(_("The delivery of this contract is already recorded."))
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Only a policy in force is delivered."))
    errors = {}
    if not delivered_on:
        errors["delivered_on"] = _("Enter the delivery date.")
    if not method:
        errors["method"] = _("Say how the contract was delivered.")
    if not receipt_signed_on:
        errors["receipt_signed_on"] = _("Enter the date the customer signed the receipt.")
    elif delivered_on and receipt_signed_on < delivered_on:
        errors["receipt_signed_on"] = _("The receipt cannot be signed before the delivery.")
    if not receipt:
        errors["receipt"] = _("Upload the receipt the customer signed.")
    unexplained = [
        label
        for flag, label in (
            (explained_coverage, _("coverage")),
            (explained_exclusions, _("exclusions")),
            (explained_claims, _("the claims process")),
            (explained_cooling_off, _("the cooling-off period")),
        )
        if not flag
    ]
    if unexplained:
        errors["__all__"] = _(
            "Explain to the customer before recording the delivery: %(items)s."
        ) % {"items": "、".join(str(u) for u in unexplained)}
    if errors:
        raise ValidationError(errors)
    policy.delivered_on = delivered_on
    policy.delivery_method = method
    policy.receipt_signed_on = receipt_signed_on
    policy.receipt = receipt
    policy.explained_coverage = policy.explained_exclusions = True
    policy.explained_claims = policy.explained_cooling_off = True
    policy.delivered_by = actor
    policy.cooling_off_ends = rules.cooling_off_end(
        receipt_date=receipt_signed_on,
        category=policy.product.category,
        term_years=policy.term_years,
    )
    policy._change_reason = _("Contract delivered")
    save_checked(policy, actor)
    audit_event(
        actor=actor,
        verb="contract_delivered",
        target=policy,
        message=_(
            "Contract %(number)s delivered (%(method)s) and explained: coverage, exclusions, "
            "claims process, cooling-off period; cooling-off ends %(ends)s"
        )
        % {
            "number": policy.policy_number,
            "method": policy.get_delivery_method_display(),
            "ends": policy.cooling_off_ends.isoformat() if policy.cooling_off_ends else "—",
        },
        data={
            "delivered_on": delivered_on.isoformat(),
            "receipt_signed_on": receipt_signed_on.isoformat(),
            "cooling_off_ends": policy.cooling_off_ends.isoformat()
            if policy.cooling_off_ends
            else None,
        },
    )
    return policy


@transaction.atomic
def policy_cancel_cooling_off(*, actor, policy, cancelled_on, refund_amount, reason):
    """The customer cancels within the cooling-off period: the policy ends, the refund is
    recorded, paid premiums are marked refunded and the unpaid schedule removed."""
    require_permission(actor, policy, DELIVER_PERM)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Only a policy in force can be cancelled."))
    if not policy.cooling_off_ends:
        raise ValidationError(
            _("This policy has no cooling-off period (or its delivery is not recorded yet).")
        )
    if cancelled_on is None or cancelled_on > policy.cooling_off_ends:
        raise ValidationError(
            {
                "cancelled_on": _("The cooling-off period ended on %(date)s.")
                % {"date": policy.cooling_off_ends.isoformat()}
            }
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the customer's reason.")})
    if refund_amount is None or refund_amount < 0:
        raise ValidationError({"refund_amount": _("Enter the refund (0 or more).")})
    policy.status = Policy.Status.CANCELLED
    policy.ended_on = cancelled_on
    policy.end_reason = reason
    policy.refund_amount = money(refund_amount)
    policy.next_premium_due = None
    policy._change_reason = _("Cancelled in the cooling-off period")
    save_checked(policy, actor)
    for premium in list(policy.premiums.all()):
        if premium.paid_on:
            premium.refunded = True
            save_checked(premium, actor)
        else:
            saved_by(premium, actor).delete()
    audit_event(
        actor=actor,
        verb="policy_cancelled",
        target=policy,
        message=_("Policy %(number)s cancelled in the cooling-off period; refund %(refund)s")
        % {"number": policy.policy_number, "refund": policy.refund_amount},
        data={"reason": reason, "refund": str(policy.refund_amount)},
    )
    return policy


# --- reminders -------------------------------------------------------------------------------


def notify_overdue_applications(*, today=None):
    """Tell the clerks and the supervisor of the team about applications waiting longer than
    the configured days (once per application and day: safe to run twice)."""
    from .selectors import overdue_applications_all

    today = today or timezone.localdate()
    sent = 0
    for application in overdue_applications_all(today=today):
        team = application.customer.team
        people = {c.pk: c for c in team.clerks.filter(is_active=True)}
        if team.supervisor_id:
            people[team.supervisor_id] = team.supervisor
        for person in people.values():
            notify(
                recipient=person,
                title=_("Underwriting overdue: %(app)s, %(days)s days")
                % {"app": application.reference, "days": application.days_pending(today)},
                url=application.get_absolute_url(),
                level=Notification.Level.WARNING,
                dedupe_key=f"uw-overdue:{application.pk}:{today.isoformat()}",
            )
            sent += 1
    return sent


def premium_schedules_extend_all(*, until=None):
    """Extend the schedule of every in-force policy (the monthly job); returns how many
    policies gained records. Each policy in its own transaction, so one bad row stops none."""
    extended = 0
    for policy in Policy.objects.filter(status=Policy.Status.IN_FORCE).select_related("product"):
        with transaction.atomic():
            if premium_schedule_extend(actor=None, policy=policy, until=until):
                extended += 1
    return extended
