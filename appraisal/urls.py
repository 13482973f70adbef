"""Appraisal URLs."""

from django.urls import path

from core.routing import object_urls

from .views import appraisals, followups, rounds, templates

app_name = "appraisal"

urlpatterns = [
    path("mine/", appraisals.MyAppraisalsView.as_view(), name="my_appraisals"),
    path("team/", appraisals.TeamAppraisalsView.as_view(), name="team_appraisals"),
    *object_urls(
        "appraisal",
        "appraisals",
        list=appraisals.AppraisalListView,
        detail=appraisals.AppraisalDetailView,
        history=appraisals.AppraisalHistoryView,
    ),
    path("appraisals/<int:pk>/pdf/", appraisals.AppraisalPdfView.as_view(), name="appraisal_pdf"),
    path(
        "appraisals/<int:pk>/step/<slug:step>/",
        appraisals.AppraisalStepView.as_view(),
        name="appraisal_step",
    ),
    path(
        "appraisals/<int:pk>/improvement-plan/",
        followups.ImprovementPlanCreateView.as_view(),
        name="appraisal_improvement_plan",
    ),
    path(
        "appraisals/<int:pk>/training-plan/",
        followups.TrainingPlanView.as_view(),
        name="appraisal_training_plan",
    ),
    *object_urls(
        "appraisalround",
        "rounds",
        list=rounds.RoundListView,
        add=rounds.RoundOpenView,
        detail=rounds.RoundDetailView,
        history=rounds.RoundHistoryView,
    ),
    path("rounds/<int:pk>/remind/", rounds.RoundRemindView.as_view(), name="appraisalround_remind"),
    path("rounds/<int:pk>/close/", rounds.RoundCloseView.as_view(), name="appraisalround_close"),
    path(
        "rounds/<int:pk>/calibration/",
        rounds.RoundCalibrationView.as_view(),
        name="appraisalround_calibration",
    ),
    path(
        "rounds/<int:pk>/deadlines/",
        rounds.RoundDeadlinesView.as_view(),
        name="appraisalround_deadlines",
    ),
    path("rounds/<int:pk>/export/", rounds.RoundExportView.as_view(), name="appraisalround_export"),
    *object_urls(
        "appraisaltemplate",
        "templates",
        list=templates.TemplateListView,
        add=templates.TemplateEditView,
        detail=templates.TemplateDetailView,
        edit=templates.TemplateEditView,
        history=templates.TemplateHistoryView,
    ),
    path(
        "templates/<int:template>/items/add/",
        templates.TemplateItemEditView.as_view(),
        name="templateitem_add",
    ),
    path(
        "items/<int:pk>/edit/", templates.TemplateItemEditView.as_view(), name="templateitem_edit"
    ),
    path(
        "items/<int:pk>/delete/",
        templates.TemplateItemDeleteView.as_view(),
        name="templateitem_delete",
    ),
    path(
        "employees/<int:pk>/results/",
        followups.EmployeeResultsView.as_view(),
        name="employee_results",
    ),
    path(
        "promotion-candidates/",
        followups.PromotionCandidatesView.as_view(),
        name="promotion_candidates",
    ),
    *object_urls(
        "improvementplan",
        "improvement-plans",
        list=followups.ImprovementPlanListView,
        detail=followups.ImprovementPlanDetailView,
        edit=followups.ImprovementPlanEditView,
        history=followups.ImprovementPlanHistoryView,
    ),
]
