"""The sales pipeline: insurers and products, opportunities and visits, needs analyses,
proposals and their compliance review, targets and team work, market research, campaigns."""

import datetime as dt
import os
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import FileValidator
from core.validators import DOCUMENT_LENGTH, NOTE_LENGTH, validate_event_date
from customers.models import Customer, Need

MONEY = {"max_digits": 14, "decimal_places": 2}


def _reference_data(cls, user, profile, action):
    return None  # shared reference data: whoever has the model permission sees every row


def _team_and_members(cls, user, profile, action):
    """Team records: the teams one leads or supports, and one's own team's (members read
    their team's plans and meetings); every team for company-wide roles."""
    if profile.company_wide:
        return None
    ids = set(profile.team_ids)
    if profile.own_team_id and action == "view":
        ids.add(profile.own_team_id)
    return models.Q(team_id__in=sorted(ids))


# --- insurers and products -------------------------------------------------------------


class Insurer(BaseModel):
    """An insurance company whose products the agency sells."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    underwriting_contact = models.CharField(
        _("underwriting contact"), max_length=200, blank=True, help_text=_("Name and phone.")
    )
    claims_contact = models.CharField(
        _("claims contact"), max_length=200, blank=True, help_text=_("Name and phone.")
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    active = models.BooleanField(_("active"), default=True)

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("insurer")
        verbose_name_plural = _("insurers")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sales:insurer", args=[self.pk])


class Frequency(models.TextChoices):
    """How often a premium is paid."""

    SINGLE = "single", _("Single premium")
    ANNUAL = "annual", _("Annual")
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


def brochure_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"sales/brochures/{uuid.uuid4().hex}{ext}"


class Product(BaseModel):
    """An insurer's product with the limits the compliance review checks."""

    class Category(models.TextChoices):
        LIFE = "life", _("Life")
        CRITICAL_ILLNESS = "critical_illness", _("Critical illness")
        MEDICAL = "medical", _("Medical")
        ACCIDENT = "accident", _("Accident")
        ANNUITY = "annuity", _("Annuity")
        EDUCATION = "education", _("Education")
        PROPERTY = "property", _("Property")
        OTHER = "other", _("Other")

    insurer = models.ForeignKey(
        Insurer, verbose_name=_("insurer"), on_delete=models.PROTECT, related_name="products"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    investment_type = models.BooleanField(
        _("investment-type product"),
        default=False,
        help_text=_(
            "Needs a minimum risk level of the customer. Annuities always count as investment-type."
        ),
    )
    term_options = models.CharField(
        _("term options"), max_length=200, blank=True, help_text=_("E.g. 10年, 20年, 至70歲, 終身.")
    )
    payment_modes = models.JSONField(_("payment modes"), default=list, blank=True)
    payment_periods = models.CharField(
        _("payment periods"), max_length=200, blank=True, help_text=_("E.g. 躉交, 5年, 10年, 20年.")
    )
    min_age = models.PositiveSmallIntegerField(_("minimum insured age"), default=0)
    max_age = models.PositiveSmallIntegerField(_("maximum insured age"), default=65)
    min_sum_insured = models.DecimalField(_("minimum sum insured"), default=0, **MONEY)
    max_sum_insured = models.DecimalField(_("maximum sum insured"), **MONEY)
    commission_rate = models.DecimalField(
        _("commission rate"),
        max_digits=5,
        decimal_places=4,
        default=0,
        help_text=_("Share of the first-year premium as a fraction, e.g. 0.25 for a quarter."),
    )
    active = models.BooleanField(_("active"), default=True)
    brochure = models.FileField(
        _("brochure"),
        upload_to=brochure_path,
        blank=True,
        max_length=255,
        validators=[FileValidator(kinds=("pdf", "jpeg", "png"))],
    )
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["insurer__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["insurer", "code"],
                name="product_unique_code_per_insurer",
                violation_error_message=_("This insurer already has a product with this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=models.F("max_age")),
                name="product_age_range",
                violation_error_message=_("The minimum age is above the maximum age."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_sum_insured__lte=models.F("max_sum_insured")),
                name="product_sum_insured_range",
                violation_error_message=_("The minimum sum insured is above the maximum."),
            ),
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0, commission_rate__lte=1),
                name="product_commission_rate_fraction",
                violation_error_message=_("The commission rate is a share between 0 and 1."),
            ),
        ]

    def __str__(self):
        return f"{self.insurer.name} · {self.name}"

    def get_absolute_url(self):
        return reverse("sales:product", args=[self.pk])

    @property
    def is_investment_type(self):
        return self.investment_type or self.category == self.Category.ANNUITY

    def payment_mode_labels(self):
        labels = dict(Frequency.choices)
        return [str(labels.get(m, m)) for m in self.payment_modes or []]


# --- campaigns and leads ---------------------------------------------------------------


class Channel(models.TextChoices):
    """Where a lead came from (regulation 3(一))."""

    TELEMARKETING = "telemarketing", _("Telemarketing")
    ONLINE = "online", _("Online promotion")
    SOCIAL_EVENT = "social_event", _("Social event")
    REFERRAL = "referral", _("Referral")
    WALK_IN = "walk_in", _("Walk-in")


class Campaign(BaseModel):
    """A marketing campaign: period, channel, budget; the leads it brought are linked to it."""

    name = models.CharField(_("name"), max_length=100)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(_("budget"), default=0, **MONEY)
    team = models.ForeignKey(
        "org.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("Empty for a company-wide campaign."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="sales_campaigns",
    )
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)

    # Every seller picks campaigns for their leads, so every seller sees all of them.
    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_period_order",
                violation_error_message=_("The campaign ends before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="campaign_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sales:campaign", args=[self.pk])


class Opportunity(BaseModel):
    """A lead: one customer need pursued through the pipeline stages to won or lost."""

    class Stage(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        MEETING = "meeting", _("Meeting scheduled")
        NEEDS_ANALYSED = "needs_analysed", _("Needs analysed")
        PROPOSAL = "proposal", _("Proposal")
        APPLICATION = "application", _("Application")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="opportunities"
    )
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    expected_premium = models.DecimalField(_("expected annual premium"), default=0, **MONEY)
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices, default="new")
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_date = models.DateField(_("next action date"), null=True, blank=True)
    last_action_at = models.DateTimeField(_("last action"), default=timezone.now)
    stage_changed_at = models.DateTimeField(_("stage changed"), default=timezone.now)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="opportunities"
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(owner=("owner",), team="team")

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-last_action_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "need"],
                condition=~models.Q(stage__in=["won", "lost"]),
                name="opportunity_one_open_per_need",
                violation_error_message=_(
                    "This customer already has an open opportunity for this need."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="lost") | ~models.Q(lost_reason=""),
                name="opportunity_lost_has_reason",
                violation_error_message=_("A lost opportunity needs the reason."),
            ),
            models.CheckConstraint(
                condition=models.Q(expected_premium__gte=0),
                name="opportunity_premium_not_negative",
                violation_error_message=_("The expected premium cannot be negative."),
            ),
        ]
        # created / closed_on: the reports count leads and closings by period.
        indexes = [
            models.Index(fields=["team", "stage"]),
            models.Index(fields=["owner", "stage"]),
            models.Index(fields=["created"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self):
        return f"{self.customer.name} · {self.get_need_display()}"

    def get_absolute_url(self):
        return reverse("sales:opportunity", args=[self.pk])

    @property
    def is_open(self):
        return self.stage not in (self.Stage.WON, self.Stage.LOST)

    def days_idle(self, now=None):
        return ((now or timezone.now()) - self.last_action_at).days

    def is_stalled(self, days):
        return self.is_open and self.days_idle() >= days

    def is_action_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(self.is_open and self.next_action_date and self.next_action_date < today)


# --- visits ------------------------------------------------------------------------------


class Visit(BaseModel):
    """A contact with a customer (拜訪): a call, a face-to-face visit, an online meeting, an
    event. Planned ones make the agenda; done ones count as customer visits in the reports."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone call")
        FACE_TO_FACE = "face_to_face", _("Face-to-face visit")
        ONLINE = "online", _("Online meeting")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="visits"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="done")
    starts_at = models.DateTimeField(_("date and time"), validators=[validate_event_date])
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    location = models.CharField(_("location"), max_length=200, blank=True)
    participants = models.CharField(
        _("participants"), max_length=300, blank=True, help_text=_("Who took part besides you.")
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="sales_visits",
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "starts_at"]),
            # Covering for the visit figures (counted by date and status): an index-only read.
            models.Index(fields=["starts_at", "status"], name="visit_period_idx"),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.customer.name} · {self.get_kind_display()} · {when}"

    def get_absolute_url(self):
        return reverse("sales:visit", args=[self.pk])


# --- needs analysis ----------------------------------------------------------------------


class Priority(models.IntegerChoices):
    NONE = 0, _("Not a goal")
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class RiskAnswer(models.IntegerChoices):
    A1 = 1, _("1 — strongly prefer safety")
    A2 = 2, _("2")
    A3 = 3, _("3 — balanced")
    A4 = 4, _("4")
    A5 = 5, _("5 — strongly prefer growth")


class NeedsAnalysis(BaseModel):
    """One version of a customer's structured needs analysis, with the computed gaps and
    the parameters used, so an old version keeps showing the working it was given."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="needs_analyses",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    analysed_on = models.DateField(_("analysed on"), default=dt.date.today)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # family situation
    dependants = models.PositiveSmallIntegerField(_("dependants"), default=0)
    support_years = models.PositiveSmallIntegerField(
        _("years of support"), default=0, help_text=_("How many years the dependants need support.")
    )
    family_notes = models.TextField(_("family situation"), max_length=NOTE_LENGTH, blank=True)
    # finances
    annual_income = models.DecimalField(_("annual income"), default=0, **MONEY)
    annual_expenses = models.DecimalField(_("annual family expenses"), default=0, **MONEY)
    total_assets = models.DecimalField(_("total assets"), default=0, **MONEY)
    liquid_assets = models.DecimalField(_("liquid assets"), default=0, **MONEY)
    liabilities = models.DecimalField(_("liabilities"), default=0, **MONEY)
    existing_life_cover = models.DecimalField(_("existing life cover"), default=0, **MONEY)
    existing_ci_cover = models.DecimalField(
        _("existing critical illness cover"), default=0, **MONEY
    )
    # risk tolerance questionnaire
    risk_q1 = models.PositiveSmallIntegerField(
        _("Investment horizon: how long could the money stay invested?"),
        choices=RiskAnswer.choices,
        default=3,
    )
    risk_q2 = models.PositiveSmallIntegerField(
        _("A fall of a fifth in a year: how would you react?"),
        choices=RiskAnswer.choices,
        default=3,
    )
    risk_q3 = models.PositiveSmallIntegerField(
        _("Investment experience"), choices=RiskAnswer.choices, default=3
    )
    risk_q4 = models.PositiveSmallIntegerField(
        _("Share of savings you could put at risk"), choices=RiskAnswer.choices, default=3
    )
    risk_q5 = models.PositiveSmallIntegerField(
        _("Main aim: keep capital safe or let it grow?"), choices=RiskAnswer.choices, default=3
    )
    risk_level = models.PositiveSmallIntegerField(_("risk level"), default=3, editable=False)
    # goals
    goal_protection = models.PositiveSmallIntegerField(
        _("protection"), choices=Priority.choices, default=0
    )
    goal_health = models.PositiveSmallIntegerField(_("health"), choices=Priority.choices, default=0)
    goal_education = models.PositiveSmallIntegerField(
        _("children's education"), choices=Priority.choices, default=0
    )
    goal_retirement = models.PositiveSmallIntegerField(
        _("retirement"), choices=Priority.choices, default=0
    )
    goal_wealth = models.PositiveSmallIntegerField(_("wealth"), choices=Priority.choices, default=0)
    goal_notes = models.TextField(
        _("goals in the customer's words"), max_length=NOTE_LENGTH, blank=True
    )
    # results (computed by the service; the parameters used are kept with them)
    ci_multiple = models.DecimalField(
        _("CI cover multiple of income"), max_digits=5, decimal_places=2, default=0, editable=False
    )
    budget_share = models.DecimalField(
        _("premium budget share of income"),
        max_digits=5,
        decimal_places=4,
        default=0,
        editable=False,
    )
    life_gap = models.DecimalField(_("life protection gap"), default=0, editable=False, **MONEY)
    ci_gap = models.DecimalField(
        _("critical illness protection gap"), default=0, editable=False, **MONEY
    )
    premium_budget = models.DecimalField(
        _("suggested annual premium budget"), default=0, editable=False, **MONEY
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")
        ordering = ["-analysed_on", "-version", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "version"],
                name="needsanalysis_unique_version",
                violation_error_message=_("This version already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    annual_income__gte=0,
                    annual_expenses__gte=0,
                    total_assets__gte=0,
                    liquid_assets__gte=0,
                    liabilities__gte=0,
                    existing_life_cover__gte=0,
                    existing_ci_cover__gte=0,
                ),
                name="needsanalysis_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.customer.name} · v{self.version} ({self.analysed_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("sales:needsanalysis", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.liquid_assets > self.total_assets:
            raise ValidationError({"liquid_assets": _("Liquid assets cannot exceed total assets.")})

    def risk_answers(self):
        return [self.risk_q1, self.risk_q2, self.risk_q3, self.risk_q4, self.risk_q5]

    def goals(self):
        """[(label, priority label)] of the goals set, highest priority first."""
        result = []
        for name in ("protection", "health", "education", "retirement", "wealth"):
            value = getattr(self, f"goal_{name}")
            if value:
                field = self._meta.get_field(f"goal_{name}")
                result.append((value, field.verbose_name, Priority(value).label))
        return [(label, prio) for _v, label, prio in sorted(result, key=lambda r: r[0])]


# --- proposals ---------------------------------------------------------------------------


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


# --- targets and team work ---------------------------------------------------------------


class SalesTarget(BaseModel):
    """A monthly target for a team, or for one salesperson of it (user set)."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_targets"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sales_targets",
        help_text=_("Empty for the team's own target."),
    )
    month = models.DateField(_("month"), help_text=_("Any day of the month; stored as the 1st."))
    premium = models.DecimalField(_("premium target"), default=0, **MONEY)
    new_policies = models.PositiveIntegerField(_("new policies target"), default=0)
    visits = models.PositiveIntegerField(_("visits target"), default=0)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope = RowScope(owner=("user",), team="team")

    class Meta:
        verbose_name = _("sales target")
        verbose_name_plural = _("sales targets")
        ordering = ["-month", "team", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user", "month"],
                name="salestarget_unique_person_month",
                violation_error_message=_("This target already exists for the month."),
            ),
            models.UniqueConstraint(
                fields=["team", "month"],
                condition=models.Q(user__isnull=True),
                name="salestarget_unique_team_month",
                violation_error_message=_("The team already has a target for the month."),
            ),
            models.CheckConstraint(
                condition=models.Q(premium__gte=0),
                name="salestarget_premium_not_negative",
                violation_error_message=_("The premium target cannot be negative."),
            ),
        ]

    def __str__(self):
        who = self.user.display_name if self.user_id else self.team.name
        return f"{who} · {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sales:salestarget", args=[self.pk])


class TeamPlan(BaseModel):
    """A team's plan for a period: goals, focus products, activities."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    content = models.TextField(_("plan"), max_length=DOCUMENT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_team_and_members)

    class Meta:
        verbose_name = _("team plan")
        verbose_name_plural = _("team plans")
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:teamplan", args=[self.pk])


class TeamMeeting(BaseModel):
    """A team meeting record: attendees, agenda, minutes; action items become tasks."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_meetings"
    )
    date = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True, related_name="+"
    )
    agenda = models.TextField(_("agenda"), max_length=NOTE_LENGTH)
    minutes = models.TextField(_("minutes"), max_length=DOCUMENT_LENGTH, blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chaired by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_team_and_members)

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.team.name} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("sales:teammeeting", args=[self.pk])


class SalesTask(BaseModel):
    """A task a supervisor assigns to a team member; shows in the assignee's My work."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_tasks"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="sales_tasks",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    meeting = models.ForeignKey(
        TeamMeeting,
        verbose_name=_("from meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    scope = RowScope(owner=("assignee",), team="team")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["status", "due_date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:salestask", args=[self.pk])

    def days_overdue(self, today=None):
        if self.status != self.Status.OPEN:
            return 0
        return max(((today or timezone.localdate()) - self.due_date).days, 0)


# --- market research -----------------------------------------------------------------------


class MarketNote(BaseModel):
    """A piece of market intelligence: a competitor's product, pricing, a trend."""

    title = models.CharField(_("title"), max_length=200)
    competitor = models.CharField(_("competitor"), max_length=100, blank=True)
    product_name = models.CharField(_("product"), max_length=100, blank=True)
    pricing = models.CharField(_("pricing"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    noted_on = models.DateField(_("date"), default=dt.date.today)
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Comma-separated."))
    content = models.TextField(_("content"), max_length=DOCUMENT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("market note")
        verbose_name_plural = _("market notes")
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:marketnote", args=[self.pk])

    def tag_list(self):
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]


class CompetitorComparison(BaseModel):
    """Our product against a competitor's: premium for the same cover, and the differences."""

    title = models.CharField(_("title"), max_length=200)
    our_product = models.ForeignKey(
        Product, verbose_name=_("our product"), on_delete=models.PROTECT, related_name="+"
    )
    competitor = models.CharField(_("competitor"), max_length=100)
    competitor_product = models.CharField(_("competitor product"), max_length=100)
    sum_insured = models.DecimalField(_("sum insured compared"), default=0, **MONEY)
    our_premium = models.DecimalField(_("our annual premium"), default=0, **MONEY)
    competitor_premium = models.DecimalField(_("competitor annual premium"), default=0, **MONEY)
    strengths = models.TextField(_("our strengths"), max_length=NOTE_LENGTH, blank=True)
    weaknesses = models.TextField(_("our weaknesses"), max_length=NOTE_LENGTH, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("competitor comparison")
        verbose_name_plural = _("competitor comparisons")
        ordering = ["-updated", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:competitorcomparison", args=[self.pk])

    @property
    def premium_difference(self):
        return (self.our_premium or Decimal(0)) - (self.competitor_premium or Decimal(0))
