"""Customer pages, one module per subject; every view is re-exported here for
``customers.urls``.

* ``customer_list``: the list and its export;
* ``customers``: one customer file, its tabs and the edit page;
* ``actions``: archive, restore, reassign, share, revoke, unmask, call;
* ``search``: the duplicate check and the quick search;
* ``imports``: the import, its template and its report;
* ``records``: records inside a file: family, needs, cover, attachments;
* ``tags``: customer tags.
"""

from .actions import (
    CustomerArchiveView,
    CustomerCallView,
    CustomerReassignView,
    CustomerRestoreView,
    CustomerRevokeView,
    CustomerShareView,
    CustomerUnmaskView,
    FamilyMemberUnmaskView,
)
from .customer_list import EXPORT_BATCH, CustomerListView
from .customers import (
    CustomerAttachmentsView,
    CustomerDetailView,
    CustomerEditView,
    CustomerFamilyView,
    CustomerHistoryView,
    CustomerNeedsView,
    CustomerPageMixin,
    CustomerTimelineView,
)
from .imports import (
    IMPORT_RUN_NAME,
    CustomerImportReportView,
    CustomerImportTemplateView,
    CustomerImportView,
)
from .records import (
    AttachmentAddView,
    AttachmentDeleteView,
    AttachmentDownloadView,
    ChildDeleteView,
    ChildEditView,
    CustomerNeedDeleteView,
    CustomerNeedEditView,
    ExistingCoverDeleteView,
    ExistingCoverEditView,
    FamilyMemberDeleteView,
    FamilyMemberEditView,
)
from .search import customer_duplicates, customer_search
from .tags import CustomerTagEditView, CustomerTagListView

__all__ = [
    "AttachmentAddView",
    "AttachmentDeleteView",
    "AttachmentDownloadView",
    "ChildDeleteView",
    "ChildEditView",
    "CustomerArchiveView",
    "CustomerCallView",
    "CustomerAttachmentsView",
    "CustomerDetailView",
    "CustomerEditView",
    "CustomerFamilyView",
    "CustomerHistoryView",
    "CustomerImportReportView",
    "CustomerImportTemplateView",
    "CustomerImportView",
    "CustomerListView",
    "CustomerNeedDeleteView",
    "CustomerNeedEditView",
    "CustomerNeedsView",
    "CustomerPageMixin",
    "CustomerReassignView",
    "CustomerRestoreView",
    "CustomerRevokeView",
    "CustomerShareView",
    "CustomerTagEditView",
    "CustomerTagListView",
    "CustomerTimelineView",
    "CustomerUnmaskView",
    "EXPORT_BATCH",
    "ExistingCoverDeleteView",
    "ExistingCoverEditView",
    "FamilyMemberDeleteView",
    "FamilyMemberEditView",
    "FamilyMemberUnmaskView",
    "IMPORT_RUN_NAME",
    "customer_duplicates",
    "customer_search",
]
