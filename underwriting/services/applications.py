"""Applications: created from an accepted proposal, edited, their beneficiaries."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.permissions import can
from core.services import (
    audit_event,
    require_permission,
    save_checked,
    saved_by,
)
from customers.services import require_sensitive_consent
from sales.models import Proposal

from ..models import (
    Application,
    ApplicationLine,
    Beneficiary,
)


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
    if "".join((bank_account or "").split()):
        require_sensitive_consent(
            actor=actor, customer=opportunity.customer, kind="financial", field="bank_account"
        )
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
            message=Text(
                gettext_noop("Application %(ref)s to %(insurer)s prepared from %(proposal)s"),
                {"ref": application.reference, "insurer": insurer, "proposal": proposal},
            ),
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
    stored_account = application.bank_account
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("This field cannot be changed here."))
        setattr(application, name, value)
    account = "".join((application.bank_account or "").split())
    if account and account != "".join((stored_account or "").split()):
        require_sensitive_consent(
            actor=actor, customer=application.customer, kind="financial", field="bank_account"
        )
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
        message=Text(
            gettext_noop("Beneficiaries: %(list)s"),
            {
                "list": "、".join(f"{n} {s.normalize():f}%" for n, _r, s in cleaned)
                or Text(gettext_noop("the legal heirs"))
            },
        ),
    )
    return application
