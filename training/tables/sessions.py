"""List tables of the catalogue, sessions, external courses and plans."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn

from ..models import Course, ExternalCourse, Session, TrainingPlan

SESSION_COLOURS = {"open": "success", "closed": "secondary", "cancelled": "dark"}
EXTERNAL_COLOURS = {
    "requested": "warning",
    "approved": "primary",
    "rejected": "danger",
    "completed": "info",
    "confirmed": "success",
}


class CourseTable(BaseTable):
    code = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    content_type = tables.Column(verbose_name=_("content"))
    product = tables.Column(accessor="product__name", verbose_name=_("product"))

    class Meta(BaseTable.Meta):
        model = Course
        fields = (
            "code",
            "title",
            "content_type",
            "delivery",
            "product",
            "duration_hours",
            "credit_hours",
            "active",
        )


class SessionTable(BaseTable):
    starts_at = tables.DateTimeColumn(format="Y-m-d H:i", linkify=True)
    course = tables.Column(accessor="course__title", verbose_name=_("course"))
    trainer = tables.Column(
        accessor="trainer__name", verbose_name=_("trainer"), order_by=("trainer__name",)
    )
    enrolled = tables.Column(verbose_name=_("enrolled"), attrs={"td": {"class": "text-end"}})
    status = ChoiceBadgeColumn(SESSION_COLOURS)

    class Meta(BaseTable.Meta):
        model = Session
        fields = (
            "starts_at",
            "course",
            "format",
            "trainer",
            "place",
            "enrolled",
            "seats",
            "status",
        )

    def render_trainer(self, record):
        return record.trainer_label

    def value_trainer(self, record):
        return record.trainer_label

    def render_enrolled(self, record, value):
        return format_html("{} / {}", value, record.seats)


class ExternalCourseTable(BaseTable):
    title = tables.Column(linkify=True)
    employee = tables.Column(accessor="employee__name", verbose_name=_("employee"))
    starts_on = DateTimeColumn(verbose_name=_("starts on"))
    ends_on = DateTimeColumn(verbose_name=_("ends on"))
    cost = MoneyColumn(verbose_name=_("cost"))
    status = ChoiceBadgeColumn(EXTERNAL_COLOURS)

    class Meta(BaseTable.Meta):
        model = ExternalCourse
        fields = (
            "title",
            "employee",
            "provider",
            "starts_on",
            "ends_on",
            "hours",
            "cost",
            "status",
        )


class TrainingPlanTable(BaseTable):
    employee = tables.Column(
        accessor="employee__name",
        verbose_name=_("employee"),
        linkify=lambda record: record.get_absolute_url(),
    )
    starts_on = DateTimeColumn(verbose_name=_("from"))
    ends_on = DateTimeColumn(verbose_name=_("to"))
    progress = tables.Column(
        accessor="done_count",
        verbose_name=_("done"),
        orderable=False,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        model = TrainingPlan
        fields = ("employee", "starts_on", "ends_on", "source", "progress", "reason")

    def render_progress(self, record):
        return f"{record.done_count} / {record.item_count}"

    def value_progress(self, record):
        return f"{record.done_count} / {record.item_count}"

    def render_reason(self, value):
        return value if len(value) <= 60 else value[:60] + "…"
