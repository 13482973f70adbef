"""Training URLs: one block per subject."""

app_name = "training"

urlpatterns = []

# --- qualifications, rewards and careers (training.views.qualifications, .careers) ---
from django.urls import path  # noqa: E402

from core.routing import object_urls  # noqa: E402

from .views import careers as career_views  # noqa: E402
from .views import qualifications as qual_views  # noqa: E402

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
