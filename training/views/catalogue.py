"""Catalogue pages: the course list, a course with its mandatory rules and sessions, the
course form, and the rules' add/change/remove posts."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    form_errors,
)

from .. import services
from ..filters.sessions import CourseFilterSet
from ..forms.sessions import CourseForm, MandatoryRuleForm
from ..models import Course, MandatoryTraining
from ..selectors import sessions as selectors
from ..tables.sessions import CourseTable


class CourseListView(ObjectListView):
    model = Course
    table_class = CourseTable
    filterset_class = CourseFilterSet
    empty_message = gettext_lazy("No courses.")
    add_label = gettext_lazy("New course")

    def get_queryset(self):
        return selectors.course_list(user=self.request.user)


class CourseDetailView(ObjectDetailView):
    model = Course
    queryset = Course.objects.select_related("product")
    template_name = "training/course.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        course = self.object
        context["rules"] = list(selectors.course_rules(user=user, course=course))
        context["sessions"] = list(
            selectors.session_list(user=user).filter(course=course).order_by("-starts_at")[:50]
        )
        context["may_set_rules"] = user.has_perm("training.add_mandatorytraining")
        context["may_delete_rules"] = user.has_perm("training.delete_mandatorytraining")
        context["may_add_session"] = user.has_perm("training.add_session")
        context["rule_form"] = MandatoryRuleForm()
        return context


class CourseEditView(ObjectEditView):
    model = Course
    form_class = CourseForm


class CourseHistoryView(ObjectHistoryView):
    model = Course


class CourseRuleSetView(ObjectPermissionMixin, ObjectPostView):
    """Make the course mandatory for a position, or change that rule's deadlines."""

    model = Course
    action = "change"

    def perform(self, request, course, **kwargs):
        form = MandatoryRuleForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.mandatory_rule_set(actor=request.user, course=course, **form.cleaned_data)
        messages.success(request, _("Mandatory rule saved."))


class CourseRuleDeleteView(ObjectPermissionMixin, ObjectPostView):
    model = MandatoryTraining
    action = "delete"

    def perform(self, request, rule, **kwargs):
        self.course = rule.course
        services.mandatory_rule_delete(actor=request.user, rule=rule)
        messages.success(request, _("Mandatory rule removed."))

    def get_success_url(self):
        return self.object.course.get_absolute_url()
