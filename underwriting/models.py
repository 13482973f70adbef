"""Applications and their papers, underwriting by the insurer, policies, premiums, and the
delivery of the contract with its cooling-off period (regulation 3(三))."""

import datetime as dt
import os
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.crypto import EncryptedTextField, keyed_hash, mask
from core.documents import CheckedDocument, document_file_field
from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import IMAGES_AND_PDF, FileValidator
from core.validators import NOTE_LENGTH, validate_event_date
from sales.models import CoverLine, Frequency, Product

MONEY = {"max_digits": 14, "decimal_places": 2}
CENT = Decimal("0.01")


def money(value):
    """``value`` rounded half up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class DocumentKind(models.TextChoices):
    """The papers of an application."""

    APPLICATION_FORM = "application_form", _("Application form signed by policyholder and insured")
    ID_COPIES = "id_copies", _("ID copies of policyholder and insured")
    HEALTH_DECLARATION = "health_declaration", _("Health declaration")
    BANK_AUTHORISATION = "bank_authorisation", _("Bank debit authorisation")
    BENEFICIARY_DESIGNATION = "beneficiary_designation", _("Beneficiary designation")
    FINANCIAL_QUESTIONNAIRE = "financial_questionnaire", _("Financial questionnaire")
    OTHER = "other", _("Other document")


class RequiredDocument(BaseModel):
    """A document every application for a product category needs (the checklist rule)."""

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always")
        ABOVE_SUM_INSURED = "above_sum", _("Only above the financial questionnaire threshold")
        BANK_PAYMENT = "bank", _("Only when premiums are paid from a bank account")
        BENEFICIARIES = "beneficiaries", _("Only when beneficiaries are named")

    category = models.CharField(
        _("product category"), max_length=20, choices=Product.Category.choices
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    condition = models.CharField(
        _("required"), max_length=15, choices=Condition.choices, default=Condition.ALWAYS
    )
    note = models.CharField(
        _("instructions"),
        max_length=200,
        blank=True,
        help_text=_("What the clerk checks, shown beside the document."),
    )
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["category", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "kind"],
                name="requireddocument_unique_kind_per_category",
                violation_error_message=_("This document is already on the category's list."),
            )
        ]

    def __str__(self):
        return f"{self.get_category_display()} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("underwriting:requireddocument_edit", args=[self.pk])


class Application(BaseModel):
    """An application (投保單) to one insurer, made from the customer's accepted proposal."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SUBMITTED = "submitted", _("Submitted to the insurer")
        INFO_REQUESTED = "info_requested", _("More information requested")
        INFO_SUPPLIED = "info_supplied", _("Information supplied")
        ACCEPTED = "accepted", _("Accepted (standard terms)")
        ACCEPTED_CONDITIONS = "accepted_conditions", _("Accepted with conditions")
        POSTPONED = "postponed", _("Postponed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the customer")
        ISSUED = "issued", _("Policy issued")

    class PaymentMethod(models.TextChoices):
        AUTO_DEBIT = "auto_debit", _("Automatic bank debit")
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        CARD = "card", _("Bank card")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Insurer's online portal")
        EMAIL = "email", _("E-mail")
        COURIER = "courier", _("Courier")
        IN_PERSON = "in_person", _("Handed in person")

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("policyholder"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    proposal = models.ForeignKey(
        "sales.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    opportunity = models.ForeignKey(
        "sales.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    insurer = models.ForeignKey(
        "sales.Insurer",
        verbose_name=_("insurer"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    payment_method = models.CharField(
        _("payment method"),
        max_length=15,
        choices=PaymentMethod.choices,
        default=PaymentMethod.AUTO_DEBIT,
    )
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = EncryptedTextField(
        _("bank account"), max_length=40, blank=True, help_text=_("Stored encrypted; shown masked.")
    )
    bank_account_hash = models.CharField(
        _("bank account digest"), max_length=64, blank=True, editable=False, db_index=True
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # submission
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    submission_channel = models.CharField(
        _("submitted by"), max_length=15, choices=Channel.choices, blank=True
    )
    insurer_reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # more information
    info_requested = models.TextField(
        _("information requested"), max_length=NOTE_LENGTH, blank=True
    )
    info_requested_on = models.DateField(_("requested on"), null=True, blank=True)
    info_due_date = models.DateField(_("information due by"), null=True, blank=True)
    info_supplied_on = models.DateField(_("information supplied on"), null=True, blank=True)
    info_supplied_note = models.TextField(
        _("information supplied"), max_length=NOTE_LENGTH, blank=True
    )
    # decision
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_note = models.TextField(_("decision details"), max_length=NOTE_LENGTH, blank=True)
    extra_premium = models.DecimalField(
        _("extra annual premium"),
        null=True,
        blank=True,
        help_text=_("Loading the insurer added, per year."),
        **MONEY,
    )
    exclusion = models.TextField(_("exclusion"), max_length=NOTE_LENGTH, blank=True)
    reduced_sum_insured = models.DecimalField(
        _("reduced sum insured"), null=True, blank=True, **MONEY
    )
    postponed_until = models.DateField(_("postponed until"), null=True, blank=True)
    # withdrawal
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("withdrawal reason"), max_length=300, blank=True)

    # Applications follow the customer file: whoever sees the file sees its applications,
    # and a reassignment of the customer moves them at once (nothing copied to re-sync).
    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created", "-pk"]
        permissions = [
            ("process_application", _("Can submit applications and record underwriting")),
            ("check_document", _("Can check application documents")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "insurer"],
                name="application_one_per_insurer_per_proposal",
                violation_error_message=_(
                    "This proposal already has an application to this insurer."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(extra_premium__gte=0) | models.Q(extra_premium__isnull=True),
                name="application_extra_premium_not_negative",
                violation_error_message=_("The extra premium cannot be negative."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_on"]),
            models.Index(fields=["submitted_on"]),
            models.Index(fields=["decided_on"]),
            models.Index(fields=["insurer_reference"]),
        ]

    def __str__(self):
        return f"{self.reference} · {self.customer.name} · {self.insurer.name}"

    def save(self, *args, **kwargs):
        self.bank_account = "".join((self.bank_account or "").split())
        self.bank_account_hash = keyed_hash(self.bank_account)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("underwriting:application", args=[self.pk])

    @property
    def reference(self):
        return f"AP{self.pk:06d}" if self.pk else str(_("new application"))

    @property
    def bank_account_masked(self):
        return mask(self.bank_account, 4, 4)

    @property
    def is_pending(self):
        """Waiting for the insurer (submitted and not decided)."""
        return self.status in PENDING_STATUSES

    @property
    def is_accepted(self):
        return self.status in (self.Status.ACCEPTED, self.Status.ACCEPTED_CONDITIONS)

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def days_pending(self, today=None):
        """Days since submission while the insurer has not decided; None otherwise."""
        if not self.submitted_on or not self.is_pending:
            return None
        return ((today or timezone.localdate()) - self.submitted_on).days

    def status_colour(self):
        return STATUS_COLOURS.get(self.status, "secondary")


PENDING_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.INFO_REQUESTED,
    Application.Status.INFO_SUPPLIED,
)
STATUS_COLOURS = {
    "draft": "secondary",
    "submitted": "primary",
    "info_requested": "warning",
    "info_supplied": "info",
    "accepted": "success",
    "accepted_conditions": "success",
    "postponed": "warning",
    "declined": "danger",
    "withdrawn": "dark",
    "issued": "success",
}


class ApplicationLine(CoverLine):
    """One cover applied for: a product for an insured person, carried over from the proposal."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="lines"
    )
    proposal_line = models.ForeignKey(
        "sales.ProposalLine",
        verbose_name=_("proposal line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope = RowScope(parent="application")

    class Meta(CoverLine.Meta):
        verbose_name = _("application line")
        verbose_name_plural = _("application lines")
        ordering = ["application", "pk"]

    def __str__(self):
        return f"{self.product.name} · {self.insured_name}"

    def get_absolute_url(self):
        return reverse("underwriting:application", args=[self.application_id])

    @property
    def insured_name(self):
        if self.insured_member_id:
            return self.insured_member.name
        return self.application.customer.name


class Beneficiary(BaseModel):
    """A beneficiary named in the application, with their share of the benefit."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="beneficiaries",
    )
    name = models.CharField(_("name"), max_length=100)
    relation = models.CharField(
        _("relation to the insured"), max_length=10, choices=Relation.choices
    )
    share = models.DecimalField(
        _("share %"), max_digits=5, decimal_places=2, help_text=_("All shares total 100%.")
    )

    scope = RowScope(parent="application")

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["application", "-share", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=100),
                name="beneficiary_share_percentage",
                violation_error_message=_("A share is a percentage above 0 and up to 100."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_relation_display()}) {self.share}%"

    def get_absolute_url(self):
        return reverse("underwriting:application", args=[self.application_id])


def document_path(instance, filename):
    """underwriting/<application>/<random>.<ext>: the stored name reveals nothing."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"underwriting/{instance.application_id}/{uuid.uuid4().hex}{ext}"


class ApplicationDocument(CheckedDocument):
    """One uploaded paper of an application and the clerk's check of it
    (authenticity, completeness, accuracy: 真實性、完整性、準確性)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = document_file_field(upload_to=document_path)

    scope = RowScope(parent="application")

    class Meta(CheckedDocument.Meta):
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind", "-created", "-pk"]

    def get_absolute_url(self):
        return reverse("underwriting:application_documents", args=[self.application_id])


class Communication(BaseModel):
    """An exchange with the insurer or the customer about an application or its policy."""

    class Party(models.TextChoices):
        INSURER = "insurer", _("Insurer")
        CUSTOMER = "customer", _("Customer")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        PORTAL = "portal", _("Insurer's portal")
        MEETING = "meeting", _("Meeting")
        MESSAGE = "message", _("Instant message")
        LETTER = "letter", _("Letter")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="communications",
    )
    when = models.DateTimeField(
        _("date and time"), default=timezone.now, validators=[validate_event_date]
    )
    party = models.CharField(_("with"), max_length=10, choices=Party.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    person = models.CharField(
        _("contact person"), max_length=100, help_text=_("Who we spoke or wrote to.")
    )
    content = models.TextField(_("content"), max_length=NOTE_LENGTH)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="application")

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communication log")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.get_party_display()} · {self.person} · {self.when:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("underwriting:application_communications", args=[self.application_id])


def receipt_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"underwriting/receipts/{uuid.uuid4().hex}{ext}"


class Policy(BaseModel):
    """An issued policy (保單): one product for one insured, with its premiums and the
    delivery of the contract to the customer."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        LAPSED = "lapsed", _("Lapsed")
        SURRENDERED = "surrendered", _("Surrendered")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        CANCELLED = "cancelled", _("Cancelled in the cooling-off period")

    class DeliveryMethod(models.TextChoices):
        IN_PERSON = "in_person", _("Handed in person")
        COURIER = "courier", _("Courier")
        POST = "post", _("Registered post")
        ELECTRONIC = "electronic", _("Electronic policy")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    application_line = models.OneToOneField(
        ApplicationLine,
        verbose_name=_("application line"),
        on_delete=models.PROTECT,
        related_name="policy",
    )
    proposal = models.ForeignKey(
        "sales.Proposal", verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="+"
    )
    opportunity = models.ForeignKey(
        "sales.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("policyholder"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    insurer = models.ForeignKey(
        "sales.Insurer",
        verbose_name=_("insurer"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    product = models.ForeignKey(
        "sales.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    insured_member = models.ForeignKey(
        "customers.FamilyMember",
        verbose_name=_("insured"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the policyholder."),
    )
    insured_name = models.CharField(_("insured"), max_length=100)
    beneficiaries = models.JSONField(
        _("beneficiaries"),
        default=list,
        blank=True,
        help_text=_("As named at issue: name, relation, share %. Empty: the legal heirs."),
    )
    policy_number = models.CharField(_("policy number"), max_length=40)
    sum_insured = models.DecimalField(_("sum insured"), **MONEY)
    annual_premium = models.DecimalField(_("annual premium"), **MONEY)
    frequency = models.CharField(
        _("payment frequency"), max_length=12, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    installment = models.DecimalField(_("premium per payment"), **MONEY)
    payment_years = models.PositiveSmallIntegerField(
        _("payment term (years)"), help_text=_("0 for a single premium.")
    )
    term_years = models.PositiveSmallIntegerField(
        _("cover term (years)"), null=True, blank=True, help_text=_("Empty for whole life.")
    )
    effective_date = models.DateField(_("effective date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    next_premium_due = models.DateField(_("next premium due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE
    )
    issued_on = models.DateField(_("issued on"), default=dt.date.today)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # delivery of the contract
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_method = models.CharField(
        _("delivery method"), max_length=12, choices=DeliveryMethod.choices, blank=True
    )
    receipt_signed_on = models.DateField(
        _("receipt signed on"),
        null=True,
        blank=True,
        help_text=_("The day the customer signed for the contract; the cooling-off runs from it."),
    )
    receipt = models.FileField(
        _("signed receipt"),
        upload_to=receipt_path,
        blank=True,
        max_length=255,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
    )
    explained_coverage = models.BooleanField(_("coverage explained"), default=False)
    explained_exclusions = models.BooleanField(_("exclusions explained"), default=False)
    explained_claims = models.BooleanField(_("claims process explained"), default=False)
    explained_cooling_off = models.BooleanField(_("cooling-off period explained"), default=False)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delivered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cooling_off_ends = models.DateField(_("cooling-off ends"), null=True, blank=True)
    # cancellation in the cooling-off period, or another end of the policy
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)
    refund_amount = models.DecimalField(_("refund"), null=True, blank=True, **MONEY)

    # Policies follow the customer file, like applications.
    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-issued_on", "-pk"]
        permissions = [
            ("issue_policy", _("Can record issued policies")),
            ("deliver_policy", _("Can record contract deliveries and cancellations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["insurer", "policy_number"],
                name="policy_unique_number_per_insurer",
                violation_error_message=_("This insurer already has a policy with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("effective_date")),
                name="policy_ends_after_start",
                violation_error_message=_("The end date must be after the effective date."),
            ),
            models.CheckConstraint(
                condition=models.Q(sum_insured__gte=0, annual_premium__gte=0, installment__gte=0),
                name="policy_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(refund_amount__isnull=True) | models.Q(refund_amount__gte=0),
                name="policy_refund_not_negative",
                violation_error_message=_("The refund cannot be negative."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_premium_due"]),
            models.Index(fields=["delivered_on"]),
            models.Index(fields=["policy_number"]),
            models.Index(
                fields=["issued_on", "status", "annual_premium"], name="policy_period_idx"
            ),
        ]

    def __str__(self):
        return f"{self.policy_number} · {self.product.name}"

    def get_absolute_url(self):
        return reverse("underwriting:policy", args=[self.pk])

    @property
    def is_delivered(self):
        return self.delivered_on is not None

    def in_cooling_off(self, today=None):
        today = today or timezone.localdate()
        return bool(self.cooling_off_ends and today <= self.cooling_off_ends)

    def status_colour(self):
        return POLICY_COLOURS.get(self.status, "secondary")


POLICY_COLOURS = {
    "in_force": "success",
    "lapsed": "warning",
    "surrendered": "secondary",
    "expired": "secondary",
    "terminated": "dark",
    "cancelled": "danger",
}


class PremiumRecord(BaseModel):
    """One premium due on a policy, and its payment: the source of premium income and, with
    the commission stored beside it, of the profit contribution in the reports.

    The commission is stored, not computed on the fly: it is fixed with the rate that applied
    when the premium fell due (the product's rate for first-year premiums, the renewal rate of
    the company settings afterwards), so a later change of rates does not rewrite the past.
    """

    class Kind(models.TextChoices):
        FIRST_YEAR = "first_year", _("First-year premium")
        RENEWAL = "renewal", _("Renewal premium")

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="premiums"
    )
    due_date = models.DateField(_("due date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    policy_year = models.PositiveSmallIntegerField(_("policy year"))
    kind = models.CharField(
        pgettext_lazy("kind of record", "type"), max_length=12, choices=Kind.choices
    )
    commission_rate = models.DecimalField(_("commission rate"), max_digits=5, decimal_places=4)
    commission = models.DecimalField(_("commission"), **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    refunded = models.BooleanField(
        _("refunded"), default=False, help_text=_("Returned on a cooling-off cancellation.")
    )

    scope = RowScope(parent="policy")

    class Meta:
        verbose_name = _("premium")
        verbose_name_plural = _("premiums")
        ordering = ["policy", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "due_date"],
                name="premiumrecord_one_per_due_date",
                violation_error_message=_("This policy already has a premium due on this date."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0, commission__gte=0),
                name="premiumrecord_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]
        indexes = [
            # Covering for the premium figures (summed by payment date): the statistics read
            # a year of premiums from the index alone, not row by row from the table.
            models.Index(
                fields=["paid_on", "refunded", "kind", "amount", "commission"],
                name="premium_period_idx",
            ),
            models.Index(fields=["due_date"]),
        ]

    def __str__(self):
        return f"{self.policy.policy_number} · {self.due_date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("underwriting:policy_premiums", args=[self.policy_id])

    @property
    def is_paid(self):
        return self.paid_on is not None

    def days_overdue(self, today=None):
        if self.paid_on or self.refunded:
            return 0
        return max(((today or timezone.localdate()) - self.due_date).days, 0)
