"""Online learning pages: the learner's courses, the player, the test and its result; HR's
resources, units, question bank (with the Excel import), test settings and results."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports
from core.ranges import ranged_file_response
from core.views.generic import (
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    error_text,
)

from ..filters.online import (
    LearningResourceFilterSet,
    OnlineCourseFilterSet,
    QuestionFilterSet,
    TestAttemptFilterSet,
)
from ..forms.online import (
    CourseUnitForm,
    LearningResourceForm,
    OnlineTestForm,
    QuestionForm,
    QuestionImportForm,
)
from ..models import (
    Course,
    CourseUnit,
    LearningResource,
    OnlineTest,
    Question,
    TestAttempt,
)
from ..selectors import online as selectors
from ..services import online as services
from ..services import online_import
from ..tables.online import (
    LearningResourceTable,
    OnlineCourseTable,
    QuestionTable,
    TestAttemptTable,
)

MANAGE_PERM = "training.view_learningresource"  # HR and managers: the content pages


def _online_course(pk):
    return get_object_or_404(Course, pk=pk, delivery=Course.Delivery.ONLINE)


# --- HR: resources ----------------------------------------------------------------------


class LearningResourceListView(ObjectListView):
    model = LearningResource
    queryset = selectors.resource_list_base()
    table_class = LearningResourceTable
    filterset_class = LearningResourceFilterSet
    empty_message = gettext_lazy("No learning resources yet — add a video, a PDF or a link.")


class LearningResourceEditView(ObjectEditView):
    model = LearningResource
    form_class = LearningResourceForm


class LearningResourceFileView(LoginRequiredMixin, generic.View):
    """A resource's file for the player or the reader, after the permission check, with
    HTTP range requests so a video can seek."""

    def get(self, request, pk):
        resource = selectors.resource_for_reader(request.user, pk)
        if not resource.file:
            raise Http404
        return ranged_file_response(
            request,
            resource.file,
            content_type=resource.content_type or "application/octet-stream",
            filename=resource.original_name,
        )


# --- HR: online courses, units, settings ------------------------------------------------


class OnlineCourseListView(ObjectListView):
    """The online courses with their units, questions and attempts: where HR manages them."""

    model = Course
    queryset = selectors.online_course_list_base()
    table_class = OnlineCourseTable
    filterset_class = OnlineCourseFilterSet
    export_what = gettext_lazy("Online courses")
    empty_message = gettext_lazy(
        "No online courses yet — add a course with delivery “online” to the catalogue."
    )

    def get_required_permission(self):
        return MANAGE_PERM

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("Online courses")
        context["list_url"] = reverse("training:onlinecourse_list")
        return context


class CourseManageMixin(ObjectPermissionMixin):
    """A page of one online course's content (HR and managers)."""

    model = CourseUnit

    def get_required_permission(self):
        return MANAGE_PERM

    def get_course(self):
        if not hasattr(self, "_course"):
            self._course = _online_course(self.kwargs["course_pk"])
        return self._course

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.get_course()
        context["onlinecourse_list_url"] = reverse("training:onlinecourse_list")
        return context


class CourseUnitListView(CourseManageMixin, generic.TemplateView):
    """The units editor: the course's units in order, move, edit, remove, add."""

    template_name = "training/online/courseunit_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["units"] = list(self.get_course().units.visible_to(user).select_related("resource"))
        context["can_change"] = user.has_perm("training.change_courseunit")
        context["test"] = OnlineTest.objects.filter(course=self.get_course()).first()
        return context


class CourseUnitEditView(ObjectEditView):
    model = CourseUnit
    form_class = CourseUnitForm

    def new_object(self):
        return CourseUnit(course=_online_course(self.kwargs["course_pk"]))

    def save(self, form):
        return services.unit_save(actor=self.request.user, unit=form.save(commit=False))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.object.course
        context["cancel_url"] = reverse("training:courseunit_list", args=[self.object.course_id])
        return context


class CourseUnitPostView(ObjectPermissionMixin, generic.View):
    """Move a unit up or down, or remove it (POST)."""

    model = CourseUnit
    action = "change"

    def post(self, request, pk, op):
        unit = get_object_or_404(self.get_queryset(), pk=pk)
        course_id = unit.course_id
        if op == "up":
            services.unit_move(actor=request.user, unit=unit, step=-1)
        elif op == "down":
            services.unit_move(actor=request.user, unit=unit, step=1)
        elif op == "delete":
            services.unit_delete(actor=request.user, unit=unit)
            messages.success(request, _("Unit removed."))
        else:
            raise Http404
        return redirect("training:courseunit_list", course_pk=course_id)


class OnlineTestEditView(ObjectEditView):
    """A course's test settings (created with the defaults on the first save)."""

    model = OnlineTest
    form_class = OnlineTestForm

    def dispatch(self, request, *args, **kwargs):
        self.course = _online_course(kwargs["course_pk"])
        self.existing = OnlineTest.objects.filter(course=self.course).first()
        if self.existing:
            kwargs["pk"] = self.existing.pk
            self.kwargs["pk"] = self.existing.pk
        return super().dispatch(request, *args, **kwargs)

    def new_object(self):
        return OnlineTest(course=self.course)

    def save(self, form):
        return services.online_test_save(actor=self.request.user, test=form.save(commit=False))

    def get_success_url(self):
        return reverse("training:courseunit_list", args=[self.course.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["cancel_url"] = reverse("training:courseunit_list", args=[self.course.pk])
        return context


# --- HR: question bank ------------------------------------------------------------------


class QuestionListView(ObjectListView):
    model = Question
    queryset = selectors.question_list_base()
    table_class = QuestionTable
    filterset_class = QuestionFilterSet
    template_name = "training/online/question_list.html"
    empty_message = gettext_lazy("No questions yet — add one or import them from Excel.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course_id = self.request.GET.get("course", "")
        course = (
            Course.objects.filter(pk=course_id, delivery=Course.Delivery.ONLINE).first()
            if course_id.isdigit()
            else None
        )
        context["course"] = course
        context["add_url"] = reverse("training:question_add", args=[course.pk]) if course else None
        return context


class QuestionEditView(ObjectEditView):
    model = Question
    form_class = QuestionForm

    def new_object(self):
        return Question(course=_online_course(self.kwargs["course_pk"]))

    def save(self, form):
        question = form.save(commit=False)
        return services.question_save(
            actor=self.request.user, question=question, options=form.options()
        )

    def get_success_url(self):
        return reverse("training:question_list") + f"?course={self.object.course_id}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.object.course
        context["cancel_url"] = (
            reverse("training:question_list") + f"?course={self.object.course_id}"
        )
        return context


class QuestionImportView(CourseManageMixin, generic.FormView):
    """Upload the filled-in template: every question imported, or none and the errors by
    row and column."""

    model = Question
    form_class = QuestionImportForm
    template_name = "training/online/question_import.html"

    def get_required_permission(self):
        return "training.add_question"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        course = self.get_course()
        result = online_import.question_import(
            actor=self.request.user, course=course, upload=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(
                self.request,
                _("%(count)d questions imported.") % {"count": result.imported},
            )
            return redirect(reverse("training:question_list") + f"?course={course.pk}")
        return self.render_to_response(self.get_context_data(form=form, result=result))


class QuestionImportTemplateView(CourseManageMixin, generic.View):
    """The question template: Chinese headers, a type drop-down, instructions."""

    model = Question

    def get_required_permission(self):
        return "training.add_question"

    def get(self, request, course_pk):
        out = io.BytesIO()
        online_import.build_template(out, course=self.get_course())
        response = HttpResponse(out.getvalue(), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, f"question-template-{self.get_course().code}.xlsx")


# --- results ----------------------------------------------------------------------------


class CourseResultsView(ObjectPermissionMixin, generic.TemplateView):
    """Who started a course, how far they are, their attempts, best score and pass: the
    employees the reader may see (HR and managers all, a lead their team, a learner self)."""

    model = TestAttempt
    template_name = "training/online/course_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = _online_course(self.kwargs["course_pk"])
        context["course"] = course
        context["rows"] = selectors.course_results(self.request.user, course)
        context["unit_total"] = course.units.count()
        context["can_manage"] = self.request.user.has_perm(MANAGE_PERM)
        return context


class TestAttemptListView(ObjectListView):
    model = TestAttempt
    queryset = selectors.attempt_list_base()
    table_class = TestAttemptTable
    filterset_class = TestAttemptFilterSet
    empty_message = gettext_lazy("No test attempts yet.")


# --- learners -----------------------------------------------------------------------------


class LearnerMixin(LoginRequiredMixin):
    """Pages for people who take online courses."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if (
            not request.user.has_perm(services.TAKE_PERM)
            or getattr(request.user, "employee", None) is None
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyLearningView(LearnerMixin, generic.TemplateView):
    """The learner's online courses: progress, test, and where to continue."""

    template_name = "training/online/my_learning.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, last = selectors.learner_overview(self.request.user)
        context["rows"] = rows
        context["courses"] = [r["course"] for r in rows]
        context["last"] = last
        return context


class PlayerView(LearnerMixin, generic.TemplateView):
    """A course's player: the unit list with progress, the current unit, the test."""

    template_name = "training/online/player.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course, progress, test = selectors.player(self.request.user, self.kwargs["course_pk"])
        units = [u for u, _p in progress["units"]]
        wanted = self.request.GET.get("unit", "")
        current = next((u for u in units if str(u.pk) == wanted), None)
        current = current or progress["resume"] or progress["next_unit"] or units[0]
        current_progress = dict(progress["units"]).get(current)
        context.update(
            course=course,
            progress=progress,
            test=test,
            unit=current,
            unit_progress=current_progress,
            start_at=current_progress.position_seconds if current_progress else 0,
            remaining_seconds=max(
                0, current.min_seconds - (current_progress.seconds_spent if current_progress else 0)
            ),
        )
        return context


class ProgressView(LearnerMixin, generic.View):
    """The player's report (POST): time spent, position, ended, marked done. JSON answer."""

    def post(self, request, unit_pk):
        unit = get_object_or_404(
            CourseUnit.objects.select_related("resource", "course"),
            pk=unit_pk,
            course__in=selectors.learnable_courses(request.user),
        )

        def number(name):
            try:
                return int(float(request.POST.get(name, 0) or 0))
            except (TypeError, ValueError):
                return 0

        try:
            progress = services.progress_record(
                actor=request.user,
                unit=unit,
                seconds=number("seconds"),
                position=number("position"),
                ended=request.POST.get("ended") == "1",
                mark_done=request.POST.get("done") == "1",
            )
        except ValidationError as exc:
            return JsonResponse({"ok": False, "error": error_text(exc)}, status=400)
        state = services.course_progress(progress.employee, unit.course)
        if request.POST.get("done") == "1" and not request.headers.get("X-Requested-With"):
            messages.success(request, _("Unit done."))
            return redirect(
                reverse("training:online_course", args=[unit.course_id]) + f"?unit={unit.pk}"
            )
        return JsonResponse(
            {
                "ok": True,
                "done": progress.done,
                "seconds": progress.seconds_spent,
                "course_percent": state["percent"],
                "course_done": state["done"],
            }
        )


class TestStartView(LearnerMixin, generic.View):
    """Start (or go back to) the course's test."""

    def post(self, request, course_pk):
        course = selectors.learnable_courses(request.user).filter(pk=course_pk).first()
        if course is None:
            raise Http404
        try:
            attempt = services.attempt_start(actor=request.user, course=course)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect("training:online_course", course_pk=course.pk)
        return redirect(attempt)


def _answers_from(post):
    """{question id: [option ids]} of a posted test form (fields ``q<question id>``)."""
    answers = {}
    for key in post:
        if key.startswith("q") and key[1:].isdigit():
            answers[int(key[1:])] = [v for v in post.getlist(key) if v.isdigit()][:10]
    return answers


class TestAttemptView(ObjectPermissionMixin, generic.DetailView):
    """An attempt: the test itself while it is open (for its learner), the result after."""

    model = TestAttempt
    queryset = TestAttempt.objects.select_related("employee__user", "course")

    def get_object(self, queryset=None):
        attempt = super().get_object(queryset)
        services.attempt_close_if_due(attempt=attempt)
        return attempt

    def get_template_names(self):
        if self.object.is_open:
            return ["training/online/test.html"]
        return ["training/online/result.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempt = self.object
        own = attempt.employee.user_id == self.request.user.pk
        answers = list(
            attempt.answers.select_related("question").prefetch_related("question__options")
        )
        items = []
        for answer in answers:
            options = {o.pk: o for o in answer.question.options.all()}
            shown = [options[i] for i in answer.option_order if i in options]
            items.append({"answer": answer, "question": answer.question, "options": shown})
        context["items"] = items
        context["own"] = own
        if attempt.is_open:
            if not own:
                raise Http404
            context["seconds_left"] = attempt.seconds_left()
            context["deadline"] = timezone.localtime(attempt.deadline)
        else:
            status = services.test_status(attempt.employee, attempt.course)
            context["status"] = status
            context["wrong"] = [i for i in items if not i["answer"].correct]
        return context


class AttemptAnswerPostView(LearnerMixin, generic.View):
    """Save the answers so far (``save``, JSON) or submit the test (``submit``)."""

    def post(self, request, pk, op):
        attempt = get_object_or_404(
            TestAttempt.objects.visible_to(request.user).select_related("employee__user", "course"),
            pk=pk,
        )
        answers = _answers_from(request.POST)
        if op == "save":
            try:
                services.attempt_save_answers(actor=request.user, attempt=attempt, answers=answers)
            except ValidationError as exc:
                return JsonResponse({"ok": False, "error": error_text(exc)}, status=409)
            return JsonResponse({"ok": True, "seconds_left": attempt.seconds_left()})
        if op != "submit":
            raise Http404
        try:
            services.attempt_submit(actor=request.user, attempt=attempt, answers=answers)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return HttpResponseRedirect(attempt.get_absolute_url())
