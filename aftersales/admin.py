from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Claim, ClaimRequiredDocument, Complaint, FollowUp, Renewal, ServiceRequest


@admin.register(ClaimRequiredDocument)
class ClaimRequiredDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("claim_type", "kind", "active")
    list_filter = ("claim_type", "active")


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "policy", "kind", "due_date", "status", "attempts", "satisfaction")
    list_filter = ("status", "kind")
    raw_id_fields = ("policy", "customer", "sales_task", "complaint")


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "policy", "claim_type", "status", "reported_on", "amount_claimed")
    list_filter = ("status", "claim_type")
    raw_id_fields = ("policy", "customer")


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "customer", "subject", "severity", "status", "resolve_by")
    list_filter = ("status", "severity")
    raw_id_fields = ("customer", "policy", "claim")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "policy", "kind", "status", "requested_on")
    list_filter = ("status", "kind")
    raw_id_fields = ("policy", "customer")
    exclude = ("before", "after")


@admin.register(Renewal)
class RenewalAdmin(SimpleHistoryAdmin):
    list_display = ("policy", "kind", "due_date", "outcome")
    list_filter = ("kind", "outcome")
    raw_id_fields = ("policy", "customer", "premium")
