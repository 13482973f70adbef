"""Confidentiality writes: agreements (recorded, signed, reminded) and the customer-access
gate, customers' consents and data requests (with the data export), breaches."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text, choice
from core.models import Notification
from core.permissions import access_changed, can
from core.services import audit_event, export_log, notify, require_permission, save_checked

from .. import rules, selectors
from ..models import Agreement, Breach, CustomerDataRequest, SensitiveConsent

AGREEMENT_FIELDS = {
    "version",
    "signed_on",
    "starts_on",
    "expires_on",
    "non_compete",
    "non_compete_months",
    "non_compete_compensation",
    "note",
}


def _require_perm(actor, perm):
    if not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this."))


def _set_file(obj, field, upload):
    if upload:
        setattr(obj, field, upload)
        setattr(obj, f"{field}_name", (getattr(upload, "name", "") or "")[:200])


def _check_agreement(agreement):
    terms = agreement.non_compete_months, agreement.non_compete_compensation
    if not agreement.non_compete and any(t is not None for t in terms):
        raise ValidationError(
            {"non_compete": _("Tick the non-compete clause to give its period and compensation.")}
        )
    if agreement.non_compete and agreement.non_compete_months is None:
        raise ValidationError(
            {"non_compete_months": _("Give the non-compete period of the clause.")}
        )
    if agreement.signed_on is None and (agreement.starts_on or agreement.scan):
        raise ValidationError({"signed_on": _("Give the date the agreement was signed.")})
    if agreement.starts_on and agreement.signed_on and agreement.starts_on < agreement.signed_on:
        raise ValidationError(
            {"starts_on": _("An agreement comes into force on or after its signing.")}
        )
    start = agreement.starts_on or agreement.signed_on
    if agreement.expires_on and start and agreement.expires_on <= start:
        raise ValidationError({"expires_on": _("The agreement must end after it starts.")})


@transaction.atomic
def agreement_record(*, actor, employee, version, scan=None, **fields):
    """HR records an employee's agreement: handed over for signature (no signing date yet;
    the employee is told to sign) or already signed (with its scanned copy)."""
    _require_perm(actor, "confidentiality.add_agreement")
    if not version.active:
        raise ValidationError({"version": _("This agreement text is no longer in use.")})
    agreement = Agreement(employee=employee, version=version, recorded_by=actor)
    for name, value in fields.items():
        if name in AGREEMENT_FIELDS:
            setattr(agreement, name, value)
    _set_file(agreement, "scan", scan)
    _check_agreement(agreement)
    save_checked(agreement, actor)
    signed = agreement.signed_on is not None
    audit_event(
        actor=actor,
        verb="agreement_signed" if signed else "agreement_issued",
        target=agreement,
        message=Text(
            gettext_noop("Confidentiality agreement %(version)s signed by %(employee)s")
            if signed
            else gettext_noop(
                "Confidentiality agreement %(version)s handed to %(employee)s for signature"
            ),
            {"version": version.code, "employee": employee.name},
        ),
    )
    if not signed:
        _ask_to_sign(agreement)
    return agreement


def _ask_to_sign(agreement):
    notify(
        recipient=agreement.employee.user,
        title=Text(
            gettext_noop("Please sign your confidentiality agreement (%(version)s)"),
            {"version": agreement.version.code},
        ),
        body=Text(gettext_noop("Return the signed agreement to HR.")),
        url=agreement.get_absolute_url(),
        level=Notification.Level.WARNING,
        dedupe_key=f"agreement-issued:{agreement.pk}",
    )


@transaction.atomic
def agreement_update(*, actor, agreement, scan=None, **fields):
    """HR corrects an agreement's details or records its signature (date and scan)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_permission(actor, agreement, "confidentiality.change_agreement")
    was_signed = agreement.signed_on is not None
    for name, value in fields.items():
        if name in AGREEMENT_FIELDS and name != "version":
            setattr(agreement, name, value)
    if "version" in fields and fields["version"] != agreement.version:
        if was_signed:
            raise ValidationError({"version": _("The text of a signed agreement stays.")})
        agreement.version = fields["version"]
    _set_file(agreement, "scan", scan)
    _check_agreement(agreement)
    save_checked(agreement, actor)
    if not was_signed and agreement.signed_on is not None:
        audit_event(
            actor=actor,
            verb="agreement_signed",
            target=agreement,
            message=Text(
                gettext_noop("Confidentiality agreement %(version)s signed by %(employee)s"),
                {"version": agreement.version.code, "employee": agreement.employee.name},
            ),
        )
    return agreement


@transaction.atomic
def agreement_sign(*, actor, agreement, signed_on, scan=None, starts_on=None, expires_on=None):
    """HR records that the employee signed the agreement on ``signed_on``."""
    if agreement.signed_on is not None:
        raise ValidationError(_("This agreement is already signed."))
    fields = {"signed_on": signed_on}
    if starts_on:
        fields["starts_on"] = starts_on
    if expires_on:
        fields["expires_on"] = expires_on
    return agreement_update(actor=actor, agreement=agreement, scan=scan, **fields)


def unsigned_agreement_refusals(user):
    """The ``customers.access`` gate: when the company requires it, an employee without a
    signed agreement in force opens no customer data."""
    if not params.get(rules.AGREEMENT_REQUIRED):
        return []
    employee = getattr(user, "employee", None)
    if employee is None or employee.status == employee.Status.LEFT:
        return []
    if selectors.has_agreement_in_force(employee):
        return []
    return [
        _(
            "Customer files open once your confidentiality agreement is signed and in force: "
            "HR records it."
        )
    ]


def _hr_users():
    return get_user_model().objects.with_perm(
        "confidentiality.change_agreement",
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )


def agreement_reminders(*, today=None):
    """The daily reminders. An employee without a signed agreement in force is reminded
    (and HR is told how many there are) every ``confidentiality.unsigned_reminder_days``
    days; an agreement whose term ends within ``confidentiality.agreement_expiry_reminder_days``
    is notified once to the employee and HR. Running it again the same day sends nothing
    more. Agreements that ended yesterday take their holders' customer access away now
    (when the company requires an agreement), not when the access cache expires."""
    today = today or dt.date.today()
    every = max(int(params.get(rules.UNSIGNED_REMINDER_DAYS)), 1)
    period = today.toordinal() // every  # the same number for ``every`` days in a row
    hr = list(_hr_users())
    unsigned = list(selectors.employees_without_agreement(today))
    for employee in unsigned:
        pending = employee.confidentiality_agreements.filter(signed_on__isnull=True).first()
        url = pending.get_absolute_url() if pending else ""
        notify(
            recipient=employee.user,
            title=Text(gettext_noop("Your confidentiality agreement is not signed")),
            body=Text(gettext_noop("Sign the confidentiality agreement with HR.")),
            url=url,
            level=Notification.Level.WARNING,
            dedupe_key=f"agreement-unsigned:{employee.pk}:{period}",
        )
    if unsigned:
        for user in hr:
            notify(
                recipient=user,
                title=Text(
                    gettext_noop("%(count)s employees without a signed confidentiality agreement"),
                    {"count": len(unsigned)},
                ),
                url=reverse("confidentiality:agreement_unsigned"),
                level=Notification.Level.WARNING,
                dedupe_key=f"agreement-unsigned-hr:{period}",
            )
    days = int(params.get(rules.EXPIRY_REMINDER_DAYS))
    expiring = list(selectors.expiring_agreements(today, days))
    for agreement in expiring:
        title = Text(
            gettext_noop("Confidentiality agreement of %(name)s ends on %(day)s"),
            {"name": agreement.employee.name, "day": agreement.expires_on},
        )
        for user in [agreement.employee.user, *hr]:
            notify(
                recipient=user,
                title=title,
                url=agreement.get_absolute_url(),
                level=Notification.Level.WARNING,
                dedupe_key=f"agreement-expiring:{agreement.pk}:{agreement.expires_on}",
            )
    if Agreement.objects.filter(expires_on=today - dt.timedelta(days=1)).exists():
        access_changed()
    return {"unsigned": len(unsigned), "expiring": len(expiring)}


# --- customers' consents and data requests --------------------------------------------------

CONSENT_KINDS = {
    "health": SensitiveConsent.Kind.HEALTH,
    "financial": SensitiveConsent.Kind.FINANCIAL,
}


def sensitive_storage_refusals(user, customer=None, kind=None):
    """The ``customers.store_sensitive`` gate: a health note or a bank account is stored
    only once the customer's separate consent for it is on record."""
    kind = CONSENT_KINDS.get(kind)
    if kind is None or selectors.has_consent(customer, kind):
        return []
    if kind == SensitiveConsent.Kind.HEALTH:
        return [
            _(
                "Record the customer's consent to keeping health information (date and "
                "purpose) before storing a health note."
            )
        ]
    return [
        _(
            "Record the customer's consent to keeping financial account information (date "
            "and purpose) before storing a bank account."
        )
    ]


def _require_customer(actor, customer, action="change"):
    if not can(actor, customer, action):
        raise PermissionDenied(_("You may not do this on this customer's file."))


@transaction.atomic
def consent_record(*, actor, customer, kind, given_on, purpose, evidence=None):
    """Record the customer's separate consent to keeping ``kind`` of sensitive information."""
    _require_perm(actor, "confidentiality.add_sensitiveconsent")
    _require_customer(actor, customer)
    if not (purpose or "").strip():
        raise ValidationError({"purpose": _("Say what the information is used for.")})
    if selectors.has_consent(customer, kind):
        raise ValidationError({"kind": _("This consent is already on record.")})
    consent = SensitiveConsent(
        customer=customer, kind=kind, given_on=given_on, purpose=purpose.strip(), recorded_by=actor
    )
    _set_file(consent, "evidence", evidence)
    save_checked(consent, actor)
    audit_event(
        actor=actor,
        verb="consent_recorded",
        target=customer,
        message=Text(
            gettext_noop("Consent to keeping %(kind)s recorded (given on %(day)s): %(purpose)s"),
            {
                "kind": choice(SensitiveConsent, "kind", consent.kind),
                "day": given_on,
                "purpose": consent.purpose,
            },
        ),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent, withdrawn_on):
    """The customer withdrew a consent: new values of that kind are no longer accepted."""
    consent = SensitiveConsent.objects.select_for_update().get(pk=consent.pk)
    _require_perm(actor, "confidentiality.change_sensitiveconsent")
    _require_customer(actor, consent.customer)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent is already withdrawn."))
    consent.withdrawn_on = withdrawn_on
    save_checked(consent, actor)
    audit_event(
        actor=actor,
        verb="consent_withdrawn",
        target=consent.customer,
        message=Text(
            gettext_noop("Consent to keeping %(kind)s withdrawn on %(day)s"),
            {"kind": choice(SensitiveConsent, "kind", consent.kind), "day": withdrawn_on},
        ),
    )
    return consent


@transaction.atomic
def data_request_record(*, actor, customer, kind, received_on, details):
    """Record a customer's request for a copy of their data or a correction."""
    _require_perm(actor, "confidentiality.add_customerdatarequest")
    _require_customer(actor, customer, "view")
    request = save_checked(
        CustomerDataRequest(
            customer=customer,
            kind=kind,
            received_on=received_on,
            details=details,
            recorded_by=actor,
        ),
        actor,
    )
    audit_event(
        actor=actor,
        verb="data_request_received",
        target=customer,
        message=Text(
            gettext_noop("%(kind)s requested: %(details)s"),
            {"kind": choice(CustomerDataRequest, "kind", request.kind), "details": details},
        ),
    )
    return request


@transaction.atomic
def data_request_handle(*, actor, request, status, outcome):
    """Close a data request as done or refused, saying what was done (or why not)."""
    request = CustomerDataRequest.objects.select_for_update().get(pk=request.pk)
    _require_perm(actor, "confidentiality.change_customerdatarequest")
    _require_customer(actor, request.customer, "view")
    if request.status != CustomerDataRequest.Status.OPEN:
        raise ValidationError(_("This request is already handled."))
    if status not in (CustomerDataRequest.Status.DONE, CustomerDataRequest.Status.REFUSED):
        raise ValidationError({"status": _("Choose done or refused.")})
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Say what was done, or why the request is refused.")})
    request.status = status
    request.outcome = outcome.strip()
    request.handled_by = actor
    request.handled_at = timezone.now()
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="data_request_handled",
        target=request.customer,
        message=Text(
            gettext_noop("%(kind)s request %(status)s: %(outcome)s"),
            {
                "kind": choice(CustomerDataRequest, "kind", request.kind),
                "status": choice(CustomerDataRequest, "status", request.status),
                "outcome": request.outcome,
            },
        ),
    )
    return request


def customer_data_export(*, actor, customer, request=None, http_request=None, file_format="xlsx"):
    """Everything kept on ``customer``, as an Excel workbook (or with ``file_format="pdf"``
    a PDF) for the customer (clear values: it is their own data), logged in the export log
    and the customer's audit trail. An open copy request is closed as done. Needs the right
    to see the customer's sensitive data. Returns the file's bytes."""
    from ..export import customer_pdf, customer_workbook

    _require_customer(actor, customer, "view")
    if not actor.has_perm("customers.view_sensitive") or not actor.has_perm(
        "confidentiality.add_customerdatarequest"
    ):
        raise PermissionDenied(_("You may not export a customer's data."))
    if file_format == "pdf":
        build = customer_pdf
        message = gettext_noop("Copy of the customer's data exported as PDF (%(rows)s rows)")
    else:
        build = customer_workbook
        message = gettext_noop("Copy of the customer's data exported (%(rows)s rows)")
    content, rows = build(customer, user=actor)
    with transaction.atomic():
        export_log(
            user=actor,
            what=_("Customer's own data: %(customer)s") % {"customer": customer},
            file_format=file_format,
            row_count=rows,
            request=http_request,
            clear_values=True,
            purpose=_("The customer's request for a copy of their data"),
        )
        audit_event(
            actor=actor,
            verb="customer_data_exported",
            target=customer,
            message=Text(message, {"rows": rows}),
        )
        if request is not None and request.status == CustomerDataRequest.Status.OPEN:
            data_request_handle(
                actor=actor,
                request=request,
                status=CustomerDataRequest.Status.DONE,
                outcome=_("Copy of the data exported on %(day)s")
                % {"day": timezone.localdate().isoformat()},
            )
    return content


# --- breaches -------------------------------------------------------------------------------

BREACH_FIELDS = {"employee", "what", "occurred_on", "found_on", "severity", "action_taken"}


@transaction.atomic
def breach_record(*, actor, **fields):
    """Compliance records a breach of confidentiality."""
    _require_perm(actor, "confidentiality.add_breach")
    breach = Breach(recorded_by=actor, **{k: v for k, v in fields.items() if k in BREACH_FIELDS})
    save_checked(breach, actor)
    audit_event(
        actor=actor,
        verb="breach_recorded",
        target=breach,
        message=Text(gettext_noop("Breach recorded: %(breach)s"), {"breach": breach}),
    )
    return breach


@transaction.atomic
def breach_update(*, actor, breach, **fields):
    """Compliance changes an open breach's details or the action taken (history kept)."""
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    require_permission(actor, breach, "confidentiality.change_breach")
    if breach.status == Breach.Status.CLOSED:
        raise ValidationError(_("A closed breach is not changed."))
    for name, value in fields.items():
        if name in BREACH_FIELDS:
            setattr(breach, name, value)
    return save_checked(breach, actor)


@transaction.atomic
def breach_close(*, actor, breach, outcome, closed_on=None):
    """Compliance closes a breach with its outcome."""
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    require_permission(actor, breach, "confidentiality.change_breach")
    if breach.status == Breach.Status.CLOSED:
        raise ValidationError(_("This breach is already closed."))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Give the outcome.")})
    breach.outcome = outcome.strip()
    breach.closed_on = closed_on or timezone.localdate()
    if breach.closed_on < breach.found_on:
        raise ValidationError({"closed_on": _("A breach is closed after it is found.")})
    breach.status = Breach.Status.CLOSED
    save_checked(breach, actor)
    audit_event(actor=actor, verb="breach_closed", target=breach, message=breach.outcome)
    return breach
