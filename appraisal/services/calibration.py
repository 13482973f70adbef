"""Calibration across teams: HR compares the teams' score distributions of a round and moves
a consolidated score up or down, with a reason; each calibration is kept in the
appraisal's history and as an audit event whose details (before and after) feed the
round's calibration log."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.services import audit_event, save_checked

from .. import scoring
from ..models import Stage
from .flow import HUNDRED, _locked, _need_stage, is_hr

LIMIT = Decimal(30)


def _base_working(appraisal):
    """The working lines of the weighted total, without the calibration and grade lines
    that consolidation appends (a calibration line only when there was a calibration)."""
    lines = list(appraisal.working or [])
    tail = 2 if appraisal.calibration else 1
    return lines[:-tail] if len(lines) >= tail else lines


def calibrated_working(appraisal, points, reason, final, grade):
    working = _base_working(appraisal)
    if points:
        working.append(
            _("Calibration %(points)s (%(reason)s): %(score)s → %(final)s")
            % {
                "points": f"{points:+}",
                "reason": reason,
                "score": appraisal.calculated_score,
                "final": final,
            }
        )
    working.append(
        _("Grade: %(grade)s (score %(final)s)")
        % {"grade": dict(scoring.GRADES).get(grade, grade), "final": final}
    )
    return working


@transaction.atomic
def appraisal_calibrate(*, actor, appraisal, points, reason):
    """HR sets the calibration of a consolidated appraisal (at the feedback interview, not
    yet held) to ``points`` (−30 to +30, replacing the previous calibration) with a reason:
    the final score and the grade are worked out again from the calculated score."""
    appraisal = _locked(appraisal)
    if not is_hr(actor):
        raise PermissionDenied(_("HR calibrates the appraisals."))
    _need_stage(appraisal, Stage.INTERVIEW)
    if appraisal.interview_date is not None:
        raise ValidationError(
            _("The feedback interview is recorded: reopen the appraisal to calibrate it.")
        )
    if appraisal.calculated_score is None:
        raise ValidationError(_("The appraisal has no calculated score."))
    try:
        points = Decimal(str(points if points not in (None, "") else 0))
    except ArithmeticError as exc:
        raise ValidationError({"points": _("Enter a number of points.")}) from exc
    reason = (reason or "").strip()
    errors = {}
    if not -LIMIT <= points <= LIMIT:
        errors["points"] = _("Calibrate by at most 30 points either way.")
    elif points == appraisal.calibration:
        errors["points"] = _("The appraisal is calibrated by %(points)s already.") % {
            "points": f"{points:+}"
        }
    if not reason:
        errors["reason"] = _("Say why the score is calibrated.")
    if errors:
        raise ValidationError(errors)
    before = {
        "points": str(appraisal.calibration),
        "score": str(appraisal.final_score),
        "grade": appraisal.grade,
    }
    final = scoring.round_score(min(max(appraisal.calculated_score + points, Decimal(0)), HUNDRED))
    grade = scoring.grade_for(final, appraisal.round.band_pairs())
    appraisal.working = calibrated_working(appraisal, points, reason, final, grade)
    appraisal.calibration = points
    appraisal.calibration_reason = reason
    appraisal.final_score = final
    appraisal.grade = grade
    save_checked(appraisal, actor)
    audit_event(
        actor=actor,
        verb="calibrated",
        target=appraisal,
        message=Text(
            gettext_noop("Calibrated %(points)s: %(before)s → %(after)s, %(grade)s (%(reason)s)."),
            {
                "points": f"{points:+}",
                "before": before["score"],
                "after": str(final),
                "grade": scoring.grade_text(grade),
                "reason": reason[:200],
            },
        ),
        data={
            "before": before,
            "after": {"points": str(points), "score": str(final), "grade": grade},
            "reason": reason,
            "round": appraisal.round_id,
        },
    )
    return appraisal
