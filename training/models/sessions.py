"""Internal sessions with their attendees, external courses and seminars, and personal
training plans: the sources of the training file that HR, trainers and supervisors run."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import DOCUMENTS, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH, validate_event_date

from .catalogue import Course
from .records import TrainingRecord

_HOURS = [MinValueValidator(0), MaxValueValidator(500)]
_SCORE = [MinValueValidator(0), MaxValueValidator(100)]


class Session(BaseModel):
    """One internal run of a catalogue course: who teaches it, when, where, how many seats."""

    class Format(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        CASE_STUDY = "case_study", _("Case study")
        DISCUSSION = "discussion", _("Group discussion")
        ROLE_PLAY = "role_play", _("Role play")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for sign-up")
        CLOSED = "closed", _("Sign-up closed")
        CANCELLED = "cancelled", _("Cancelled")

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    trainer = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_taught",
        verbose_name=_("trainer (employee)"),
    )
    trainer_name = models.CharField(
        _("trainer (outside expert)"),
        max_length=100,
        blank=True,
        help_text=_("The outside expert's name, when no employee teaches it."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=_HOURS,
        help_text=_("Hours written to each attendee's training file."),
    )
    place = models.CharField(_("place"), max_length=200)
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at", "-pk"]
        permissions = [
            ("manage_any_session", _("Can run every training session")),
            ("view_training_reports", _("Can read the training reports")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(trainer__isnull=False) & Q(trainer_name=""))
                | (Q(trainer__isnull=True) & ~Q(trainer_name="")),
                name="training_session_one_trainer",
                violation_error_message=_(
                    "Name either an employee or an outside expert as the trainer, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="training_session_has_seats",
                violation_error_message=_("A session needs at least one seat."),
            ),
        ]

    def __str__(self):
        return f"{self.course.title} · {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("training:session", args=[self.pk])

    @property
    def trainer_label(self):
        return self.trainer.name if self.trainer_id else self.trainer_name


class Enrolment(BaseModel):
    """One employee's place in a session, with their attendance and result once recorded."""

    class Attendance(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("session")
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="training_enrolments",
        verbose_name=_("employee"),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=_SCORE
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=DESCRIPTION_LENGTH, blank=True)
    record = models.OneToOneField(
        TrainingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
        verbose_name=_("training record"),
    )

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "employee"],
                name="training_enrolment_once",
                violation_error_message=_("This employee is already enrolled in the session."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.session}"

    def get_absolute_url(self):
        return self.session.get_absolute_url()


def evidence_path(instance, filename):
    return f"training/external/{instance.employee_id}/{filename}"


class ExternalCourse(BaseModel):
    """An outside course or seminar an employee asks to attend: the supervisor approves,
    the employee uploads the evidence of completion, HR confirms it into the file."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Evidence uploaded")
        CONFIRMED = "confirmed", _("Confirmed")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="external_courses",
        verbose_name=_("employee"),
    )
    provider = models.CharField(_("provider"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="external_courses",
        verbose_name=_("course in the catalogue"),
    )
    starts_on = models.DateField(_("starts on"), validators=[validate_event_date])
    ends_on = models.DateField(_("ends on"), validators=[validate_event_date])
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=_HOURS)
    cost = models.DecimalField(
        _("cost"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    reason = models.TextField(_("reason"), max_length=NOTE_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=DESCRIPTION_LENGTH, blank=True)
    evidence = models.FileField(
        _("evidence of completion"),
        upload_to=evidence_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=DOCUMENTS)],
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=_SCORE
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    record = models.OneToOneField(
        TrainingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="external_course",
        verbose_name=_("training record"),
    )

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("external course")
        verbose_name_plural = _("external courses")
        ordering = ["-starts_on", "-pk"]
        permissions = [
            ("approve_externalcourse", _("Can approve external courses of the team")),
            ("confirm_externalcourse", _("Can confirm completed external courses")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_external_dates_in_order",
                violation_error_message=_("The course cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_note=""),
                name="training_external_rejection_has_reason",
                violation_error_message=_("A rejection needs the reason."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.title}"

    def get_absolute_url(self):
        return reverse("training:externalcourse", args=[self.pk])


class TrainingPlan(BaseModel):
    """A personal training plan: the courses an employee should take in a period, from an
    appraisal's weak ability items or set by HR."""

    class Source(models.TextChoices):
        APPRAISAL = "appraisal", _("Appraisal")
        MANUAL = "manual", _("Set by HR")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="training_plans",
        verbose_name=_("employee"),
    )
    starts_on = models.DateField(_("from"), validators=[validate_event_date])
    ends_on = models.DateField(_("to"), validators=[validate_event_date])
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_ref = models.CharField(
        _("source reference"),
        max_length=100,
        blank=True,
        help_text=_("e.g. the appraisal the plan comes from."),
    )
    reason = models.TextField(_("reason"), max_length=NOTE_LENGTH)

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_plan_dates_in_order",
                violation_error_message=_("The plan cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("training:trainingplan", args=[self.pk])


class TrainingPlanItem(BaseModel):
    """A course of a plan and by when; done once the employee's file holds the course
    completed on or after the plan's start (worked out on reading, never stored)."""

    plan = models.ForeignKey(
        TrainingPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("course")
    )
    due_on = models.DateField(_("due on"), validators=[validate_event_date])

    scope = RowScope(parent="plan")

    class Meta:
        verbose_name = _("training plan item")
        verbose_name_plural = _("training plan items")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "course"],
                name="training_plan_course_once",
                violation_error_message=_("The course is already in the plan."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} · {self.course}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()
