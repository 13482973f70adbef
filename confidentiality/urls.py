"""Confidentiality URLs: agreement texts, agreements, a customer's privacy page, data
requests and breaches."""

from django.urls import path

from core.routing import object_urls

from .views import agreements as views
from .views import exits, retention
from .views import login as login_views
from .views import privacy as privacy_views

app_name = "confidentiality"

urlpatterns = [
    *object_urls(
        "agreementversion",
        "texts",
        list=views.AgreementVersionListView,
        add=views.AgreementVersionEditView,
        detail=views.AgreementVersionDetailView,
        edit=views.AgreementVersionEditView,
        history=views.AgreementVersionHistoryView,
    ),
    path(
        "texts/<int:pk>/document/",
        views.AgreementVersionDocumentView.as_view(),
        name="agreementversion_document",
    ),
    path("agreements/own/", views.MyAgreementView.as_view(), name="my_agreement"),
    path("agreements/unsigned/", views.UnsignedListView.as_view(), name="agreement_unsigned"),
    *object_urls(
        "agreement",
        "agreements",
        list=views.AgreementListView,
        add=views.AgreementCreateView,
        detail=views.AgreementDetailView,
        edit=views.AgreementEditView,
        history=views.AgreementHistoryView,
    ),
    path("agreements/<int:pk>/sign/", views.AgreementSignView.as_view(), name="agreement_sign"),
    path("agreements/<int:pk>/scan/", views.AgreementScanView.as_view(), name="agreement_scan"),
    path("customers/<int:pk>/", views.CustomerPrivacyView.as_view(), name="customer_privacy"),
    path(
        "customers/<int:pk>/consents/add/",
        views.ConsentAddView.as_view(),
        name="consent_add",
    ),
    path(
        "customers/<int:pk>/consents/<int:consent>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "customers/<int:pk>/requests/add/",
        views.DataRequestAddView.as_view(),
        name="datarequest_add",
    ),
    path(
        "customers/<int:pk>/requests/<int:req>/handle/",
        views.DataRequestHandleView.as_view(),
        name="datarequest_handle",
    ),
    path(
        "customers/<int:pk>/export/",
        views.CustomerDataExportView.as_view(),
        name="customer_data_export",
    ),
    *object_urls("customerdatarequest", "requests", list=views.DataRequestListView),
    *object_urls(
        "breach",
        "breaches",
        list=views.BreachListView,
        add=views.BreachCreateView,
        detail=views.BreachDetailView,
        edit=views.BreachEditView,
        history=views.BreachHistoryView,
    ),
    path("breaches/<int:pk>/close/", views.BreachCloseView.as_view(), name="breach_close"),
    # login controls: rules per role, two-factor sign-in
    *object_urls(
        "loginrule",
        "login-rules",
        list=login_views.LoginRuleListView,
        add=login_views.LoginRuleEditView,
        detail=login_views.LoginRuleDetailView,
        edit=login_views.LoginRuleEditView,
        history=login_views.LoginRuleHistoryView,
        delete=login_views.LoginRuleDeleteView,
    ),
    path(
        "two-factor/verify/",
        login_views.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path("two-factor/enrol/", login_views.TwoFactorEnrolView.as_view(), name="two_factor_enrol"),
    path("two-factor/codes/", login_views.TwoFactorCodesView.as_view(), name="two_factor_codes"),
    path("two-factor/", login_views.MySecurityView.as_view(), name="my_security"),
    path("two-factor/users/", login_views.TwoFactorUserListView.as_view(), name="two_factor_users"),
    path(
        "two-factor/users/<int:pk>/reset/",
        login_views.TwoFactorResetView.as_view(),
        name="two_factor_reset",
    ),
    # a customer's data copy as a PDF, a signed consent form
    path(
        "customers/<int:pk>/export/pdf/",
        privacy_views.CustomerDataPdfView.as_view(),
        name="customer_data_export_pdf",
    ),
    path(
        "customers/<int:pk>/consents/<int:consent>/form/",
        privacy_views.ConsentEvidenceView.as_view(),
        name="consent_evidence",
    ),
]

# --- access review and classification (views/review.py) ---------------------------------
from .views import review  # noqa: E402

urlpatterns += [
    *object_urls(
        "accessalert",
        "alerts",
        list=review.AccessAlertListView,
        detail=review.AccessAlertDetailView,
        history=review.AccessAlertHistoryView,
    ),
    path("alerts/<int:pk>/close/", review.AccessAlertCloseView.as_view(), name="accessalert_close"),
    path(
        "customers/<int:pk>/access/",
        review.CustomerAccessView.as_view(),
        name="customer_access",
    ),
    *object_urls(
        "recordclass",
        "classes",
        list=review.RecordClassListView,
        detail=review.RecordClassDetailView,
        history=review.RecordClassHistoryView,
    ),
    path(
        "classes/set/<str:model>/<int:pk>/",
        review.RecordClassSetView.as_view(),
        name="record_classify",
    ),
    # retention and destruction
    *object_urls(
        "retentionrule",
        "retention",
        list=retention.RetentionRuleListView,
        detail=retention.RetentionRuleDetailView,
        edit=retention.RetentionRuleEditView,
        history=retention.RetentionRuleHistoryView,
    ),
    *object_urls(
        "destructioncandidate", "destruction/candidates", list=retention.CandidateListView
    ),
    path("destruction/propose/", retention.ProposeView.as_view(), name="destructionbatch_propose"),
    *object_urls(
        "destructionbatch",
        "destruction/batches",
        list=retention.BatchListView,
        detail=retention.BatchDetailView,
        history=retention.BatchHistoryView,
    ),
    path(
        "destruction/batches/<int:pk>/approve/",
        retention.BatchApproveView.as_view(),
        name="destructionbatch_approve",
    ),
    path(
        "destruction/batches/<int:pk>/reject/",
        retention.BatchRejectView.as_view(),
        name="destructionbatch_reject",
    ),
    path(
        "destruction/batches/<int:pk>/destroy/",
        retention.BatchDestroyView.as_view(),
        name="destructionbatch_destroy",
    ),
    *object_urls("destructionrecord", "destruction/register", list=retention.RecordListView),
    # exit audits
    *object_urls(
        "exitaudit",
        "exits",
        list=exits.ExitAuditListView,
        add=exits.ExitStartView,
        detail=exits.ExitAuditDetailView,
        history=exits.ExitAuditHistoryView,
    ),
    path(
        "exits/<int:pk>/deactivate/",
        exits.ExitDeactivateView.as_view(),
        name="exitaudit_deactivate",
    ),
    path("exits/<int:pk>/revoke/", exits.ExitRevokeView.as_view(), name="exitaudit_revoke"),
    path("exits/<int:pk>/handover/", exits.ExitHandOverView.as_view(), name="exitaudit_handover"),
    path("exits/<int:pk>/items/add/", exits.ExitItemAddView.as_view(), name="exitaudit_item_add"),
    path(
        "exits/<int:pk>/items/<int:item>/return/",
        exits.ExitItemReturnView.as_view(),
        name="exitaudit_item_return",
    ),
    path("exits/<int:pk>/reminder/", exits.ExitReminderView.as_view(), name="exitaudit_reminder"),
    path(
        "exits/<int:pk>/reminder/scan/",
        exits.ExitReminderScanView.as_view(),
        name="exitaudit_reminder_scan",
    ),
    path("exits/<int:pk>/review/", exits.ExitReviewView.as_view(), name="exitaudit_review"),
    path("exits/<int:pk>/close/", exits.ExitCloseView.as_view(), name="exitaudit_close"),
    path("exits/<int:pk>/report/", exits.ExitReportView.as_view(), name="exitaudit_report"),
]
