"""Training URLs: one block per subject."""

from django.urls import path

from core.routing import object_urls

from .views import careers as career_views
from .views import catalogue, external, file, online, plans, reports, sessions
from .views import qualifications as qual_views

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

# --- online learning ------------------------------------------------------------------------
urlpatterns += [
    path("online/", online.MyLearningView.as_view(), name="online_learning"),
    path("online/courses/<int:course_pk>/", online.PlayerView.as_view(), name="online_course"),
    path(
        "online/units/<int:unit_pk>/progress/",
        online.ProgressView.as_view(),
        name="online_progress",
    ),
    path(
        "online/courses/<int:course_pk>/test/start/",
        online.TestStartView.as_view(),
        name="online_test_start",
    ),
    path("online/attempts/<int:pk>/", online.TestAttemptView.as_view(), name="testattempt"),
    path(
        "online/attempts/<int:pk>/<str:op>/",
        online.AttemptAnswerPostView.as_view(),
        name="testattempt_answer",
    ),
    path("online/attempts/", online.TestAttemptListView.as_view(), name="testattempt_list"),
    *object_urls(
        "learningresource",
        "online/resources",
        list=online.LearningResourceListView,
        add=online.LearningResourceEditView,
        edit=online.LearningResourceEditView,
    ),
    path(
        "online/resources/<int:pk>/file/",
        online.LearningResourceFileView.as_view(),
        name="learningresource_file",
    ),
    path("online/manage/", online.OnlineCourseListView.as_view(), name="onlinecourse_list"),
    path(
        "online/manage/<int:course_pk>/units/",
        online.CourseUnitListView.as_view(),
        name="courseunit_list",
    ),
    path(
        "online/manage/<int:course_pk>/units/add/",
        online.CourseUnitEditView.as_view(),
        name="courseunit_add",
    ),
    path(
        "online/units/<int:pk>/edit/", online.CourseUnitEditView.as_view(), name="courseunit_edit"
    ),
    path(
        "online/units/<int:pk>/<str:op>/",
        online.CourseUnitPostView.as_view(),
        name="courseunit_action",
    ),
    path(
        "online/manage/<int:course_pk>/test-settings/",
        online.OnlineTestEditView.as_view(),
        name="onlinetest_edit",
    ),
    path(
        "online/manage/<int:course_pk>/results/",
        online.CourseResultsView.as_view(),
        name="online_results",
    ),
    path("online/questions/", online.QuestionListView.as_view(), name="question_list"),
    path(
        "online/manage/<int:course_pk>/questions/add/",
        online.QuestionEditView.as_view(),
        name="question_add",
    ),
    path(
        "online/questions/<int:pk>/edit/", online.QuestionEditView.as_view(), name="question_edit"
    ),
    path(
        "online/manage/<int:course_pk>/questions/import/",
        online.QuestionImportView.as_view(),
        name="question_import",
    ),
    path(
        "online/manage/<int:course_pk>/questions/template/",
        online.QuestionImportTemplateView.as_view(),
        name="question_import_template",
    ),
]

# --- qualifications, rewards and careers (training.views.qualifications, .careers) ---
urlpatterns += [
    *object_urls(
        "qualificationkind",
        "qualifications",
        list=qual_views.QualificationKindListView,
        add=qual_views.QualificationKindEditView,
        edit=qual_views.QualificationKindEditView,
    ),
    *object_urls(
        "certificate",
        "certificates",
        list=qual_views.CertificateListView,
        add=qual_views.CertificateCreateView,
        detail=qual_views.CertificateDetailView,
        edit=qual_views.CertificateEditView,
        history=qual_views.CertificateHistoryView,
    ),
    path(
        "certificates/<int:pk>/evidence/",
        qual_views.CertificateEvidenceView.as_view(),
        name="certificate_evidence",
    ),
    path(
        "certificates/<int:pk>/<slug:step>/",
        qual_views.CertificateStepView.as_view(),
        name="certificate_step",
    ),
    path(
        "certificates/expiries/",
        qual_views.ExpiryReportView.as_view(),
        name="certificate_expiry",
    ),
    path(
        "certificates/expired-licences/",
        qual_views.ExpiredLicenceListView.as_view(),
        name="expired_licence_list",
    ),
    *object_urls("qualificationreward", "rewards", list=qual_views.RewardListView),
    path("rewards/payroll/", qual_views.RewardPayrollView.as_view(), name="reward_payroll"),
    *object_urls(
        "developmentplan",
        "development-plans",
        list=career_views.DevelopmentPlanListView,
        add=career_views.DevelopmentPlanEditView,
        detail=career_views.DevelopmentPlanDetailView,
        edit=career_views.DevelopmentPlanEditView,
        history=career_views.DevelopmentPlanHistoryView,
    ),
    path(
        "development-plans/<int:pk>/<slug:step>/",
        career_views.DevelopmentPlanStepView.as_view(),
        name="developmentplan_step",
    ),
    path(
        "development-plans/readiness/",
        career_views.PromotionReadinessView.as_view(),
        name="promotion_readiness",
    ),
    *object_urls(
        "jobrotation",
        "rotations",
        list=career_views.JobRotationListView,
        add=career_views.JobRotationEditView,
        detail=career_views.JobRotationDetailView,
        edit=career_views.JobRotationEditView,
        history=career_views.JobRotationHistoryView,
    ),
    path(
        "rotations/<int:pk>/evaluate/",
        career_views.JobRotationEvaluateView.as_view(),
        name="jobrotation_evaluate",
    ),
]
