"""Proposals and their cover lines."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH

from .catalog import Frequency
from .common import MONEY
from .opportunities import Opportunity
from .visits import NeedsAnalysis


class Proposal(BaseModel):
    """One version of the proposal (方案) for an opportunity, reviewed by the team's clerk for
    compliance, reasonableness and feasibility, then decided by the customer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted by the customer")
        REJECTED = "rejected", _("Rejected by the customer")
        REVISED = "revised", _("Revised (new version)")

    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    title = models.CharField(_("title"), max_length=200, blank=True)
    needs_analysis = models.ForeignKey(
        NeedsAnalysis,
        verbose_name=_("needs analysis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    notes = models.TextField(_("notes for the customer"), max_length=NOTE_LENGTH, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_version",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_compliant = models.BooleanField(_("compliant (合規性)"), default=False)
    review_reasonable = models.BooleanField(_("reasonable (合理性)"), default=False)
    review_feasible = models.BooleanField(_("feasible (可行性)"), default=False)
    review_comment = models.TextField(_("review comments"), max_length=NOTE_LENGTH, blank=True)
    checklist = models.JSONField(_("automatic checklist"), default=list, blank=True)
    decided_at = models.DateTimeField(_("customer decision"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    scope = RowScope(parent="opportunity")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated", "-pk"]
        permissions = [("review_proposal", _("Can review proposals for compliance"))]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "version"],
                name="proposal_unique_version",
                violation_error_message=_("This version already exists."),
            )
        ]
        indexes = [models.Index(fields=["submitted_at"]), models.Index(fields=["reviewed_at"])]

    def __str__(self):
        return f"{self.opportunity.customer.name} · {_('proposal')} v{self.version}"

    def text_name(self):
        """The name as a stored sentence's parameter (core.i18n): "proposal" in the reader's
        language."""
        return Text(
            gettext_noop("%(customer)s · proposal v%(version)s"),
            {"customer": self.opportunity.customer.name, "version": self.version},
        )

    def get_absolute_url(self):
        return reverse("sales:proposal", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class CoverLine(BaseModel):
    """One cover: a product for an insured person (the customer unless a family member is
    named), with its amounts and terms. Proposals and applications both list them."""

    product = models.ForeignKey(
        "sales.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    insured_member = models.ForeignKey(
        "customers.FamilyMember",
        verbose_name=_("insured"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the customer."),
    )
    sum_insured = models.DecimalField(_("sum insured"), **MONEY)
    annual_premium = models.DecimalField(_("annual premium"), **MONEY)
    term = models.CharField(_("term"), max_length=30, blank=True)
    payment_period = models.CharField(_("payment period"), max_length=30, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default="annual"
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sum_insured__gte=0, annual_premium__gte=0),
                name="%(class)s_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            )
        ]


class ProposalLine(CoverLine):
    """One cover in a proposal: a product for an insured person."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="lines"
    )

    scope = RowScope(parent="proposal")

    class Meta(CoverLine.Meta):
        verbose_name = _("proposal line")
        verbose_name_plural = _("proposal lines")
        ordering = ["proposal", "pk"]

    def __str__(self):
        return f"{self.product} · {self.sum_insured}"

    def get_absolute_url(self):
        return reverse("sales:proposal", args=[self.proposal_id])
