"""The report archive in Django's admin: read-only (a report is regenerated from the app,
never edited by hand)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import ReportSnapshot


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("scope_label", "period_kind", "period_start", "status", "generated_at")
    list_filter = ("status", "period_kind", "scheduled")
    search_fields = ("scope_label",)
