"""Appraisal templates: per position and kind (monthly, annual), the three dimensions with
their weights and the items inside each, every item computed from the record or rated."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.evidence import ITEMS as EVIDENCE_ITEMS
from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Kind(models.TextChoices):
    MONTHLY = "monthly", pgettext_lazy("appraisal period", "Monthly")
    ANNUAL = "annual", pgettext_lazy("appraisal period", "Annual")


class Dimension(models.TextChoices):
    RESULTS = "results", _("Work results")
    ABILITY = "ability", _("Work ability")
    ATTITUDE = "attitude", _("Work attitude")


class Method(models.TextChoices):
    COMPUTED = "computed", _("Computed from the record")
    RATED = "rated", _("Rated")


class Scale(models.TextChoices):
    FIVE = "1-5", _("1 to 5")
    HUNDRED = "0-100", _("0 to 100")


def parse_curve(text):
    """ "80:60, 100:90, 120:100" -> [[80, 60], [100, 90], [120, 100]] (sorted)."""
    points = []
    for part in (text or "").replace(";", ",").replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        left, sep, right = part.partition(":")
        if not sep:
            raise ValidationError(_("Write each point as achievement:score, e.g. 100:90."))
        try:
            points.append([float(Decimal(left.strip())), float(Decimal(right.strip()))])
        except ArithmeticError as exc:
            raise ValidationError(_("Write each point as achievement:score, e.g. 100:90.")) from exc
    points.sort()
    return points


def curve_text(points):
    def fmt(x):
        return f"{Decimal(str(x)).normalize():f}"

    return ", ".join(f"{fmt(a)}:{fmt(s)}" for a, s in points or [])


def curve_points(points):
    """The stored curve as [(Decimal achievement, Decimal score)], sorted."""
    return sorted((Decimal(str(a)), Decimal(str(s))) for a, s in points or [])


class ItemRule(models.Model):
    """What a template item and its copy in a round share: the dimension, the weight and
    the scoring rule."""

    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    order = models.PositiveSmallIntegerField(
        _("order"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    label = models.CharField(_("item"), max_length=100)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
        help_text=_("Share of the item in its dimension; a dimension's items add up to 100."),
    )
    method = models.CharField(_("scoring"), max_length=10, choices=Method.choices)
    computed_code = models.CharField(
        _("computed result"),
        max_length=40,
        blank=True,
        help_text=_("Which figure of the record the item is computed from."),
    )
    curve = models.JSONField(
        _("curve"),
        default=list,
        blank=True,
        help_text=_("Points achievement (percent):score, e.g. 60:40, 100:90, 120:100."),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "The target for the period of a computed item that has no sales target (profit "
            "contribution, files completed, reviews done; a share in percent for follow-ups on "
            "time)."
        ),
    )
    cap = models.DecimalField(
        _("cap"), max_digits=5, decimal_places=2, default=Decimal(100), validators=PERCENT
    )
    scale = models.CharField(_("scale"), max_length=5, choices=Scale.choices, blank=True)
    evidence_code = models.CharField(
        _("evidence"),
        max_length=30,
        blank=True,
        choices=[(code, label) for code, label in EVIDENCE_ITEMS.items()],
        help_text=_(
            "Which record evidence is shown beside the rated item (courses and tests for "
            "product knowledge, complaints for service quality...)."
        ),
    )
    anchors = models.TextField(
        _("anchors"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=_("What each level means, one line per level from the lowest."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.method == Method.COMPUTED:
            from .. import scoring
            from ..computed import COMPUTED

            if self.computed_code not in COMPUTED:
                errors["computed_code"] = _("Choose the figure the item is computed from.")
            elif (
                not COMPUTED[self.computed_code].has_target
                and COMPUTED[self.computed_code].source != "rate"
                and self.target is None
            ):
                errors["target"] = _("Give the target of the period: the record keeps none.")
            if self.dimension != Dimension.RESULTS:
                errors["dimension"] = _("Computed items belong to the work results.")
            try:
                scoring.validate_curve(curve_points(self.curve))
                scoring.validate_cap(self.cap)
            except ValidationError as exc:
                errors["curve"] = exc.messages
            self.scale = ""
        elif self.method == Method.RATED:
            if not self.scale:
                errors["scale"] = _("Choose the scale of the rating.")
            self.computed_code = ""
            self.curve = []
            self.target = None
        if errors:
            raise ValidationError(errors)

    @property
    def is_computed(self):
        return self.method == Method.COMPUTED

    def anchor_lines(self):
        """[(level, text)] of the anchors: 1..5, or the 0-100 bands 0, 20, 40, 60, 80."""
        lines = [line.strip() for line in (self.anchors or "").splitlines() if line.strip()]
        if self.scale == Scale.HUNDRED:
            levels = [f"{i * 20}–{i * 20 + 19 if i < 4 else 100}" for i in range(len(lines))]
        else:
            levels = [str(i + 1) for i in range(len(lines))]
        return list(zip(levels, lines, strict=False))

    def curve_display(self):
        return curve_text(self.curve)


class AppraisalTemplate(BaseModel):
    """The appraisal form of a position for monthly or annual rounds (考核模板)."""

    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=20, choices=Role.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MONTHLY)
    weight_results = models.DecimalField(
        _("work results weight (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=PERCENT,
    )
    weight_ability = models.DecimalField(
        _("work ability weight (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(30),
        validators=PERCENT,
    )
    weight_attitude = models.DecimalField(
        _("work attitude weight (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=PERCENT,
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("appraisal template")
        verbose_name_plural = _("appraisal templates")
        ordering = ["position", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "kind"],
                name="appraisal_template_position_kind_unique",
                violation_error_message=_("This position has a template of this kind."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("appraisal:appraisaltemplate", args=[self.pk])

    def clean(self):
        super().clean()
        total = (
            (self.weight_results or 0) + (self.weight_ability or 0) + (self.weight_attitude or 0)
        )
        if total != 100:
            raise ValidationError(
                {
                    "weight_attitude": _(
                        "The three dimension weights add up to %(total)s%%, not 100%%."
                    )
                    % {"total": total}
                }
            )

    def dimension_weights(self):
        return {
            Dimension.RESULTS: self.weight_results,
            Dimension.ABILITY: self.weight_ability,
            Dimension.ATTITUDE: self.weight_attitude,
        }


class TemplateItem(ItemRule, BaseModel):
    """One item of a template's dimension, with its weight and scoring rule."""

    template = models.ForeignKey(
        AppraisalTemplate,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("appraisal template"),
    )

    scope = RowScope(parent="template")

    class Meta:
        verbose_name = _("template item")
        verbose_name_plural = _("template items")
        ordering = ["template", "dimension", "order", "pk"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return self.template.get_absolute_url()
