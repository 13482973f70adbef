"""Filters of online learning's lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from ..models import Course, LearningResource, Question, TestAttempt


def _online_courses(request):
    return Course.objects.filter(delivery=Course.Delivery.ONLINE)


class LearningResourceFilterSet(BaseFilterSet):
    search_fields = ("title", "description", "original_name")

    class Meta:
        model = LearningResource
        fields = ["q", "kind", "active"]


class QuestionFilterSet(BaseFilterSet):
    search_fields = ("text", "explanation")
    course = django_filters.ModelChoiceFilter(queryset=_online_courses, label=_("course"))

    class Meta:
        model = Question
        fields = ["q", "course", "kind", "active"]


class OnlineCourseFilterSet(BaseFilterSet):
    search_fields = ("code", "title")

    class Meta:
        model = Course
        fields = ["q", "active"]


class TestAttemptFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "course__title")
    course = django_filters.ModelChoiceFilter(queryset=_online_courses, label=_("course"))
    passed = django_filters.BooleanFilter(label=_("passed"))

    class Meta:
        model = TestAttempt
        fields = ["q", "course", "status", "passed"]
