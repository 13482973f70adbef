"""Appraisal rounds, the per-round copy of the templates, and each employee's appraisal
with its items, the supervisor's private notes and the improvement plan that may follow."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from core.i18n import Text
from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH, validate_date

from .templates import PERCENT, AppraisalTemplate, Dimension, ItemRule, Kind

SCORE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Stage(models.TextChoices):
    SELF = "self", _("Self-assessment")
    SUPERVISOR = "supervisor", _("Supervisor assessment")
    HR = "hr", _("HR consolidation")
    INTERVIEW = "interview", _("Feedback interview")
    CLOSED = "closed", _("Closed")


STAGE_ORDER = [Stage.SELF, Stage.SUPERVISOR, Stage.HR, Stage.INTERVIEW, Stage.CLOSED]


class AppraisalRound(BaseModel):
    """A monthly or annual appraisal round (考核輪次) for all or chosen teams."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("appraisal round", "Open")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    all_teams = models.BooleanField(_("all teams"), default=True)
    teams = models.ManyToManyField(
        "org.Team", blank=True, related_name="appraisal_rounds", verbose_name=_("teams")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    self_due = models.DateField(_("self-assessment due"), validators=[validate_date])
    supervisor_due = models.DateField(_("supervisor assessment due"), validators=[validate_date])
    hr_due = models.DateField(_("HR consolidation due"), validators=[validate_date])
    interview_due = models.DateField(_("interview due"), validators=[validate_date])
    supervisor_share = models.DecimalField(
        _("supervisor share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
        help_text=_("The supervisor's share of a rated item's score; the rest is the self-rating."),
    )
    bands = models.JSONField(_("grade bands"), default=list)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("appraisal round")
        verbose_name_plural = _("appraisal rounds")
        ordering = ["-year", "-month", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "month"],
                name="appraisal_round_period_unique",
                violation_error_message=_("There is a round for this period."),
            ),
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=models.Q(month__isnull=True),
                name="appraisal_round_year_unique",
                violation_error_message=_("There is a round for this year."),
            ),
        ]
        permissions = [("remind_appraisalround", _("Can remind the late of a round"))]

    def __str__(self):
        return self.period_label

    @property
    def period_label(self):
        if self.kind == Kind.MONTHLY and self.month:
            return _("%(year)s-%(month)02d monthly appraisal") % {
                "year": self.year,
                "month": self.month,
            }
        return _("%(year)s annual appraisal") % {"year": self.year}

    def text_name(self):
        """The name as a stored sentence's parameter (core.i18n), in the reader's language."""
        if self.kind == Kind.MONTHLY and self.month:
            return Text(
                gettext_noop("%(year)s-%(month)02d monthly appraisal"),
                {"year": self.year, "month": self.month},
            )
        return Text(gettext_noop("%(year)s annual appraisal"), {"year": self.year})

    def get_absolute_url(self):
        return reverse("appraisal:appraisalround", args=[self.pk])

    @property
    def start(self):
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self):
        """The last day of the period."""
        if self.kind == Kind.MONTHLY and self.month:
            following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        else:
            following = dt.date(self.year + 1, 1, 1)
        return following - dt.timedelta(days=1)

    def due_for(self, stage):
        return {
            Stage.SELF: self.self_due,
            Stage.SUPERVISOR: self.supervisor_due,
            Stage.HR: self.hr_due,
            Stage.INTERVIEW: self.interview_due,
        }.get(stage)

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def band_pairs(self):
        """[(min score, grade code)], highest first."""
        return sorted(((Decimal(str(m)), code) for m, code in self.bands), reverse=True)


class RoundForm(BaseModel):
    """A template as copied into a round: the dimension weights of one position, fixed for
    the round whatever later happens to the template."""

    round = models.ForeignKey(
        AppraisalRound, on_delete=models.CASCADE, related_name="forms", verbose_name=_("round")
    )
    template = models.ForeignKey(
        AppraisalTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=20, choices=Role.choices)
    weight_results = models.DecimalField(
        _("work results weight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    weight_ability = models.DecimalField(
        _("work ability weight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    weight_attitude = models.DecimalField(
        _("work attitude weight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )

    scope = RowScope(parent="round")

    class Meta:
        verbose_name = _("round form")
        verbose_name_plural = _("round forms")
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"],
                name="appraisal_roundform_position_unique",
                violation_error_message=_("The round has a form for this position."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.round.get_absolute_url()

    def dimension_weights(self):
        return {
            Dimension.RESULTS: self.weight_results,
            Dimension.ABILITY: self.weight_ability,
            Dimension.ATTITUDE: self.weight_attitude,
        }


class RoundItem(ItemRule, BaseModel):
    """A template item as copied into a round."""

    form = models.ForeignKey(
        RoundForm, on_delete=models.CASCADE, related_name="items", verbose_name=_("round form")
    )

    scope = RowScope(parent="form")

    class Meta:
        verbose_name = _("round item")
        verbose_name_plural = _("round items")
        ordering = ["form", "dimension", "order", "pk"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return self.form.get_absolute_url()


class Appraisal(BaseModel):
    """One employee's appraisal in a round (績效考核表): self-assessment, the supervisor's
    assessment, HR's consolidation, the feedback interview, then closed."""

    class Response(models.TextChoices):
        NONE = "", _("Not yet")
        ACKNOWLEDGED = "acknowledged", _("Result acknowledged")
        OBJECTED = "objected", _("Objected")

    round = models.ForeignKey(
        AppraisalRound,
        on_delete=models.PROTECT,
        related_name="appraisals",
        verbose_name=_("round"),
    )
    form = models.ForeignKey(
        RoundForm, on_delete=models.PROTECT, related_name="appraisals", verbose_name=_("form")
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="appraisals",
        verbose_name=_("employee"),
    )
    team = models.ForeignKey(
        "org.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals_to_assess",
        verbose_name=_("assessed by"),
        help_text=_(
            "The team's supervisor when the round opened (a manager for a supervisor); HR "
            "when there is none."
        ),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.SELF)
    self_comment = models.TextField(
        _("self-assessment comments"), max_length=NOTE_LENGTH, blank=True
    )
    self_submitted_at = models.DateTimeField(_("self-assessed at"), null=True, blank=True)
    supervisor_comment = models.TextField(
        _("supervisor comments"), max_length=NOTE_LENGTH, blank=True
    )
    supervisor_submitted_at = models.DateTimeField(
        _("supervisor assessed at"), null=True, blank=True
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor assessment by"),
    )
    calculated_score = models.DecimalField(
        _("calculated score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    calibration = models.DecimalField(
        _("calibration"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(-30)), MaxValueValidator(Decimal(30))],
        help_text=_("Points added or taken off when calibrating across teams."),
    )
    calibration_reason = models.CharField(
        _("calibration reason"), max_length=DESCRIPTION_LENGTH, blank=True
    )
    final_score = models.DecimalField(
        _("final score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE
    )
    grade = models.CharField(_("appraisal grade"), max_length=20, blank=True)
    working = models.JSONField(_("working"), default=list, blank=True)
    consolidated_at = models.DateTimeField(_("consolidated at"), null=True, blank=True)
    consolidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consolidated by"),
    )
    interview_date = models.DateField(
        _("interview date"), null=True, blank=True, validators=[validate_date]
    )
    interview_discussed = models.TextField(_("discussed"), max_length=NOTE_LENGTH, blank=True)
    strengths = models.TextField(_("strengths"), max_length=NOTE_LENGTH, blank=True)
    problems = models.TextField(_("problems"), max_length=NOTE_LENGTH, blank=True)
    goals = models.TextField(_("goals for the next period"), max_length=NOTE_LENGTH, blank=True)
    interviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewed by"),
    )
    response = models.CharField(
        _("employee response"), max_length=15, choices=Response.choices, blank=True
    )
    objection = models.TextField(_("objection"), max_length=NOTE_LENGTH, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reopen_reason = models.CharField(
        _("reason for reopening"), max_length=DESCRIPTION_LENGTH, blank=True
    )

    scope = RowScope(owner=("employee__user", "supervisor"))

    @classmethod
    def row_scope_q(cls, user, profile, action):
        """HR (who consolidates) every appraisal; everyone else their own and the ones they
        assess: a manager named as a supervisor's assessor sees that appraisal, not every
        team's, although the manager's role is company-wide."""
        if user.has_perm("appraisal.consolidate_appraisal"):
            return None
        return models.Q(employee__user=user.pk) | models.Q(supervisor=user.pk)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-round__year", "-round__month", "employee__employee_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "employee"],
                name="appraisal_one_per_employee_per_round",
                violation_error_message=_("The employee already has an appraisal in this round."),
            ),
        ]
        permissions = [
            ("consolidate_appraisal", _("Can consolidate and close appraisals")),
            ("view_results_summary", _("Can view the summary of appraisal results")),
        ]

    def __str__(self):
        return f"{self.employee.name} · {self.round}"

    def text_name(self):
        """The name as a stored sentence's parameter (core.i18n): the round's name in the
        reader's language."""
        return Text(
            gettext_noop("%(name)s · %(round)s"),
            {"name": self.employee.name, "round": self.round.text_name()},
        )

    def get_absolute_url(self):
        return reverse("appraisal:appraisal", args=[self.pk])

    @property
    def due(self):
        return self.round.due_for(self.stage)

    @property
    def is_late(self):
        due = self.due
        return bool(due and self.stage != Stage.CLOSED and timezone.localdate() > due)

    @property
    def is_closed(self):
        return self.stage == Stage.CLOSED

    def grade_label(self):
        from ..scoring import GRADES

        return dict(GRADES).get(self.grade, self.grade)

    def grade_text(self):
        """The grade as a stored sentence's parameter, named in the reader's language."""
        from ..scoring import grade_text

        return grade_text(self.grade)


class AppraisalItem(BaseModel):
    """One item of an appraisal: the self and supervisor ratings of a rated item, or the
    actual, target and achievement of a computed one, and the item's combined score."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="items", verbose_name=_("appraisal")
    )
    item = models.ForeignKey(
        RoundItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    self_rating = models.DecimalField(
        _("self-rating"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE
    )
    supervisor_rating = models.DecimalField(
        _("supervisor rating"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE,
    )
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    achievement = models.DecimalField(
        _("achievement (%)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE
    )
    working = models.JSONField(_("working"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(parent="appraisal")

    class Meta:
        verbose_name = _("appraisal item")
        verbose_name_plural = _("appraisal items")
        ordering = ["appraisal", "item__dimension", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "item"],
                name="appraisal_item_once",
                violation_error_message=_("The item is on the appraisal already."),
            ),
        ]

    def __str__(self):
        return self.item.label

    def get_absolute_url(self):
        return self.appraisal.get_absolute_url()


class PrivateNote(BaseModel):
    """The supervisor's private notes on an appraisal: HR reads them, the employee never."""

    appraisal = models.OneToOneField(
        Appraisal,
        on_delete=models.CASCADE,
        related_name="private_note",
        verbose_name=_("appraisal"),
    )
    text = models.TextField(_("private notes"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(owner=("appraisal__supervisor",))

    @classmethod
    def row_scope_q(cls, user, profile, action):
        """HR every note; the assessor named on the appraisal theirs (never the employee)."""
        if user.has_perm("appraisal.consolidate_appraisal"):
            return None
        return models.Q(appraisal__supervisor=user.pk)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")

    def __str__(self):
        return str(self.appraisal)

    def get_absolute_url(self):
        return self.appraisal.get_absolute_url()


class ImprovementPlan(BaseModel):
    """A performance improvement plan after a poor result (績效改進)."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Under way")
        IMPROVED = "improved", _("Improved")
        REASSIGNMENT = "reassignment", _("Reassignment")
        OTHER = "other", _("Other")

    appraisal = models.OneToOneField(
        Appraisal,
        on_delete=models.PROTECT,
        related_name="improvement_plan",
        verbose_name=_("appraisal"),
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="improvement_plans",
        verbose_name=_("employee"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    goals = models.TextField(_("goals"), max_length=NOTE_LENGTH)
    support = models.TextField(_("support"), max_length=NOTE_LENGTH, blank=True)
    review_date = models.DateField(_("review date"), validators=[validate_date])
    outcome = models.CharField(
        _("outcome"), max_length=15, choices=Outcome.choices, blank=True, default=""
    )
    outcome_note = models.CharField(_("outcome note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(owner=("employee__user", "supervisor"))

    class Meta:
        verbose_name = _("improvement plan")
        verbose_name_plural = _("improvement plans")
        ordering = ["review_date"]

    def __str__(self):
        return str(self.appraisal)

    def get_absolute_url(self):
        return reverse("appraisal:improvementplan", args=[self.pk])
