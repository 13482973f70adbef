"""Infrastructure models: the user, the domain base model, logs, notifications, task runs."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import i18n, speedups
from .crypto import EncryptedTextField
from .permissions import RestrictedQuerySet, RowScope


class User(AbstractUser):
    """A login. The person behind it (team, position) is its org.Employee."""

    full_name = models.CharField(
        _("full name"),
        max_length=100,
        blank=True,
        help_text=_("In the usual order, e.g. 張偉."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.compose_display_name(
            self.full_name, self.first_name, self.last_name, self.username
        )

    @staticmethod
    def compose_display_name(full_name, first_name, last_name, username):
        """The display name from the four columns (for rows read with values_list)."""
        return full_name or f"{first_name} {last_name}".strip() or username


def choice_labels(model, field_name):
    """``{stored value: label}`` of a choice field, translated now, for writing many rows.

    ``get_<field>_display()`` hashes every choice (translating each label) on every call:
    on a 100,000-row export that was a third of the time.
    """
    field = model._meta.get_field(field_name)
    return {value: str(label) for value, label in field.flatchoices}


class BaseModel(models.Model):
    """Every domain model: timestamps, field-level history and a restricting manager.

    Subclasses declare their row scope once, as ``scope = RowScope(...)``.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(inherit=True)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # A foreign key to an object read from the database is not looked up again (only
        # the field's own checks would remain, and a loaded object passes them): speedups.
        skip = speedups.loaded_foreign_keys(self)
        super().clean_fields(exclude=set(exclude or ()) | set(skip) if skip else exclude)

    def validate_constraints(self, exclude=None):
        """Django's checks, with simple conditions evaluated in Python (core.speedups)."""
        speedups.validate_constraints(self, exclude)


class AuditEvent(models.Model):
    """One thing that happened to a record: a regulated milestone, a grant, a lockout.

    Shown on the record's timeline; history rows say what changed, events say what was done.
    """

    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(_("event"), max_length=50, db_index=True)
    message = models.CharField(_("description"), max_length=500)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The description as a message id and parameters (core.i18n), rendered for each reader;
    # ``message`` keeps it in the company's language. Empty on rows written before.
    message_text = models.JSONField(null=True, blank=True, editable=False)

    objects = RestrictedQuerySet.as_manager()
    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-when", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "when"])]

    def __str__(self):
        return self.get_message_display()

    def get_message_display(self):
        """The description in the reader's language (as stored, for older rows)."""
        return i18n.shown(self.message, self.message_text)

    def get_verb_display(self):
        """The event's name in the reader's language."""
        return i18n.verb_label(self.verb)


class AppendOnlyQuerySet(RestrictedQuerySet):
    """The rows of a compliance log: written once, never changed; removed only by the
    retention job (``prune``), which records what it removed."""

    def update(self, **kwargs):
        raise PermissionDenied(_("The log is append-only: its rows are never changed."))

    def delete(self):
        raise PermissionDenied(
            _("The log is append-only: rows leave it only by the retention job.")
        )

    def prune(self):
        """Delete these rows (the retention job only); returns how many."""
        return self._raw_delete(self.db)


class AppendOnly:
    """A log row is saved once: a second save or a delete is refused."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("The log is append-only: its rows are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(
            _("The log is append-only: rows leave it only by the retention job.")
        )


class AccessLog(AppendOnly, models.Model):
    """A read of personal data: who looked at which record, or unmasked which field, from where."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        UNMASK = "unmask", _("Unmasked")
        DOWNLOAD = "download", _("Downloaded a file")
        SEARCH = "search", _("Searched for a sensitive value")

    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True, blank=True)
    object_repr = models.CharField(_("record"), max_length=200)
    field = models.CharField(_("field"), max_length=50, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    # Keyed digests of the sensitive values searched for (core.sensitive), never the values.
    search_digests = models.TextField(
        _("search digests"), max_length=2000, blank=True, editable=False
    )

    objects = AppendOnlyQuerySet.as_manager()
    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.object_repr}"


class ExportLog(AppendOnly, models.Model):
    """A download of data: who, what, with which filters, how many rows, when."""

    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what = models.CharField(_("what"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The filters as the person saw them ("Team: Team A; Search: 138****5678").
    filters_shown = models.TextField(_("filters in words"), max_length=1000, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Keyed digests of sensitive values in the filters (core.sensitive): the filters keep
    # them masked only.
    search_digests = models.TextField(
        _("search digests"), max_length=2000, blank=True, editable=False
    )
    clear_values = models.BooleanField(
        _("clear sensitive values"),
        default=False,
        help_text=_("The file held ID numbers, mobiles or accounts unmasked."),
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()
    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.user} {self.what} ({self.row_count})"


class Notification(models.Model):
    """An in-app message to one user, shown under the bell until read."""

    class Level(models.TextChoices):
        INFO = "info", _("Information")
        SUCCESS = "success", _("Done")
        WARNING = "warning", _("Needs attention")
        DANGER = "danger", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.INFO)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Title and body as message ids and parameters (core.i18n), rendered for the reader;
    # ``title`` and ``body`` keep them in the company's language. Empty on older rows.
    title_text = models.JSONField(null=True, blank=True, editable=False)
    body_text = models.JSONField(null=True, blank=True, editable=False)
    # A stable key makes a job that notifies idempotent: the same key is sent once.
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_unique_dedupe_key",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.get_title_display()

    def get_absolute_url(self):
        return reverse("core:notification", args=[self.pk])

    def get_title_display(self):
        """The title in the reader's language (as stored, for older rows)."""
        return i18n.shown(self.title, self.title_text)

    def get_body_display(self):
        """The message in the reader's language (as stored, for older rows)."""
        return i18n.shown(self.body, self.body_text)

    @property
    def is_read(self):
        return self.read_at is not None


class TaskRun(models.Model):
    """One run of a background job, with its progress and outcome, so failures are visible."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCESS = "success", _("Done")
        FAILED = "failed", _("Failed")

    name = models.CharField(_("job"), max_length=100, db_index=True)
    celery_id = models.CharField(max_length=64, blank=True, db_index=True)
    key = models.CharField(
        _("key"), max_length=200, blank=True, help_text=_("What the run is for, e.g. a period.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0)
    message = models.CharField(_("doing"), max_length=300, blank=True)
    # The message as a message id and parameters (core.i18n), rendered for each reader;
    # ``message`` keeps it in the company's language. Empty on rows written before and for
    # a message given as plain text (an error as it was raised).
    message_text = models.JSONField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created = models.DateTimeField(_("created"), default=timezone.now)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-created", "-pk"]

    def __str__(self):
        scope = self.scope
        title = f"{self.title} — {scope}" if scope else self.title
        return f"{title} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        """``message`` may be given as a ``core.i18n.Text`` (kept as a message id and
        parameters) or as plain text (which replaces an earlier Text)."""
        if isinstance(self.message, i18n.Text):
            self.message, self.message_text = i18n.stored(self.message, 300)
        elif self.message_text and self.message != i18n.plain(self.message_text, 300):
            self.message_text = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "message" in update_fields:
            kwargs["update_fields"] = {*update_fields, "message_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("core:taskrun", args=[self.pk])

    def get_message_display(self):
        """What the run is doing or did, in the reader's language (as stored, for older
        rows)."""
        return i18n.shown(self.message, self.message_text)

    @property
    def title(self):
        """The job's name in words (core.jobs.describe)."""
        from .jobs import run_title

        return run_title(self)

    @property
    def scope(self):
        """What this run is about, in words (which report, period, file, whose)."""
        from .jobs import run_scope

        return run_scope(self)

    @property
    def downloads(self):
        """The files the finished run hands over, each with its kind (Excel, PDF) and name."""
        from .jobs import run_downloads

        return run_downloads(self)

    @property
    def is_active(self):
        return self.status in (self.Status.PENDING, self.Status.RUNNING)


class Parameter(BaseModel):
    """A company setting's stored value (definitions and defaults live in code, core.params)."""

    key = models.CharField(_("setting"), max_length=100, unique=True)
    value = models.JSONField(_("value"), null=True, blank=True)

    class Meta:
        verbose_name = _("setting")
        verbose_name_plural = _("settings")
        ordering = ["key"]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        return reverse("core:parameter_edit", args=[self.key])

    scope = RowScope(reference=True)


class SavedView(models.Model):
    """A user's named filters and sort of one list page, optionally the one it opens with.

    Personal: only its owner reads or changes it; not audited (it is a preference, like the
    rows per page)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("user"),
    )
    list_name = models.CharField(_("list"), max_length=100, help_text=_("The list's URL name."))
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    is_default = models.BooleanField(_("open the list with this view"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name", "name"],
                name="core_savedview_unique_name",
                violation_error_message=_("You already have a view of this name on this list."),
            ),
            models.UniqueConstraint(
                fields=["user", "list_name"],
                condition=models.Q(is_default=True),
                name="core_savedview_one_default",
                violation_error_message=_("Only one view of a list can be the default."),
            ),
        ]

    def __str__(self):
        return self.name


class ExportRequest(BaseModel):
    """A request to export a list with clear sensitive values (ID numbers, mobiles, accounts)
    above the row count a supervisor must approve first; approved, it runs as a job and the
    requester downloads the file (stamped for them at each download)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved, being prepared")
        DONE = "done", _("Ready to download")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The supervisor of the requester's team."),
    )
    what = models.CharField(_("what"), max_length=200)
    view = models.CharField(max_length=200, editable=False)  # the list view, dotted path
    list_path = models.CharField(max_length=300, editable=False)
    # The list's query as sent (it may hold a searched ID number: kept encrypted), to build
    # the same rows; people read ``filters_shown``, masked.
    query = EncryptedTextField(_("query"), max_length=4000, blank=True, editable=False)
    filters_shown = models.TextField(_("filters in words"), max_length=1000, blank=True)
    search_digests = models.TextField(max_length=2000, blank=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=300)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    run = models.ForeignKey(
        TaskRun, verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL
    )
    file = models.FileField(
        _("file"), upload_to="exports/%Y/%m/", blank=True, max_length=255, editable=False
    )

    scope = RowScope(owner=("requester", "approver"), company_wide=False)

    class Meta:
        verbose_name = _("clear export request")
        verbose_name_plural = _("clear export requests")
        ordering = ["-created", "-pk"]
        permissions = [("approve_exportrequest", _("Can approve exports with clear values"))]

    def __str__(self):
        return f"{self.what} ({self.row_count})"

    def get_absolute_url(self):
        return reverse("core:exportrequest", args=[self.pk])
