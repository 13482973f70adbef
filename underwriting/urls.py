from django.urls import path

from core.routing import object_urls

from . import views

app_name = "underwriting"

urlpatterns = [
    *object_urls(
        "application",
        "applications",
        list=views.ApplicationListView,
        add=views.ApplicationCreateView,
        detail=views.ApplicationDetailView,
        edit=views.ApplicationEditView,
        history=views.ApplicationHistoryView,
        timeline=views.ApplicationTimelineView,
    ),
    path(
        "applications/<int:pk>/beneficiaries/",
        views.ApplicationBeneficiariesView.as_view(),
        name="application_beneficiaries",
    ),
    path(
        "applications/<int:pk>/documents/",
        views.ApplicationDocumentsView.as_view(),
        name="application_documents",
    ),
    path(
        "applications/<int:pk>/documents/upload/",
        views.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        "applications/<int:pk>/documents/<int:doc_pk>/check/",
        views.DocumentCheckView.as_view(),
        name="document_check",
    ),
    path("documents/<int:pk>/file/", views.DocumentFileView.as_view(), name="document_file"),
    path(
        "applications/<int:pk>/communications/",
        views.ApplicationCommunicationsView.as_view(),
        name="application_communications",
    ),
    path(
        "applications/<int:pk>/step/<str:step>/",
        views.ApplicationStepView.as_view(),
        name="application_step",
    ),
    path(
        "applications/<int:pk>/issue/<int:line_pk>/",
        views.PolicyIssueView.as_view(),
        name="policy_issue",
    ),
    *object_urls(
        "policy",
        "policies",
        list=views.PolicyListView,
        detail=views.PolicyDetailView,
        history=views.PolicyHistoryView,
        timeline=views.PolicyTimelineView,
    ),
    path("policies/<int:pk>/premiums/", views.PolicyPremiumsView.as_view(), name="policy_premiums"),
    path(
        "policies/<int:pk>/documents/",
        views.PolicyDocumentsView.as_view(),
        name="policy_documents",
    ),
    path(
        "policies/<int:pk>/communications/",
        views.PolicyCommunicationsView.as_view(),
        name="policy_communications",
    ),
    path("policies/<int:pk>/deliver/", views.PolicyDeliverView.as_view(), name="policy_deliver"),
    path("policies/<int:pk>/cancel/", views.PolicyCancelView.as_view(), name="policy_cancel"),
    path("policies/<int:pk>/receipt/", views.PolicyReceiptView.as_view(), name="policy_receipt"),
    path(
        "policies/<int:pk>/premiums/<int:premium_pk>/pay/",
        views.PremiumPayView.as_view(),
        name="premium_pay",
    ),
    *object_urls(
        "requireddocument",
        "checklist",
        list=views.RequiredDocumentListView,
        add=views.RequiredDocumentEditView,
        edit=views.RequiredDocumentEditView,
        delete=views.RequiredDocumentDeleteView,
    ),
]
