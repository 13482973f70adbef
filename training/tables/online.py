"""Tables of online learning: resources, questions, online courses, test attempts."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn

from ..models import Course, LearningResource, Question, TestAttempt

ATTEMPT_COLOURS = {"in_progress": "info", "submitted": "secondary", "expired": "warning"}


class LearningResourceTable(BaseTable):
    title = tables.Column(linkify=True)
    kind = tables.Column()
    unit_count = tables.Column(verbose_name=_("used in units"))

    class Meta(BaseTable.Meta):
        model = LearningResource
        fields = (
            "title",
            "kind",
            "original_name",
            "url",
            "duration_seconds",
            "unit_count",
            "active",
        )


class QuestionTable(BaseTable):
    text = tables.Column(linkify=True)
    course = tables.Column(accessor="course__title", verbose_name=_("course"))
    option_count = tables.Column(verbose_name=_("options"))

    class Meta(BaseTable.Meta):
        model = Question
        fields = ("text", "kind", "course", "option_count", "active")

    def render_text(self, value):
        return value if len(value) <= 60 else value[:60] + "…"


class OnlineCourseTable(BaseTable):
    title = tables.Column(
        linkify=lambda record: reverse("training:courseunit_list", args=[record.pk])
    )
    unit_count = tables.Column(verbose_name=_("units"))
    question_count = tables.Column(verbose_name=_("active questions"))
    attempt_count = tables.Column(verbose_name=_("attempts"))
    manage = tables.Column(
        empty_values=(), orderable=False, verbose_name=_("manage"), exclude_from_export=True
    )

    class Meta(BaseTable.Meta):
        model = Course
        fields = (
            "code",
            "title",
            "credit_hours",
            "unit_count",
            "question_count",
            "attempt_count",
            "active",
        )

    def render_manage(self, record):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("training:courseunit_list", args=[record.pk]),
            _("Units"),
            reverse("training:question_list") + f"?course={record.pk}",
            _("Questions"),
            reverse("training:onlinetest_edit", args=[record.pk]),
            _("Test settings"),
            reverse("training:online_results", args=[record.pk]),
            _("Results"),
        )


class TestAttemptTable(BaseTable):
    employee = tables.Column(accessor="employee__name", verbose_name=_("employee"))
    team = tables.Column(
        accessor="employee__team", order_by=("employee__team__name",), verbose_name=_("team")
    )
    course = tables.Column(accessor="course__title", verbose_name=_("course"))
    number = tables.Column(linkify=True)
    started_at = DateTimeColumn()
    status = ChoiceBadgeColumn(ATTEMPT_COLOURS)
    score = tables.Column()
    passed = tables.BooleanColumn()

    class Meta(BaseTable.Meta):
        model = TestAttempt
        fields = ("employee", "team", "course", "number", "started_at", "status", "score", "passed")
