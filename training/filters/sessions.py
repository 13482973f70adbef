"""List filters of the catalogue, sessions, external courses and plans."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from ..models import Course, ExternalCourse, Session, TrainingPlan

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class CourseFilterSet(BaseFilterSet):
    search_fields = ("code", "title", "description")
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Course
        fields = ["q", "content_type", "delivery", "active"]


class SessionFilterSet(BaseFilterSet):
    search_fields = ("course__title", "course__code", "place", "trainer__name", "trainer_name")
    WHEN = [("upcoming", _("Upcoming")), ("past", _("Past"))]
    MINE = [("teach", _("Sessions I teach")), ("enrolled", _("Sessions I am enrolled in"))]
    when = django_filters.ChoiceFilter(label=_("When"), choices=WHEN, method="by_when")
    mine = django_filters.ChoiceFilter(label=_("Mine"), choices=MINE, method="by_mine")
    date_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("From"), **_DATE
    )
    date_to = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("To"), **_DATE
    )

    class Meta:
        model = Session
        fields = ["q", "status", "format", "when", "mine", "date_from", "date_to"]

    def by_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if value == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset

    def by_mine(self, queryset, name, value):
        user = self.request.user
        if value == "teach":
            return queryset.filter(trainer__user=user)
        if value == "enrolled":
            return queryset.filter(enrolments__employee__user=user)
        return queryset


class ExternalCourseFilterSet(BaseFilterSet):
    search_fields = ("title", "provider", "employee__name")
    WORK = [("decide", _("Waiting for my approval")), ("confirm", _("Evidence to confirm"))]
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK, method="by_work")

    class Meta:
        model = ExternalCourse
        fields = ["q", "status", "work"]

    def by_work(self, queryset, name, value):
        from ..selectors.sessions import externals_to_confirm, externals_to_decide

        user = self.request.user
        if value == "decide":
            return queryset.filter(pk__in=externals_to_decide(user=user).values("pk"))
        if value == "confirm":
            return queryset.filter(pk__in=externals_to_confirm(user=user).values("pk"))
        return queryset


class TrainingPlanFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "reason", "source_ref")

    class Meta:
        model = TrainingPlan
        fields = ["q", "source"]
