"""Training URLs: one block per subject."""

from django.urls import path

from core.routing import object_urls

from .views import catalogue, external, file, plans, reports, sessions

app_name = "training"

urlpatterns = []

# Catalogue, sessions, external courses, the training file, mandatory training, plans and
# reports (training.views.catalogue/sessions/external/file/plans/reports).
urlpatterns += [
    *object_urls(
        "course",
        "courses",
        list=catalogue.CourseListView,
        add=catalogue.CourseEditView,
        detail=catalogue.CourseDetailView,
        edit=catalogue.CourseEditView,
        history=catalogue.CourseHistoryView,
    ),
    path("courses/<int:pk>/rules/", catalogue.CourseRuleSetView.as_view(), name="course_rule_set"),
    path(
        "rules/<int:pk>/delete/",
        catalogue.CourseRuleDeleteView.as_view(),
        name="mandatorytraining_delete",
    ),
    *object_urls(
        "session",
        "sessions",
        list=sessions.SessionListView,
        add=sessions.SessionEditView,
        detail=sessions.SessionDetailView,
        edit=sessions.SessionEditView,
        history=sessions.SessionHistoryView,
    ),
    path("sessions/<int:pk>/enrol/", sessions.SessionEnrolView.as_view(), name="session_enrol"),
    path(
        "sessions/<int:pk>/sign-up/", sessions.SessionSignUpView.as_view(), name="session_sign_up"
    ),
    path(
        "sessions/<int:pk>/results/", sessions.SessionResultsView.as_view(), name="session_results"
    ),
    *object_urls(
        "externalcourse",
        "external",
        list=external.ExternalListView,
        add=external.ExternalCreateView,
        detail=external.ExternalDetailView,
        history=external.ExternalHistoryView,
    ),
    path(
        "external/<int:pk>/<slug:step>/",
        external.ExternalStepView.as_view(),
        name="externalcourse_step",
    ),
    path(
        "external/<int:pk>/evidence/file/",
        external.ExternalEvidenceView.as_view(),
        name="externalcourse_evidence",
    ),
    path("file/", file.MyFileView.as_view(), name="my_file"),
    path("file/<int:pk>/", file.FileView.as_view(), name="file"),
    path("mandatory/", file.MandatoryDueView.as_view(), name="mandatory_due"),
    *object_urls(
        "trainingplan",
        "plans",
        list=plans.PlanListView,
        add=plans.PlanFormView,
        detail=plans.PlanDetailView,
        edit=plans.PlanFormView,
        history=plans.PlanHistoryView,
    ),
    path("reports/hours/", reports.HoursReportView.as_view(), name="report_hours"),
    path("reports/mandatory/", reports.MandatoryReportView.as_view(), name="report_mandatory"),
    path("reports/pass-rates/", reports.PassRateReportView.as_view(), name="report_pass_rates"),
]
