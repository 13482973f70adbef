"""After-sales service (regulation 3(四), 2(二)4): follow-up visits (回訪), claims assistance
(理賠協助), complaints and disputes (投訴與糾紛), policy service requests (保單管理), renewals and
their reminders (續保提醒).

Every record hangs on a customer file (``customer``) and, where it is about one, a policy
(``policy``): whoever sees the file sees its after-sales records, and the reports attribute
them to a salesperson or team through ``customer__owner`` / ``customer__team``.

One module per subject; every model is imported here so Django finds it and
``from aftersales.models import X`` keeps working:

* ``follow_ups``: follow-up visits and their attempts;
* ``claims``: claims, their papers, updates and the papers each kind requires;
* ``complaints``: complaints and their actions;
* ``service_requests``: policy service requests and their documents;
* ``renewals``: renewals and their reminders;
* ``common``: the channel choices and the field settings the others share.
"""

from .claims import (
    CLAIM_COLOURS,
    Claim,
    ClaimDocument,
    ClaimDocumentKind,
    ClaimRequiredDocument,
    ClaimType,
    ClaimUpdate,
    claim_document_path,
)
from .common import MONEY, SATISFACTION, Channel
from .complaints import Complaint, ComplaintAction
from .follow_ups import FollowUp, FollowUpAttempt
from .renewals import Renewal, RenewalReminder
from .service_requests import ServiceRequest, ServiceRequestDocument, service_document_path

__all__ = [
    "CLAIM_COLOURS",
    "Channel",
    "Claim",
    "ClaimDocument",
    "ClaimDocumentKind",
    "ClaimRequiredDocument",
    "ClaimType",
    "ClaimUpdate",
    "Complaint",
    "ComplaintAction",
    "FollowUp",
    "FollowUpAttempt",
    "MONEY",
    "Renewal",
    "RenewalReminder",
    "SATISFACTION",
    "ServiceRequest",
    "ServiceRequestDocument",
    "claim_document_path",
    "service_document_path",
]
