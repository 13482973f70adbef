"""The customer import: the upload, the template and the report."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from core import exports
from core.jobs import queue_tracked, run_start, tracked_run
from core.models import TaskRun
from core.services import export_log
from core.views.generic import ObjectPermissionMixin

from .. import imports, services, tasks
from ..forms import ImportForm
from ..models import Customer

IMPORT_RUN_NAME = "customer_import"


def _sync_limit():
    return getattr(settings, "CUSTOMER_IMPORT_SYNC_ROWS", 300)


class CustomerImportView(ObjectPermissionMixin, generic.FormView):
    """Upload a filled-in template: small files are imported at once, large ones as a job."""

    model = Customer
    form_class = ImportForm
    template_name = "customers/customer_import.html"

    def get_required_permission(self):
        return "customers.import_customer"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        user = self.request.user
        sheet = imports.read_sheet(upload)
        run = run_start(name=IMPORT_RUN_NAME, user=user, key=upload.name)
        if len(sheet.rows) > _sync_limit() and not sheet.file_errors:
            upload.seek(0)
            path = default_storage.save(
                f"customers/imports/{run.pk}.xlsx", ContentFile(upload.read())
            )
            run.result = {"upload": path}
            run.save(update_fields=["result"])
            queue_tracked(tasks.import_customers, run=run)
            messages.info(self.request, _("The file is large: it is imported in the background."))
            return redirect(run)
        with tracked_run(None, run_id=run.pk) as tracked:
            result = services.customer_import_run(run=tracked, sheet=sheet)
        run.refresh_from_db()
        errors = [(number, msgs) for number, msgs in sorted(result.errors.items())]
        if result.ok:
            messages.success(self.request, run.get_message_display())
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(user=user), run=run, result=result, errors=errors[:100]
            )
        )


class CustomerImportTemplateView(ObjectPermissionMixin, generic.View):
    """The import template: Chinese headers, instructions, drop-down lists."""

    model = Customer

    def get_required_permission(self):
        return "customers.import_customer"

    def get(self, request):
        out = io.BytesIO()
        imports.build_template(out, user=request.user)
        response = HttpResponse(out.getvalue(), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, "customer-import-template.xlsx")


class CustomerImportReportView(ObjectPermissionMixin, generic.View):
    """The error report of one of the user's own imports."""

    model = Customer

    def get_required_permission(self):
        return "customers.import_customer"

    def get(self, request, pk):
        runs = TaskRun.objects.filter(name=IMPORT_RUN_NAME)
        if not request.user.is_superuser:
            runs = runs.filter(user=request.user)
        run = get_object_or_404(runs, pk=pk)
        path = (run.result or {}).get("report")
        if not path or not default_storage.exists(path):
            raise Http404
        export_log(
            user=request.user,
            what=_("Customer import: error report"),
            file_format="xlsx",
            row_count=(run.result or {}).get("total", 0),
            filters={"run": run.pk},
            request=request,
        )
        response = FileResponse(default_storage.open(path, "rb"), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, f"customer-import-errors-{run.pk}.xlsx")
