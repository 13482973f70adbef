"""The steps of an appraisal: self-assessment → supervisor assessment → HR consolidation →
feedback interview (and the employee's acknowledgement or objection) → closed; reopening.

Each step is done only by its person at its stage, checks the round is open, saves with
history credited to the actor and writes one audit event (noting a late step)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.services import audit_event, notify, save_checked

from .. import scoring
from ..models import Appraisal, AppraisalRound, Dimension, PrivateNote, Stage

DIMENSIONS = [Dimension.RESULTS, Dimension.ABILITY, Dimension.ATTITUDE]
HUNDRED = Decimal(100)


def _locked(appraisal):
    """The appraisal row locked for the step, with what the checks read."""
    return (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("round", "employee__user", "supervisor", "form")
        .get(pk=appraisal.pk)
    )


def _need_stage(appraisal, *stages):
    if appraisal.stage not in stages:
        raise ValidationError(
            _("The appraisal is at the stage %(stage)s; this step is not open now.")
            % {"stage": Stage(appraisal.stage).label}
        )
    if not appraisal.round.is_open:
        raise ValidationError(_("The round is closed."))


def is_hr(user):
    return user.has_perm("appraisal.consolidate_appraisal")


def may_assess(user, appraisal):
    """The named supervisor assesses; HR when the appraisal names none."""
    if appraisal.supervisor_id is not None:
        return appraisal.supervisor_id == user.pk
    return is_hr(user)


def _with_late_note(message, appraisal, stage):
    """``message`` (a Text), noting the deadline when the step is done after it."""
    due = appraisal.round.due_for(stage)
    if due and timezone.localdate() > due:
        return Text(
            gettext_noop("%(message)s (late: due %(day)s)"), {"message": message, "day": due}
        )
    return message


def _event(actor, appraisal, verb, message, stage):
    audit_event(
        actor=actor, verb=verb, target=appraisal, message=_with_late_note(message, appraisal, stage)
    )


def _rated_items(appraisal):
    return [row for row in appraisal.items.select_related("item") if not row.item.is_computed]


def _check_rating(row, value, field):
    """A rating on the item's scale, else a field error naming the item."""
    if value in (None, ""):
        return None
    try:
        scoring.rated_score(value, row.item.scale)
    except ValidationError as exc:
        raise ValidationError({field: f"{row.item.label}: {' '.join(exc.messages)}"}) from exc
    return Decimal(str(value))


def _save_ratings(actor, appraisal, ratings, attr, required):
    rows = _rated_items(appraisal)
    missing = []
    for row in rows:
        field = f"item_{row.item_id}"
        value = _check_rating(row, ratings.get(row.item_id), field)
        if value is None and required:
            missing.append(row.item.label)
        setattr(row, attr, value)
    if missing:
        raise ValidationError(_("Rate every item: %(items)s.") % {"items": ", ".join(missing)})
    for row in rows:
        save_checked(row, actor)
    return rows


@transaction.atomic
def self_submit(*, actor, appraisal, ratings, comment=""):
    """The employee rates each rated item (``ratings``: {round item pk: rating}) and
    comments; the appraisal goes to the supervisor."""
    appraisal = _locked(appraisal)
    if appraisal.employee.user_id != actor.pk:
        raise PermissionDenied(_("Only the employee assesses themself."))
    _need_stage(appraisal, Stage.SELF)
    _save_ratings(actor, appraisal, ratings, "self_rating", required=True)
    appraisal.self_comment = (comment or "").strip()
    appraisal.self_submitted_at = timezone.now()
    appraisal.stage = Stage.SUPERVISOR
    save_checked(appraisal, actor)
    _event(
        actor,
        appraisal,
        "self_assessed",
        Text(gettext_noop("Self-assessment submitted.")),
        Stage.SELF,
    )
    if appraisal.supervisor:
        notify(
            recipient=appraisal.supervisor,
            title=Text(
                gettext_noop("%(name)s has self-assessed: your assessment is due"),
                {"name": appraisal.employee.name},
            ),
            url=appraisal.get_absolute_url(),
            dedupe_key=f"appraisal-self:{appraisal.pk}:{appraisal.self_submitted_at:%Y%m%d%H%M%S}",
        )
    return appraisal


@transaction.atomic
def supervisor_submit(*, actor, appraisal, ratings, comment="", private_notes=""):
    """The supervisor rates each rated item, comments and keeps private notes (HR reads
    them, the employee never). Once the self-assessment deadline has passed the supervisor
    may assess without the self-assessment; it then counts as absent."""
    appraisal = _locked(appraisal)
    if not may_assess(actor, appraisal):
        raise PermissionDenied(_("Only the employee's supervisor assesses the appraisal."))
    if appraisal.stage == Stage.SELF and timezone.localdate() <= appraisal.round.self_due:
        raise ValidationError(
            _("The self-assessment is due %(day)s; assess after it or once it is submitted.")
            % {"day": appraisal.round.self_due.isoformat()}
        )
    _need_stage(appraisal, Stage.SELF, Stage.SUPERVISOR)
    skipped = appraisal.stage == Stage.SELF
    _save_ratings(actor, appraisal, ratings, "supervisor_rating", required=True)
    appraisal.supervisor_comment = (comment or "").strip()
    appraisal.supervisor_submitted_at = timezone.now()
    appraisal.assessed_by = actor
    appraisal.stage = Stage.HR
    save_checked(appraisal, actor)
    note, _created = PrivateNote.objects.get_or_create(appraisal=appraisal)
    if note.text != (private_notes or "").strip():
        note.text = (private_notes or "").strip()
        save_checked(note, actor)
    if skipped:
        message = Text(
            gettext_noop("Supervisor assessment submitted. No self-assessment was submitted.")
        )
    else:
        message = Text(gettext_noop("Supervisor assessment submitted."))
    _event(actor, appraisal, "supervisor_assessed", message, Stage.SUPERVISOR)
    return appraisal


def compute(appraisal, rows=None):
    """The appraisal's scores from its items as they stand: each rated item's blended score
    (with its note), then the weighted total with its working (``scoring``). Returns
    ``(rows with .combined and .combined_note set, Total)``; saves nothing."""
    rows = list(appraisal.items.select_related("item")) if rows is None else rows
    share = Decimal(appraisal.round.supervisor_share) / HUNDRED
    for row in rows:
        if row.item.is_computed:
            row.combined, row.combined_note = row.score, ""
            if row.score is None:
                row.combined_note = _("No figure or target: the item has no score.")
            continue
        own = (
            None
            if row.self_rating is None
            else scoring.rated_score(row.self_rating, row.item.scale)
        )
        sup = (
            None
            if row.supervisor_rating is None
            else scoring.rated_score(row.supervisor_rating, row.item.scale)
        )
        blended = scoring.blend(own, sup, share)
        row.combined = blended.score
        row.combined_note = str(blended.note)
    weights = appraisal.form.dimension_weights()
    dims = [
        scoring.Dim(
            code=str(code),
            label=str(Dimension(code).label),
            weight=weights[code],
            items=[
                scoring.Item(
                    code=str(row.item_id),
                    label=row.item.label,
                    weight=row.item.weight,
                    score=row.combined,
                )
                for row in rows
                if row.item.dimension == code
            ],
        )
        for code in DIMENSIONS
        if weights[code]
    ]
    return rows, scoring.weighted_total(dims)


@transaction.atomic
def hr_consolidate(*, actor, appraisal, calibration=Decimal(0), reason=""):
    """HR consolidates: the computed items are refreshed from the record, each rated item
    blended, the weighted total worked out, a calibration (with its reason) added, and the
    grade read from the round's bands. The appraisal goes to the feedback interview."""
    from .rounds import apply_computed

    appraisal = _locked(appraisal)
    if not is_hr(actor):
        raise PermissionDenied(_("HR consolidates the appraisals."))
    _need_stage(appraisal, Stage.HR)
    calibration = Decimal(str(calibration or 0))
    if calibration and not (reason or "").strip():
        raise ValidationError({"calibration_reason": _("Say why the score is calibrated.")})
    if not Decimal(-30) <= calibration <= Decimal(30):
        raise ValidationError({"calibration": _("Calibrate by at most 30 points either way.")})
    apply_computed([appraisal], actor=actor)
    rows, total = compute(appraisal)
    for row in rows:
        if not row.item.is_computed:
            row.score = scoring.round_score(row.combined)
            row.note = row.combined_note[:500]
            save_checked(row, actor)
    if total.score is None:
        raise ValidationError(_("No item has a score: nothing to consolidate."))
    working = [str(line) for line in total.working]
    final = scoring.round_score(min(max(total.score + calibration, Decimal(0)), HUNDRED))
    if calibration:
        working.append(
            _("Calibration %(points)s (%(reason)s): %(score)s → %(final)s")
            % {
                "points": f"{calibration:+}",
                "reason": reason.strip(),
                "score": total.score,
                "final": final,
            }
        )
    grade = scoring.grade_for(final, appraisal.round.band_pairs())
    working.append(
        _("Grade: %(grade)s (score %(final)s)")
        % {"grade": dict(scoring.GRADES).get(grade, grade), "final": final}
    )
    appraisal.calculated_score = total.score
    appraisal.calibration = calibration
    appraisal.calibration_reason = (reason or "").strip()
    appraisal.final_score = final
    appraisal.grade = grade
    appraisal.working = working
    appraisal.consolidated_at = timezone.now()
    appraisal.consolidated_by = actor
    appraisal.stage = Stage.INTERVIEW
    save_checked(appraisal, actor)
    _event(
        actor,
        appraisal,
        "consolidated",
        Text(
            gettext_noop("Consolidated: %(score)s, %(grade)s."),
            {"score": final, "grade": scoring.grade_text(grade)},
        ),
        Stage.HR,
    )
    if appraisal.supervisor:
        notify(
            recipient=appraisal.supervisor,
            title=Text(
                gettext_noop("Hold the feedback interview with %(name)s"),
                {"name": appraisal.employee.name},
            ),
            url=appraisal.get_absolute_url(),
            dedupe_key=f"appraisal-interview:{appraisal.pk}:{appraisal.consolidated_at:%Y%m%d%H%M%S}",
        )
    return appraisal


@transaction.atomic
def interview_record(*, actor, appraisal, date, discussed, strengths="", problems="", goals=""):
    """The supervisor (HR when there is none) records the feedback interview."""
    appraisal = _locked(appraisal)
    if not may_assess(actor, appraisal) and not is_hr(actor):
        raise PermissionDenied(_("The supervisor or HR records the interview."))
    _need_stage(appraisal, Stage.INTERVIEW)
    errors = {}
    if date is None:
        errors["date"] = _("Give the date of the interview.")
    elif date > timezone.localdate():
        errors["date"] = _("The interview cannot be in the future.")
    if not (discussed or "").strip():
        errors["discussed"] = _("Say what was discussed.")
    if errors:
        raise ValidationError(errors)
    appraisal.interview_date = date
    appraisal.interview_discussed = discussed.strip()
    appraisal.strengths = (strengths or "").strip()
    appraisal.problems = (problems or "").strip()
    appraisal.goals = (goals or "").strip()
    appraisal.interviewed_by = actor
    appraisal.response = ""
    appraisal.objection = ""
    save_checked(appraisal, actor)
    _event(
        actor,
        appraisal,
        "interviewed",
        Text(gettext_noop("Feedback interview recorded.")),
        Stage.INTERVIEW,
    )
    notify(
        recipient=appraisal.employee.user,
        title=Text(gettext_noop("Your appraisal result: please acknowledge it or object")),
        url=appraisal.get_absolute_url(),
        dedupe_key=f"appraisal-result:{appraisal.pk}:{date}",
    )
    return appraisal


def _employee_response_checks(actor, appraisal):
    if appraisal.employee.user_id != actor.pk:
        raise PermissionDenied(_("Only the employee answers their appraisal."))
    _need_stage(appraisal, Stage.INTERVIEW)
    if appraisal.interview_date is None:
        raise ValidationError(_("The feedback interview is not recorded yet."))
    if appraisal.response:
        raise ValidationError(_("You have answered already."))


def _close(actor, appraisal):
    appraisal.stage = Stage.CLOSED
    appraisal.closed_at = timezone.now()
    save_checked(appraisal, actor)


@transaction.atomic
def employee_acknowledge(*, actor, appraisal):
    """The employee acknowledges the result; the appraisal is closed."""
    appraisal = _locked(appraisal)
    _employee_response_checks(actor, appraisal)
    appraisal.response = Appraisal.Response.ACKNOWLEDGED
    appraisal.responded_at = timezone.now()
    _close(actor, appraisal)
    _event(
        actor,
        appraisal,
        "acknowledged",
        Text(gettext_noop("Result acknowledged; closed.")),
        Stage.INTERVIEW,
    )
    return appraisal


@transaction.atomic
def employee_object(*, actor, appraisal, objection):
    """The employee objects to the result, in writing; HR decides (close or reopen)."""
    appraisal = _locked(appraisal)
    _employee_response_checks(actor, appraisal)
    if not (objection or "").strip():
        raise ValidationError({"objection": _("Write what you object to.")})
    appraisal.response = Appraisal.Response.OBJECTED
    appraisal.objection = objection.strip()
    appraisal.responded_at = timezone.now()
    save_checked(appraisal, actor)
    _event(actor, appraisal, "objected", appraisal.objection[:200], Stage.INTERVIEW)
    return appraisal


@transaction.atomic
def appraisal_close(*, actor, appraisal):
    """HR closes an appraisal whose interview is recorded (after an objection, or when the
    employee does not answer)."""
    appraisal = _locked(appraisal)
    if not is_hr(actor):
        raise PermissionDenied(_("HR closes the appraisals."))
    _need_stage(appraisal, Stage.INTERVIEW)
    if appraisal.interview_date is None:
        raise ValidationError(_("Record the feedback interview first."))
    _close(actor, appraisal)
    _event(actor, appraisal, "closed", Text(gettext_noop("Closed.")), Stage.INTERVIEW)
    return appraisal


@transaction.atomic
def appraisal_reopen(*, actor, appraisal, reason):
    """HR reopens a closed appraisal (or one at the interview) for a new consolidation;
    the round is reopened with it. Scores change only this way once closed."""
    appraisal = _locked(appraisal)
    if not is_hr(actor):
        raise PermissionDenied(_("HR reopens the appraisals."))
    if appraisal.stage not in (Stage.INTERVIEW, Stage.CLOSED):
        raise ValidationError(_("Only a consolidated appraisal can be reopened."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the appraisal is reopened.")})
    round_ = AppraisalRound.objects.select_for_update().get(pk=appraisal.round_id)
    if not round_.is_open:
        round_.status = AppraisalRound.Status.OPEN
        round_.closed_at = None
        save_checked(round_, actor)
        audit_event(actor=actor, verb="round_reopened", target=round_, message=reason.strip())
    appraisal.round = round_
    appraisal.stage = Stage.HR
    appraisal.reopen_reason = reason.strip()
    appraisal.closed_at = None
    appraisal.response = ""
    appraisal.responded_at = None
    save_checked(appraisal, actor)
    audit_event(actor=actor, verb="reopened", target=appraisal, message=reason.strip())
    return appraisal
