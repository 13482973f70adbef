from django.urls import path

from core.routing import object_urls

from . import views

app_name = "aftersales"

urlpatterns = [
    *object_urls(
        "followup",
        "follow-ups",
        list=views.FollowUpListView,
        add=views.FollowUpCreateView,
        detail=views.FollowUpDetailView,
        history=views.FollowUpHistoryView,
        timeline=views.FollowUpTimelineView,
    ),
    path(
        "follow-ups/<int:pk>/attempt/",
        views.FollowUpAttemptView.as_view(),
        name="followup_attempt",
    ),
    path("follow-ups/<int:pk>/cancel/", views.FollowUpCancelView.as_view(), name="followup_cancel"),
    *object_urls(
        "claim",
        "claims",
        list=views.ClaimListView,
        add=views.ClaimCreateView,
        detail=views.ClaimDetailView,
        edit=views.ClaimEditView,
        history=views.ClaimHistoryView,
        timeline=views.ClaimTimelineView,
    ),
    path("claims/<int:pk>/documents/", views.ClaimDocumentsView.as_view(), name="claim_documents"),
    path(
        "claims/<int:pk>/documents/upload/",
        views.ClaimDocumentUploadView.as_view(),
        name="claim_document_upload",
    ),
    path(
        "claims/<int:pk>/documents/<int:doc_pk>/check/",
        views.ClaimDocumentCheckView.as_view(),
        name="claim_document_check",
    ),
    path(
        "claim-documents/<int:pk>/file/",
        views.ClaimDocumentFileView.as_view(),
        name="claim_document_file",
    ),
    path("claims/<int:pk>/updates/", views.ClaimUpdatesView.as_view(), name="claim_updates"),
    path("claims/<int:pk>/step/<str:step>/", views.ClaimStepView.as_view(), name="claim_step"),
    *object_urls(
        "claimrequireddocument",
        "claim-checklist",
        list=views.ClaimRequiredDocumentListView,
        add=views.ClaimRequiredDocumentEditView,
        edit=views.ClaimRequiredDocumentEditView,
        delete=views.ClaimRequiredDocumentDeleteView,
    ),
    *object_urls(
        "complaint",
        "complaints",
        list=views.ComplaintListView,
        add=views.ComplaintCreateView,
        detail=views.ComplaintDetailView,
        history=views.ComplaintHistoryView,
        timeline=views.ComplaintTimelineView,
    ),
    path(
        "complaints/<int:pk>/step/<str:step>/",
        views.ComplaintStepView.as_view(),
        name="complaint_step",
    ),
    *object_urls(
        "servicerequest",
        "service-requests",
        list=views.ServiceRequestListView,
        add=views.ServiceRequestCreateView,
        detail=views.ServiceRequestDetailView,
        history=views.ServiceRequestHistoryView,
        timeline=views.ServiceRequestTimelineView,
    ),
    path(
        "service-requests/<int:pk>/step/<str:step>/",
        views.ServiceRequestStepView.as_view(),
        name="servicerequest_step",
    ),
    path(
        "service-documents/<int:pk>/file/",
        views.ServiceRequestDocumentFileView.as_view(),
        name="servicerequest_document_file",
    ),
    *object_urls(
        "renewal",
        "renewals",
        list=views.RenewalListView,
        detail=views.RenewalDetailView,
        history=views.RenewalHistoryView,
        timeline=views.RenewalTimelineView,
    ),
    path("renewals/<int:pk>/outcome/", views.RenewalOutcomeView.as_view(), name="renewal_outcome"),
    path("policy-files/", views.PolicyFileListView.as_view(), name="policyfile_list"),
]
