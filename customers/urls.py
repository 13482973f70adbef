from django.urls import path

from core.routing import object_urls

from . import views

app_name = "customers"

urlpatterns = [
    path("customers/duplicates/", views.customer_duplicates, name="customer_duplicates"),
    *object_urls(
        "customer",
        "customers",
        list=views.CustomerListView,
        add=views.CustomerEditView,
        detail=views.CustomerDetailView,
        edit=views.CustomerEditView,
        history=views.CustomerHistoryView,
        timeline=views.CustomerTimelineView,
    ),
    path("customers/<int:pk>/family/", views.CustomerFamilyView.as_view(), name="customer_family"),
    path("customers/<int:pk>/needs/", views.CustomerNeedsView.as_view(), name="customer_needs"),
    path(
        "customers/<int:pk>/attachments/",
        views.CustomerAttachmentsView.as_view(),
        name="customer_attachments",
    ),
    path(
        "customers/<int:pk>/archive/", views.CustomerArchiveView.as_view(), name="customer_archive"
    ),
    path(
        "customers/<int:pk>/restore/", views.CustomerRestoreView.as_view(), name="customer_restore"
    ),
    path(
        "customers/<int:pk>/reassign/",
        views.CustomerReassignView.as_view(),
        name="customer_reassign",
    ),
    path("customers/<int:pk>/share/", views.CustomerShareView.as_view(), name="customer_share"),
    path(
        "customers/<int:pk>/share/<int:user_pk>/revoke/",
        views.CustomerRevokeView.as_view(),
        name="customer_revoke",
    ),
    path("customers/<int:pk>/unmask/", views.CustomerUnmaskView.as_view(), name="customer_unmask"),
    path("customers/<int:pk>/call/", views.CustomerCallView.as_view(), name="customer_call"),
    path(
        "family/<int:pk>/unmask/",
        views.FamilyMemberUnmaskView.as_view(),
        name="familymember_unmask",
    ),
    # records inside a file
    path(
        "customers/<int:customer_pk>/family/add/",
        views.FamilyMemberEditView.as_view(),
        name="familymember_add",
    ),
    path("family/<int:pk>/edit/", views.FamilyMemberEditView.as_view(), name="familymember_edit"),
    path(
        "family/<int:pk>/delete/",
        views.FamilyMemberDeleteView.as_view(),
        name="familymember_delete",
    ),
    path(
        "customers/<int:customer_pk>/needs/add/",
        views.CustomerNeedEditView.as_view(),
        name="customerneed_add",
    ),
    path("needs/<int:pk>/edit/", views.CustomerNeedEditView.as_view(), name="customerneed_edit"),
    path(
        "needs/<int:pk>/delete/", views.CustomerNeedDeleteView.as_view(), name="customerneed_delete"
    ),
    path(
        "customers/<int:customer_pk>/cover/add/",
        views.ExistingCoverEditView.as_view(),
        name="existingcover_add",
    ),
    path("cover/<int:pk>/edit/", views.ExistingCoverEditView.as_view(), name="existingcover_edit"),
    path(
        "cover/<int:pk>/delete/",
        views.ExistingCoverDeleteView.as_view(),
        name="existingcover_delete",
    ),
    path(
        "customers/<int:customer_pk>/attachments/add/",
        views.AttachmentAddView.as_view(),
        name="customerattachment_add",
    ),
    path(
        "attachments/<int:pk>/download/",
        views.AttachmentDownloadView.as_view(),
        name="customerattachment_download",
    ),
    path(
        "attachments/<int:pk>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="customerattachment_delete",
    ),
    # search, import, tags
    path("search/", views.customer_search, name="customer_search"),
    path("imports/", views.CustomerImportView.as_view(), name="customer_import"),
    path(
        "imports/template/",
        views.CustomerImportTemplateView.as_view(),
        name="customer_import_template",
    ),
    path(
        "imports/<int:pk>/report/",
        views.CustomerImportReportView.as_view(),
        name="customer_import_report",
    ),
    *object_urls(
        "customertag",
        "tags",
        list=views.CustomerTagListView,
        add=views.CustomerTagEditView,
        edit=views.CustomerTagEditView,
    ),
]
