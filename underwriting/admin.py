from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, Policy, RequiredDocument


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("category", "kind", "condition", "active")
    list_filter = ("category", "active")


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "customer", "insurer", "status", "submitted_on")
    list_filter = ("status",)
    raw_id_fields = ("customer", "proposal", "opportunity")
    exclude = ("bank_account",)


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ("policy_number", "insurer", "customer", "status", "effective_date")
    list_filter = ("status", "insurer")
    raw_id_fields = ("customer", "application", "application_line", "proposal", "opportunity")
