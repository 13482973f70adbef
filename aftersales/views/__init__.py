"""The after-sales pages, one module per subject; every view is re-exported here for
``aftersales.urls``.

* ``follow_ups``: follow-ups with their attempts;
* ``claims``: claims with their papers, steps and updates, and the required-document list;
* ``complaints``: complaints with their actions;
* ``service_requests``: service requests and their documents;
* ``renewals``: the renewal worklist;
* ``policy_files``: the incomplete policy files;
* ``common``: the tabs and the form and POST page bases the others share.
"""

from .claims import (
    STEP_FORMS,
    ClaimCreateView,
    ClaimDetailView,
    ClaimDocumentCheckView,
    ClaimDocumentFileView,
    ClaimDocumentsView,
    ClaimDocumentUploadView,
    ClaimEditView,
    ClaimHistoryView,
    ClaimListView,
    ClaimPageMixin,
    ClaimRequiredDocumentDeleteView,
    ClaimRequiredDocumentEditView,
    ClaimRequiredDocumentListView,
    ClaimStepView,
    ClaimTimelineView,
    ClaimUpdatesView,
    claim_actions,
)
from .complaints import (
    COMPLAINT_FORMS,
    ComplaintCreateView,
    ComplaintDetailView,
    ComplaintHistoryView,
    ComplaintListView,
    ComplaintPageMixin,
    ComplaintStepView,
    ComplaintTimelineView,
    complaint_actions,
)
from .follow_ups import (
    FollowUpAttemptView,
    FollowUpCancelView,
    FollowUpCreateView,
    FollowUpDetailView,
    FollowUpHistoryView,
    FollowUpListView,
    FollowUpPageMixin,
    FollowUpTimelineView,
    follow_up_actions,
)
from .policy_files import PolicyFileListView
from .renewals import (
    RenewalDetailView,
    RenewalHistoryView,
    RenewalListView,
    RenewalOutcomeView,
    RenewalPageMixin,
    RenewalTimelineView,
)
from .service_requests import (
    REQUEST_FORMS,
    ServiceRequestCreateView,
    ServiceRequestDetailView,
    ServiceRequestDocumentFileView,
    ServiceRequestHistoryView,
    ServiceRequestListView,
    ServiceRequestPageMixin,
    ServiceRequestStepView,
    ServiceRequestTimelineView,
    request_actions,
)

__all__ = [
    "COMPLAINT_FORMS",
    "ClaimCreateView",
    "ClaimDetailView",
    "ClaimDocumentCheckView",
    "ClaimDocumentFileView",
    "ClaimDocumentUploadView",
    "ClaimDocumentsView",
    "ClaimEditView",
    "ClaimHistoryView",
    "ClaimListView",
    "ClaimPageMixin",
    "ClaimRequiredDocumentDeleteView",
    "ClaimRequiredDocumentEditView",
    "ClaimRequiredDocumentListView",
    "ClaimStepView",
    "ClaimTimelineView",
    "ClaimUpdatesView",
    "ComplaintCreateView",
    "ComplaintDetailView",
    "ComplaintHistoryView",
    "ComplaintListView",
    "ComplaintPageMixin",
    "ComplaintStepView",
    "ComplaintTimelineView",
    "FollowUpAttemptView",
    "FollowUpCancelView",
    "FollowUpCreateView",
    "FollowUpDetailView",
    "FollowUpHistoryView",
    "FollowUpListView",
    "FollowUpPageMixin",
    "FollowUpTimelineView",
    "PolicyFileListView",
    "REQUEST_FORMS",
    "RenewalDetailView",
    "RenewalHistoryView",
    "RenewalListView",
    "RenewalOutcomeView",
    "RenewalPageMixin",
    "RenewalTimelineView",
    "STEP_FORMS",
    "ServiceRequestCreateView",
    "ServiceRequestDetailView",
    "ServiceRequestDocumentFileView",
    "ServiceRequestHistoryView",
    "ServiceRequestListView",
    "ServiceRequestPageMixin",
    "ServiceRequestStepView",
    "ServiceRequestTimelineView",
    "claim_actions",
    "complaint_actions",
    "follow_up_actions",
    "request_actions",
]
