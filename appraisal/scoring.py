"""How an appraisal score is computed: pure functions over ``Decimal``, no database.

Every number of an appraisal goes through these functions, so the appraisal form, the round's
Excel export and payroll read the same score, and the working shown to the employee is the
arithmetic that produced it.

The steps, for one appraisal:

1. **Item scores (0–100).** A *computed* item (premium income vs target, ...) turns the
   achievement percentage into a score with its curve: ``curve_score(achievement, points,
   cap)``, linear between the curve's points, flat outside its ends, never above the cap. A
   *rated* item turns the rating into a score with its scale: ``rated_score(value, scale)``
   (1–5 → 20–100, or 0–100 as typed).
2. **Blending.** A rated item rated by both the employee and the supervisor gets
   ``blend(self_score, supervisor_score, supervisor_share)``: the supervisor's share of the
   supervisor's score plus the rest of the self-assessment. A missing side is not a zero: the
   other side counts fully, and the returned note says so.
3. **Weighted total.** ``weighted_total(dimensions)``: each dimension's score is the weighted
   mean of its items' scores; the total is the weighted mean of the dimensions' scores
   (weights in percent, e.g. results 50, ability 30, attitude 20). An item without a score has
   its weight shared among the dimension's other items in proportion to their weights; a
   dimension without any score has its weight shared among the other dimensions the same way.
   Nothing is ever divided by a count of parts: a missing self-assessment does not "divide by
   three". Each redistribution is written in the working.
4. **Grade.** ``grade_for(score, bands)`` with bands such as ``DEFAULT_BANDS`` (90 excellent,
   80 good, 70 satisfactory, 60 needs improvement, below unsatisfactory).

**Precision and rounding.** Intermediate values keep full ``Decimal`` precision (28
significant digits); only the final total is rounded, half-up to two decimals
(``round_score``; 84.995 → 85.00, 84.994999 → 84.99). Dimension scores in
``Total.dimension_scores`` and the figures in the working lines are the same values rounded
half-up to two decimals for display; a displayed figure marked "≈" was rounded, so adding up
displayed figures can differ from the total by a cent, while the total itself is exact.

**Validation.** ``validate_curve``, ``validate_bands`` and ``validate_weights`` raise
``django.core.exceptions.ValidationError`` with a message naming the fault; template and round
forms call them on their fields, and the scoring functions call them too, so a bad curve or
bad weights never produce a number.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Scale(models.TextChoices):
    """The rating scales of a rated item."""

    ONE_TO_FIVE = "1-5", gettext_lazy("1–5 (five levels)")
    ZERO_TO_HUNDRED = "0-100", gettext_lazy("0–100 (points)")


SCALES = Scale.choices


class Grade(models.TextChoices):
    """The grade bands of an appraisal result, best first."""

    EXCELLENT = "excellent", gettext_lazy("Excellent")
    GOOD = "good", gettext_lazy("Good")
    SATISFACTORY = "satisfactory", gettext_lazy("Satisfactory")
    NEEDS_IMPROVEMENT = "needs_improvement", gettext_lazy("Needs improvement")
    UNSATISFACTORY = "unsatisfactory", gettext_lazy("Unsatisfactory")


GRADES = Grade.choices

#: The grades' message ids (the labels above), for stored sentences (core.i18n.Text).
_GRADE_MSGIDS = {
    Grade.EXCELLENT.value: gettext_noop("Excellent"),
    Grade.GOOD.value: gettext_noop("Good"),
    Grade.SATISFACTORY.value: gettext_noop("Satisfactory"),
    Grade.NEEDS_IMPROVEMENT.value: gettext_noop("Needs improvement"),
    Grade.UNSATISFACTORY.value: gettext_noop("Unsatisfactory"),
}


def grade_text(code):
    """A grade as a parameter of a stored sentence: its name in the reader's language (an
    unknown code as it is)."""
    from core.i18n import Text

    msgid = _GRADE_MSGIDS.get(code)
    return Text(msgid) if msgid else (code or "")


#: Rank of each grade, 0 the best: bands must list grades in this order.
GRADE_ORDER = {code: rank for rank, code in enumerate(Grade.values)}

#: The default grade bands: ``(minimum score, grade)``, highest first; the lowest band starts
#: at 0 so every score has a grade.
DEFAULT_BANDS = (
    (Decimal(90), Grade.EXCELLENT.value),
    (Decimal(80), Grade.GOOD.value),
    (Decimal(70), Grade.SATISFACTORY.value),
    (Decimal(60), Grade.NEEDS_IMPROVEMENT.value),
    (Decimal(0), Grade.UNSATISFACTORY.value),
)


@dataclass(frozen=True)
class Blend:
    """A blended item score and, when a side was missing, the note saying how it counted."""

    score: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One item of a dimension: its weight in percent within the dimension and its score
    (0–100, ``None`` when it has none)."""

    code: str
    label: str
    weight: Decimal
    score: Decimal | None


@dataclass(frozen=True)
class Dim:
    """One dimension (sales results, ability, attitude): its weight in percent of the total
    and its items."""

    code: str
    label: str
    weight: Decimal
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Total:
    """The weighted total.

    ``score`` is rounded half-up to two decimals (``None`` when nothing has a score);
    ``dimension_scores`` maps each dimension's code to its score rounded for display
    (``None`` for a dimension without any score); ``working`` is the arithmetic, line by line,
    in the active language.
    """

    score: Decimal | None
    dimension_scores: dict[str, Decimal | None]
    working: list[str]


# -- helpers -----------------------------------------------------------------------------


def to_decimal(value, what=None):
    """``value`` as a ``Decimal`` (ints, strings and floats by their text); ``ValidationError``
    naming ``what`` if it is not a finite number."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or value is None:
        result = None
    else:
        try:
            result = Decimal(str(value).strip())
        except (InvalidOperation, ValueError, TypeError):
            result = None
    if result is None or not result.is_finite():
        raise ValidationError(
            _("%(what)s must be a number, not “%(value)s”.")
            % {"what": what or _("The value"), "value": value},
            code="not_a_number",
        )
    return result


def round_score(value):
    """``value`` rounded half-up to two decimals (``None`` stays ``None``)."""
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_number(value):
    """A figure for the working: two decimals, marked "≈" when that rounded it."""
    rounded = round_score(value)
    return f"{rounded}" if rounded == value else f"≈{rounded}"


def format_percent(value):
    """A weight for the working: without decimals when whole ("50"), else up to two."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.to_integral_value()}"
    rounded = round_score(value)
    text = f"{rounded}".rstrip("0").rstrip(".")
    return text if rounded == value else f"≈{text}"


# -- curves of computed items ------------------------------------------------------------


def validate_curve(points):
    """Check a curve's points and return them as ``[(Decimal achievement, Decimal score)]``.

    A curve has at least two points, their achievements strictly increasing, their scores
    between 0 and 100. Raises ``ValidationError`` naming the faulty point (numbered from 1).
    """
    try:
        raw = list(points or ())
    except TypeError:
        raise ValidationError(
            _("The curve must be a list of (achievement %, score) points."), code="curve_shape"
        ) from None
    if len(raw) < 2:
        raise ValidationError(
            _("A curve needs at least two points (achievement %, score)."), code="curve_short"
        )
    checked = []
    for number, point in enumerate(raw, start=1):
        try:
            achievement, score = point
        except (TypeError, ValueError):
            raise ValidationError(
                _("Point %(number)s must be a pair: achievement %% and score.")
                % {"number": number},
                code="curve_shape",
            ) from None
        achievement = to_decimal(
            achievement, _("Achievement of point %(number)s") % {"number": number}
        )
        score = to_decimal(score, _("Score of point %(number)s") % {"number": number})
        if not ZERO <= score <= HUNDRED:
            raise ValidationError(
                _("The score of point %(number)s must be between 0 and 100, not %(score)s.")
                % {"number": number, "score": score},
                code="curve_score_range",
            )
        if checked and achievement <= checked[-1][0]:
            raise ValidationError(
                _(
                    "The achievements of the curve must increase: point %(number)s "
                    "(%(achievement)s%%) is not above point %(previous)s (%(before)s%%)."
                )
                % {
                    "number": number,
                    "achievement": achievement,
                    "previous": number - 1,
                    "before": checked[-1][0],
                },
                code="curve_order",
            )
        checked.append((achievement, score))
    return checked


def validate_cap(cap):
    """Check a cap (0–100) and return it as a ``Decimal``; ``None`` means 100."""
    if cap is None:
        return HUNDRED
    cap = to_decimal(cap, _("The cap"))
    if not ZERO <= cap <= HUNDRED:
        raise ValidationError(
            _("The cap must be between 0 and 100, not %(cap)s.") % {"cap": cap}, code="cap_range"
        )
    return cap


def curve_score(achievement, points, cap):
    """The score (0–100) of an achievement percentage on a curve, at most ``cap``.

    ``points`` are ``(achievement %, score)`` pairs in increasing achievement. Between two
    points the score is interpolated linearly; below the first point it is the first point's
    score, above the last the last point's (flat ends). The result is then limited to ``cap``
    (``None`` = 100). ``achievement`` ``None`` (no target, no figure) gives ``None``. Full
    precision: round with ``round_score`` only at the end.

    Example: points ``[(0, 0), (100, 80), (150, 100)]``, achievement 120 → between (100, 80)
    and (150, 100): 80 + (120 − 100) × (100 − 80) / (150 − 100) = 80 + 20 × 20 / 50 = 88.
    """
    checked = validate_curve(points)
    cap = validate_cap(cap)
    if achievement is None:
        return None
    achievement = to_decimal(achievement, _("The achievement"))
    if achievement <= checked[0][0]:
        score = checked[0][1]
    elif achievement >= checked[-1][0]:
        score = checked[-1][1]
    else:
        for (x0, y0), (x1, y1) in zip(checked, checked[1:], strict=False):
            if x0 <= achievement <= x1:
                score = y0 + (achievement - x0) * (y1 - y0) / (x1 - x0)
                break
    return min(score, cap)


# -- rated items -------------------------------------------------------------------------


def rated_score(value, scale):
    """The score (0–100) of a rating on ``scale``.

    ``"1-5"``: a whole level from 1 to 5, worth 20 points each (1 → 20, 3 → 60, 5 → 100).
    ``"0-100"``: the number itself, from 0 to 100. ``None`` (not rated) gives ``None``.
    Raises ``ValidationError`` for a rating outside the scale or an unknown scale.
    """
    if scale not in Scale.values:
        raise ValidationError(
            _("Unknown rating scale “%(scale)s”.") % {"scale": scale}, code="scale"
        )
    if value is None:
        return None
    value = to_decimal(value, _("The rating"))
    if scale == Scale.ONE_TO_FIVE:
        if value != value.to_integral_value() or not 1 <= value <= 5:
            raise ValidationError(
                _("A rating on the 1–5 scale is a whole number from 1 to 5, not %(value)s.")
                % {"value": value},
                code="rating_range",
            )
        return value * 20
    if not ZERO <= value <= HUNDRED:
        raise ValidationError(
            _("A rating on the 0–100 scale is between 0 and 100, not %(value)s.")
            % {"value": value},
            code="rating_range",
        )
    return value


# -- blending self and supervisor --------------------------------------------------------


def blend(self_score, supervisor_score, supervisor_share):
    """The combined score of an item rated by the employee and by the supervisor.

    ``supervisor_share`` is a fraction from 0 to 1 (0.7 = the supervisor's score counts 70 %):
    score = share × supervisor + (1 − share) × self. A missing side is not a zero: the other
    side then counts fully, and ``Blend.note`` says so (only when the missing side would have
    counted, i.e. its share is above 0). Both missing → ``Blend(None, note)``. Full precision.

    Example: self 80, supervisor 60, share 0.7 → 0.7 × 60 + 0.3 × 80 = 42 + 24 = 66.
    """
    share = to_decimal(supervisor_share, _("The supervisor's share"))
    if not ZERO <= share <= 1:
        raise ValidationError(
            _("The supervisor's share must be between 0 and 1, not %(share)s.") % {"share": share},
            code="share_range",
        )
    own = None if self_score is None else to_decimal(self_score, _("The self-assessment"))
    sup = (
        None
        if supervisor_score is None
        else to_decimal(supervisor_score, _("The supervisor's score"))
    )
    if own is None and sup is None:
        return Blend(None, _("Neither a self-assessment nor a supervisor's score: no score."))
    if own is None:
        note = _("No self-assessment: the supervisor's score counts fully.") if share < 1 else ""
        return Blend(sup, note)
    if sup is None:
        note = _("No supervisor's score: the self-assessment counts fully.") if share > 0 else ""
        return Blend(own, note)
    return Blend(share * sup + (1 - share) * own, "")


# -- weights -----------------------------------------------------------------------------


def validate_weights(weights, what=None):
    """Check that ``weights`` (percentages) are not negative and add up to 100; return them
    as ``Decimal``. ``what`` names the set in the message (e.g. a dimension's label)."""
    checked = [to_decimal(weight, _("A weight")) for weight in weights]
    if any(weight < 0 for weight in checked):
        raise ValidationError(_("A weight cannot be negative."), code="weight_negative")
    total = sum(checked, ZERO)
    if total != HUNDRED:
        if what:
            message = _("The weights of %(what)s add up to %(total)s%%, not 100%%.") % {
                "what": what,
                "total": format_percent(total),
            }
        else:
            message = _("The weights add up to %(total)s%%, not 100%%.") % {
                "total": format_percent(total)
            }
        raise ValidationError(message, code="weights_total")
    return checked


def _weighted_mean(parts):
    """Weighted mean of ``[(weight, score)]`` over the parts that have a score, with the
    weights of the parts without one redistributed proportionally: Σ wᵢ·sᵢ / Σ wᵢ over the
    scored parts. Returns ``(mean or None, scored weight)``."""
    scored = [(weight, score) for weight, score in parts if score is not None]
    scored_weight = sum((weight for weight, _score in scored), ZERO)
    if scored_weight == 0:
        return None, scored_weight
    return sum((weight * score for weight, score in scored), ZERO) / scored_weight, scored_weight


def weighted_total(dimensions):
    """The appraisal's total score from its dimensions and their items, with the working.

    Weights are percentages: the dimensions' weights add up to 100, and the items' weights
    within each dimension add up to 100 (``ValidationError`` otherwise). Item scores are 0–100
    or ``None``.

    * A dimension's score is Σ (item weight × item score) / Σ (weights of the items with a
      score): the weight of an item without a score is shared among the dimension's other
      items in proportion to their weights (25 % missing out of 100 → each other item counts
      100/75 of its weight).
    * The total is Σ (dimension weight × dimension score) / Σ (weights of the dimensions with
      a score): a dimension with no score at all has its weight shared among the others the
      same way.
    * Intermediate values keep full precision; only the total is rounded, half-up to two
      decimals.

    Example (all present): results 50 % × 86.40, ability 30 % × 75, attitude 20 % × 90 →
    43.20 + 22.50 + 18.00 = 83.70.
    """
    dimensions = list(dimensions)
    validate_weights([dim.weight for dim in dimensions], _("the dimensions"))
    working = []
    dimension_scores = {}
    dimension_parts = []
    for dim in dimensions:
        weights = validate_weights([item.weight for item in dim.items], dim.label)
        scores = []
        for item in dim.items:
            score = None if item.score is None else to_decimal(item.score, item.label)
            if score is not None and not ZERO <= score <= HUNDRED:
                raise ValidationError(
                    _("The score of %(item)s must be between 0 and 100, not %(score)s.")
                    % {"item": item.label, "score": score},
                    code="score_range",
                )
            scores.append(score)
        mean, scored_weight = _weighted_mean(list(zip(weights, scores, strict=True)))
        dim_weight = to_decimal(dim.weight)
        dimension_parts.append((dim_weight, mean))
        dimension_scores[dim.code] = round_score(mean)
        if mean is None:
            working.append(_("%(dimension)s: no item has a score.") % {"dimension": dim.label})
            continue
        missing = [
            (item, weight)
            for item, weight, score in zip(dim.items, weights, scores, strict=True)
            if score is None and weight > 0
        ]
        if missing:
            working.append(
                _(
                    "%(dimension)s: %(items)s without a score; their %(weight)s%% is shared "
                    "among the other items in proportion to their weights."
                )
                % {
                    "dimension": dim.label,
                    "items": _(", ").join(item.label for item, _weight in missing),
                    "weight": format_percent(sum((w for _item, w in missing), ZERO)),
                }
            )
        terms = [
            _("%(item)s %(weight)s%% × %(score)s")
            % {
                "item": item.label,
                "weight": format_percent(weight * HUNDRED / scored_weight),
                "score": format_number(score),
            }
            for item, weight, score in zip(dim.items, weights, scores, strict=True)
            if score is not None and weight > 0
        ]
        working.append(
            _("%(dimension)s: %(terms)s = %(score)s")
            % {"dimension": dim.label, "terms": " + ".join(terms), "score": format_number(mean)}
        )

    total, scored_weight = _weighted_mean(dimension_parts)
    if total is None:
        working.append(_("No dimension has a score: there is no total."))
        return Total(None, dimension_scores, working)
    missing_dims = [
        dim
        for dim, (weight, mean) in zip(dimensions, dimension_parts, strict=True)
        if mean is None and weight > 0
    ]
    if missing_dims:
        working.append(
            _(
                "%(dimensions)s without any score; their %(weight)s%% is shared among the "
                "other dimensions in proportion to their weights."
            )
            % {
                "dimensions": _(", ").join(dim.label for dim in missing_dims),
                "weight": format_percent(sum((dim.weight for dim in missing_dims), ZERO)),
            }
        )
    products = []
    for dim, (weight, mean) in zip(dimensions, dimension_parts, strict=True):
        if mean is None or weight == 0:
            continue
        effective = weight * HUNDRED / scored_weight
        product = effective * mean / HUNDRED
        products.append(product)
        working.append(
            _("%(dimension)s %(weight)s%% × %(score)s = %(product)s")
            % {
                "dimension": dim.label,
                "weight": format_percent(effective),
                "score": format_number(mean),
                "product": format_number(product),
            }
        )
    rounded = round_score(total)
    if len(products) > 1:
        sum_text = " + ".join(format_number(product) for product in products)
        working.append(
            _("Total: %(sum)s = %(total)s (rounded half-up to two decimals)")
            % {"sum": sum_text, "total": rounded}
        )
    else:
        working.append(_("Total: %(total)s (rounded half-up to two decimals)") % {"total": rounded})
    return Total(rounded, dimension_scores, working)


# -- grades ------------------------------------------------------------------------------


def validate_bands(bands):
    """Check grade bands and return them as ``[(Decimal minimum, code)]``.

    Bands are ``(minimum score, grade code)`` pairs, highest minimum first, minimums strictly
    decreasing between 0 and 100, known grade codes each at most once and in the grades'
    order (excellent before good ...), the last band starting at 0 so every score has a grade.
    """
    try:
        raw = list(bands or ())
    except TypeError:
        raw = []
    if not raw:
        raise ValidationError(_("At least one grade band is needed."), code="bands_empty")
    checked = []
    for number, band in enumerate(raw, start=1):
        try:
            minimum, code = band
        except (TypeError, ValueError):
            raise ValidationError(
                _("Band %(number)s must be a pair: minimum score and grade.") % {"number": number},
                code="bands_shape",
            ) from None
        minimum = to_decimal(minimum, _("The minimum of band %(number)s") % {"number": number})
        if code not in GRADE_ORDER:
            raise ValidationError(
                _("Band %(number)s has an unknown grade “%(code)s”.")
                % {"number": number, "code": code},
                code="bands_grade",
            )
        if not ZERO <= minimum <= HUNDRED:
            raise ValidationError(
                _("The minimum of band %(number)s must be between 0 and 100, not %(minimum)s.")
                % {"number": number, "minimum": minimum},
                code="bands_range",
            )
        if checked:
            previous_minimum, previous_code = checked[-1]
            if minimum >= previous_minimum:
                raise ValidationError(
                    _(
                        "The minimums of the bands must decrease: band %(number)s "
                        "(%(minimum)s) is not below band %(previous)s (%(before)s)."
                    )
                    % {
                        "number": number,
                        "minimum": minimum,
                        "previous": number - 1,
                        "before": previous_minimum,
                    },
                    code="bands_order",
                )
            if GRADE_ORDER[code] == GRADE_ORDER[previous_code]:
                raise ValidationError(
                    _("Band %(number)s repeats the grade “%(grade)s”.")
                    % {"number": number, "grade": Grade(code).label},
                    code="bands_grade_order",
                )
            if GRADE_ORDER[code] < GRADE_ORDER[previous_code]:
                raise ValidationError(
                    _("Band %(number)s: “%(grade)s” must come before “%(before)s”.")
                    % {
                        "number": number,
                        "grade": Grade(code).label,
                        "before": Grade(previous_code).label,
                    },
                    code="bands_grade_order",
                )
        checked.append((minimum, code))
    if checked[-1][0] != 0:
        raise ValidationError(
            _("The last band must start at 0 so that every score has a grade."),
            code="bands_floor",
        )
    return checked


def grade_for(score, bands=DEFAULT_BANDS):
    """The grade code of ``score``: the first band (highest first) whose minimum it reaches.

    A score exactly on a minimum gets that band (90.00 → excellent with the default bands;
    89.99 → good). ``None`` (no score) gives ``None``.
    """
    checked = validate_bands(bands)
    if score is None:
        return None
    score = to_decimal(score, _("The score"))
    for minimum, code in checked:
        if score >= minimum:
            return code
    return checked[-1][1]
