"""The report archive's table: period, scope, status (with the error of a failed run),
when and for whom it was generated, the two files, and a retry for those allowed."""

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, DateTimeColumn

from .models import ReportSnapshot


class ReportSnapshotTable(BaseTable):
    period_start = tables.Column(verbose_name=_("Period"), linkify=True, order_by=("period_start",))
    period_kind = tables.Column(verbose_name=_("Kind"))
    scope_label = tables.Column(verbose_name=_("Scope"))
    status = tables.Column(verbose_name=_("Status"))
    generated_at = DateTimeColumn(verbose_name=_("Generated"))
    generated_by = tables.Column(verbose_name=_("Requested by"), empty_values=())
    files = tables.Column(verbose_name=_("Files"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = ReportSnapshot
        fields = (
            "period_start",
            "period_kind",
            "scope_label",
            "status",
            "generated_at",
            "generated_by",
            "files",
        )
        row_attrs = {
            "data-status": lambda record: record.status,
            "id": lambda record: f"report-{record.pk}",
        }

    def __init__(self, *args, retry_scopes=(), **kwargs):
        self.retry_scopes = set(retry_scopes)
        super().__init__(*args, **kwargs)

    def render_period_start(self, record):
        return record.period_label

    def value_period_start(self, record):
        return record.period_label

    def render_generated_by(self, record):
        if record.scheduled:
            return _("Scheduled")
        return record.generated_by or "—"

    def value_generated_by(self, record):
        return str(self.render_generated_by(record))

    def render_status(self, value, record):
        colour = ReportSnapshot.STATUS_COLOURS.get(record.status, "secondary")
        badge = format_html('<span class="badge text-bg-{}">{}</span>', colour, value)
        if record.status == ReportSnapshot.Status.FAILED and record.error:
            return format_html(
                '{} <div class="small text-danger report-error">{}</div>',
                badge,
                record.error_summary,
            )
        return badge

    def value_status(self, value, record):
        return str(value)

    def render_files(self, record):
        parts = []
        if record.is_ready:
            for fmt, icon, label in (
                ("xlsx", "file-earmark-excel", "Excel"),
                ("pdf", "file-earmark-pdf", "PDF"),
            ):
                parts.append(
                    format_html(
                        '<a class="btn btn-sm btn-outline-secondary py-0 download-{}" href="{}">'
                        '<i class="bi bi-{}"></i> {}</a>',
                        fmt,
                        reverse("reports:reportsnapshot_download", args=[record.pk, fmt]),
                        icon,
                        label,
                    )
                )
        if record.status == ReportSnapshot.Status.FAILED and record.scope_key in self.retry_scopes:
            request = getattr(self, "request", None)
            token = get_token(request) if request is not None else ""
            parts.append(
                format_html(
                    '<form method="post" action="{}" class="d-inline retry-form">'
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                    '<button class="btn btn-sm btn-outline-danger py-0" type="submit">'
                    '<i class="bi bi-arrow-clockwise"></i> {}</button></form>',
                    reverse("reports:reportsnapshot_retry", args=[record.pk]),
                    token,
                    _("Retry"),
                )
            )
        return format_html(" ".join(["{}"] * len(parts)), *parts) if parts else "—"

    def value_files(self, record):
        return ""
