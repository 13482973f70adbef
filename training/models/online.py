"""Online learning: learning resources, a course's units, each employee's progress, the
question bank, the final test's settings, and the attempts with their kept answers."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import params
from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import PDF_ONLY, VIDEOS, FileValidator, detect_kind
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH

from .. import rules
from .catalogue import Course
from .records import TrainingRecord


def internal_link_error(url):
    """Why ``url`` is not a link inside the company, or None: a path of this site
    ("/sales/products/") or a page on one of the company's own hosts (a setting)."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return None
    parts = urlsplit(url)
    hosts = {h.strip().lower() for h in params.get(rules.INTERNAL_LINK_HOSTS) if h.strip()}
    if parts.scheme in ("http", "https") and (parts.hostname or "").lower() in hosts:
        return None
    return _(
        "Only links inside the company: a path of this site (starting with /) or a page on "
        "one of the company's hosts (Settings: training)."
    )


class LearningResource(BaseModel):
    """A video, document or company page that online courses are made of, kept by HR.

    Files are never public: the player reads them through a view that checks the reader
    may take a course that uses them."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Document (PDF)")
        LINK = "link", _("Link inside the company")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)
    file = models.FileField(
        _("file"),
        upload_to="training/resources/%Y/%m/",
        max_length=255,
        blank=True,
        help_text=_("A video (MP4 or WebM) or a PDF document, as the kind says."),
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=50, blank=True, editable=False)
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("For a link: a page inside the company, e.g. /sales/products/."),
    )
    duration_seconds = models.PositiveIntegerField(
        _("length (seconds)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(36000)],
        help_text=_("A video's running time, shown to learners."),
    )
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("learning resource")
        verbose_name_plural = _("learning resources")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == self.Kind.LINK:
            if not self.url:
                raise ValidationError({"url": _("A link needs its address.")})
            error = internal_link_error(self.url)
            if error:
                raise ValidationError({"url": error})
            return
        if not self.file:
            raise ValidationError({"file": _("Upload the file.")})
        if getattr(self.file, "_committed", True):
            return  # a stored file was checked when it was uploaded
        upload = self.file.file
        if self.kind == self.Kind.VIDEO:
            validator = FileValidator(VIDEOS, max_bytes=settings.VIDEO_UPLOAD_MAX_BYTES)
        else:
            validator = FileValidator(PDF_ONLY)
        try:
            validator(upload)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        from core.uploads import CONTENT_TYPES

        kind = detect_kind(upload, validator.kinds)
        self.content_type = CONTENT_TYPES[kind]
        self.original_name = (getattr(upload, "name", "") or "")[-200:]
        if self.url:
            self.url = ""

    def get_absolute_url(self):
        return reverse("training:learningresource_edit", args=[self.pk])

    def get_file_url(self):
        return reverse("training:learningresource_file", args=[self.pk])


class CourseUnit(BaseModel):
    """One unit of an online course, in its order: a resource to watch or read."""

    class Completion(models.TextChoices):
        VIEW = "view", _("Done after the minimum viewing time (a video: played to the end)")
        MARK = "mark", _("The learner marks it as done")

    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        related_name="units",
        verbose_name=_("course"),
        limit_choices_to={"delivery": "online"},
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    resource = models.ForeignKey(
        LearningResource,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("resource"),
    )
    completion = models.CharField(
        _("completion"), max_length=10, choices=Completion.choices, default=Completion.VIEW
    )
    min_seconds = models.PositiveIntegerField(
        _("minimum viewing (seconds)"),
        default=0,
        validators=[MaxValueValidator(36000)],
        help_text=_(
            "Time the learner spends on the unit before it counts as done (0: a video must "
            "be played to the end, other units are done when opened or marked)."
        ),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("course unit")
        verbose_name_plural = _("course units")
        ordering = ["course", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return reverse("training:courseunit_list", args=[self.course_id])


class UnitProgress(BaseModel):
    """How far one employee has got with one unit: time spent, where they stopped, done."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="online_progress",
        verbose_name=_("employee"),
    )
    unit = models.ForeignKey(
        CourseUnit, on_delete=models.CASCADE, related_name="progress", verbose_name=_("unit")
    )
    seconds_spent = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    position_seconds = models.PositiveIntegerField(_("stopped at (seconds)"), default=0)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("unit progress")
        verbose_name_plural = _("unit progress")
        ordering = ["-last_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "unit"],
                name="training_unitprogress_once",
                violation_error_message=_("This unit's progress is already recorded."),
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.unit}"

    def get_absolute_url(self):
        return reverse("training:online_course", args=[self.unit.course_id])

    @property
    def done(self):
        return self.completed_at is not None


class OnlineTest(BaseModel):
    """The final test of an online course: how many questions are drawn, the time limit, the
    pass mark, the attempts allowed, and whether the units must be done first."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, related_name="online_test", verbose_name=_("course")
    )
    question_count = models.PositiveSmallIntegerField(
        _("questions drawn"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Drawn at random from the course's active questions for each attempt."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A score of exactly the pass mark passes."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    units_required = models.BooleanField(
        _("units before the test"),
        default=True,
        help_text=_("The test opens only when every unit is done."),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("test settings")
        verbose_name_plural = _("test settings")
        ordering = ["course"]

    def __str__(self):
        return str(self.course)

    def get_absolute_url(self):
        return reverse("training:onlinetest_edit", args=[self.course_id])


class Question(BaseModel):
    """A question of a course's question bank, with its options and the right answers."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True/false")

    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("course"),
        limit_choices_to={"delivery": "online"},
    )
    kind = models.CharField(_("question type"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("question"), max_length=NOTE_LENGTH)
    explanation = models.TextField(
        _("explanation"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=_("Shown with a wrong answer after the test is submitted."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active questions are drawn.")
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["course", "pk"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return reverse("training:question_edit", args=[self.pk])


class QuestionOption(BaseModel):
    """One option of a question, and whether it is a right answer."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("option"), max_length=DESCRIPTION_LENGTH)
    correct = models.BooleanField(_("right answer"), default=False)

    scope = RowScope(parent="question")

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.question.get_absolute_url()


class TestAttempt(BaseModel):
    """One attempt of an employee at a course's final test: the questions drawn for it (kept
    with the seed), the deadline measured on the server, the answers, the score."""

    __test__ = False  # not a pytest test class, whatever its name

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        EXPIRED = "expired", _("Time ran out")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="test_attempts",
        verbose_name=_("employee"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("course")
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    seed = models.BigIntegerField(_("draw seed"), editable=False)
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)
    correct_count = models.PositiveSmallIntegerField(_("right answers"), default=0)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    record = models.ForeignKey(
        TrainingRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training record"),
    )

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        ordering = ["-started_at", "-pk"]
        permissions = [("take_online_course", _("Can take online courses and their tests"))]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "course", "number"],
                name="training_attempt_number_once",
                violation_error_message=_("This attempt has already been started."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("started_at")),
                name="training_attempt_deadline_after_start",
                violation_error_message=_("The deadline must be after the start."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.course.title} · #{self.number}"

    def get_absolute_url(self):
        return reverse("training:testattempt", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.IN_PROGRESS

    def seconds_left(self, now=None):
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))


class AttemptAnswer(BaseModel):
    """One drawn question of an attempt, in the order shown, with the options chosen."""

    attempt = models.ForeignKey(
        TestAttempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    option_order = models.JSONField(_("options shown"), default=list)
    chosen = models.JSONField(_("options chosen"), default=list, blank=True)
    correct = models.BooleanField(_("right"), null=True, blank=True)

    scope = RowScope(parent="attempt")

    class Meta:
        verbose_name = _("test answer")
        verbose_name_plural = _("test answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"],
                name="training_answer_question_once",
                violation_error_message=_("This question is already part of the attempt."),
            )
        ]

    def __str__(self):
        return f"{self.attempt} · {self.position}"

    def get_absolute_url(self):
        return self.attempt.get_absolute_url()
