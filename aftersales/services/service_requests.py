"""Policy service requests (changes, reissue): the request, its papers, submission to
the insurer and applying the change to the policy."""

import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.permissions import can
from core.services import audit_event, require_permission, save_checked, saved_by
from customers import services as customer_services

from ..models import ServiceRequest, ServiceRequestDocument
from ._common import PROCESS_REQUEST_PERM, _tell, clerk_for

SR = ServiceRequest.Status
SRK = ServiceRequest.Kind
REQUEST_FIELDS = {
    SRK.CONTACT: ("mobile", "email"),
    SRK.ADDRESS: ("province", "city", "district", "street"),
    SRK.BANK_ACCOUNT: ("bank_name", "bank_account"),
    SRK.BENEFICIARY: ("beneficiaries",),
    SRK.REISSUE: ("reason",),
    SRK.OTHER: (),
}
NEEDS_DOCUMENT = (SRK.BANK_ACCOUNT, SRK.BENEFICIARY, SRK.REISSUE)
SENSITIVE = ("mobile", "bank_account")


def current_values(policy, kind):
    """The values a request of ``kind`` would change, as they are on file now."""
    customer = policy.customer
    if kind in (SRK.CONTACT, SRK.ADDRESS):
        return {f: getattr(customer, f) or "" for f in REQUEST_FIELDS[kind]}
    if kind == SRK.BANK_ACCOUNT:
        application = policy.application
        return {"bank_name": application.bank_name, "bank_account": application.bank_account}
    if kind == SRK.BENEFICIARY:
        return {"beneficiaries": list(policy.beneficiaries or [])}
    return {}


def parse_beneficiaries(text):
    """ "張三 配偶 60; 張小明 子女 40" → [{"name", "relation", "share"}]; shares total 100."""
    rows = []
    for part in (text or "").replace("；", ";").replace("\n", ";").split(";"):
        bits = part.split()
        if not bits:
            continue
        if len(bits) < 2:
            raise ValidationError(
                {"beneficiaries": _("Write each beneficiary as: name relation share.")}
            )
        name, share = bits[0], bits[-1].rstrip("%")
        relation = " ".join(bits[1:-1])
        try:
            share = Decimal(share)
        except InvalidOperation as exc:
            raise ValidationError(
                {"beneficiaries": _("The share of %(name)s is not a number.") % {"name": name}}
            ) from exc
        if share <= 0 or share > 100:
            raise ValidationError({"beneficiaries": _("Each share is above 0 and at most 100.")})
        rows.append({"name": name, "relation": relation, "share": f"{share.normalize():f}"})
    if rows and sum(Decimal(r["share"]) for r in rows) != 100:
        raise ValidationError({"beneficiaries": _("The shares must total exactly 100.")})
    return rows


def _clean_after(kind, after):
    fields = REQUEST_FIELDS[kind]
    cleaned = {}
    for name in fields:
        value = after.get(name)
        if isinstance(value, str):
            value = value.strip()
        if name == "bank_account" and value:
            value = "".join(value.split())
        if value not in (None, "", []):
            cleaned[name] = value
    if kind == SRK.BENEFICIARY and isinstance(cleaned.get("beneficiaries"), str):
        cleaned["beneficiaries"] = parse_beneficiaries(cleaned["beneficiaries"])
    if fields and not cleaned and kind != SRK.BENEFICIARY:
        raise ValidationError(_("Enter the new values."))
    return cleaned


@transaction.atomic
def service_request_create(*, actor, policy, kind, after=None, description="", requested_on=None):
    """A customer's request on a policy, with the values on file now and those wanted."""
    if not actor.has_perm("aftersales.add_servicerequest") or not can(
        actor, policy.customer, "view"
    ):
        raise PermissionDenied(_("You may not open service requests for this customer."))
    if kind not in SRK.values:
        raise ValidationError({"kind": _("Choose the request.")})
    description = (description or "").strip()
    cleaned = _clean_after(kind, after or {})
    if cleaned.get("bank_account"):
        customer_services.require_sensitive_consent(
            actor=actor, customer=policy.customer, kind="financial", field="bank_account"
        )
    if kind == SRK.OTHER and not description:
        raise ValidationError({"description": _("Describe the request.")})
    before = current_values(policy, kind)
    request = ServiceRequest(
        policy=policy,
        customer=policy.customer,
        kind=kind,
        description=description,
        requested_on=requested_on or timezone.localdate(),
        before=json.dumps(before, ensure_ascii=False),
        after=json.dumps(cleaned, ensure_ascii=False),
        handled_by=clerk_for(policy.customer),
    )
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="service_request_opened",
        target=request,
        message=Text(
            gettext_noop("%(ref)s opened on %(policy)s: %(kind)s"),
            {
                "ref": request.reference,
                "policy": policy.policy_number,
                "kind": choice(request, "kind", request.kind),
            },
        ),
    )
    return request


@transaction.atomic
def service_request_document_upload(*, actor, request, file, description):
    if not actor.has_perm("aftersales.add_servicerequestdocument") or not can(
        actor, request, "view"
    ):
        raise PermissionDenied(_("You may not add documents to this request."))
    if request.status not in (SR.DRAFT, SR.SUBMITTED):
        raise ValidationError(_("Documents are added to open requests."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what the document is.")})
    document = ServiceRequestDocument(
        request=request,
        file=file,
        original_name=(getattr(file, "name", "") or "")[:200],
        description=description,
        uploaded_by=actor,
    )
    save_checked(document, actor)
    audit_event(
        actor=actor,
        verb="service_document_uploaded",
        target=request,
        message=Text(gettext_noop("Document added: %(doc)s"), {"doc": description}),
    )
    return document


def service_request_blockers(request):
    """Why the request cannot be submitted yet (empty: it can)."""
    errors = []
    if request.kind in NEEDS_DOCUMENT and not request.documents.exists():
        errors.append(_("Add the signed request form (and the papers the insurer needs)."))
    return errors


def _request_move(*, actor, request, allowed_from, to, verb, message):
    require_permission(
        actor,
        request,
        PROCESS_REQUEST_PERM,
        message=_("Only a clerk supporting the customer's team processes service requests."),
    )
    locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("This request is “%(status)s”; it cannot go on to “%(to)s”.")
            % {"status": locked.get_status_display(), "to": dict(SR.choices)[to]}
        )
    request.status = to
    request._change_reason = str(message)[:100]
    save_checked(request, actor)
    audit_event(actor=actor, verb=verb, target=request, message=message)
    return request


@transaction.atomic
def service_request_submit(*, actor, request, submitted_on=None, insurer_reference=""):
    blockers = service_request_blockers(request)
    if blockers:
        raise ValidationError(blockers)
    request.submitted_on = submitted_on or timezone.localdate()
    request.insurer_reference = (insurer_reference or "").strip()
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.DRAFT,),
        to=SR.SUBMITTED,
        verb="service_request_submitted",
        message=Text(
            gettext_noop("%(ref)s submitted to %(insurer)s"),
            {"ref": request.reference, "insurer": request.policy.insurer},
        ),
    )


def _apply_request(actor, request):
    """Put the completed change on the customer's or the policy's record (with history)."""
    after = request.values_after
    reason = _("Service request %(ref)s") % {"ref": request.reference}
    policy = request.policy
    if request.kind in (SRK.CONTACT, SRK.ADDRESS):
        customer = request.customer
        saved_by(customer, actor)
        customer_services.customer_update(
            actor=actor, customer=customer, reason=str(reason)[:100], **after
        )
    elif request.kind == SRK.BANK_ACCOUNT:
        application = policy.application
        application.bank_name = after.get("bank_name", application.bank_name)
        application.bank_account = after.get("bank_account", application.bank_account)
        application._change_reason = str(reason)[:100]
        save_checked(application, actor)
        audit_event(
            actor=actor,
            verb="bank_account_changed",
            target=policy,
            message=Text(
                gettext_noop("Premium bank account changed (%(ref)s)"), {"ref": request.reference}
            ),
        )
    elif request.kind == SRK.BENEFICIARY:
        policy.beneficiaries = after.get("beneficiaries", [])
        policy._change_reason = str(reason)[:100]
        save_checked(policy, actor)
        audit_event(
            actor=actor,
            verb="beneficiaries_changed",
            target=policy,
            message=Text(
                gettext_noop("Beneficiaries changed (%(ref)s): %(list)s"),
                {
                    "ref": request.reference,
                    "list": "、".join(f"{b['name']} {b['share']}%" for b in policy.beneficiaries)
                    or Text(gettext_noop("the legal heirs")),
                },
            ),
        )
    elif request.kind == SRK.REISSUE:
        audit_event(
            actor=actor,
            verb="policy_reissued",
            target=policy,
            message=Text(
                gettext_noop("Policy %(number)s reissued after a loss (%(ref)s)"),
                {"number": policy.policy_number, "ref": request.reference},
            ),
        )


@transaction.atomic
def service_request_complete(*, actor, request, completed_on=None, note=""):
    """The insurer completed the request: the change goes onto the customer's or the policy's
    record, with history."""
    request.completed_on = completed_on or timezone.localdate()
    request.outcome_note = (note or "").strip()
    request = _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.SUBMITTED,),
        to=SR.COMPLETED,
        verb="service_request_completed",
        message=Text(
            gettext_noop("%(ref)s completed: %(kind)s"),
            {"ref": request.reference, "kind": choice(request, "kind", request.kind)},
        ),
    )
    try:
        _apply_request(actor, request)
    except ValidationError as exc:
        messages = "; ".join(exc.messages)
        raise ValidationError(
            _("The change cannot be put on the record: %(errors)s") % {"errors": messages}
        ) from exc
    _tell(
        [request.customer.owner],
        actor=actor,
        title=Text(
            gettext_noop("Service request completed: %(ref)s (%(customer)s)"),
            {"ref": request.reference, "customer": request.customer.name},
        ),
        url=request.get_absolute_url(),
        key=f"sr-completed:{request.pk}",
    )
    return request


@transaction.atomic
def service_request_reject(*, actor, request, note):
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Give the insurer's reason.")})
    request.outcome_note = note
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.SUBMITTED,),
        to=SR.REJECTED,
        verb="service_request_rejected",
        message=Text(
            gettext_noop("%(ref)s rejected by the insurer: %(note)s"),
            {"ref": request.reference, "note": note},
        ),
    )


@transaction.atomic
def service_request_cancel(*, actor, request, note):
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the request is cancelled.")})
    request.outcome_note = note
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.DRAFT, SR.SUBMITTED),
        to=SR.CANCELLED,
        verb="service_request_cancelled",
        message=Text(
            gettext_noop("%(ref)s cancelled: %(note)s"), {"ref": request.reference, "note": note}
        ),
    )
