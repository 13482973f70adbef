"""Exports with clear sensitive values (ID numbers, mobiles, bank accounts).

A list's ordinary export is masked for everyone. An export with the clear values needs the
right to see them (the model's ``sensitive_permission``), a stated purpose, and, above the
configured row count, the approval of the requester's supervisor first: the request waits in
the supervisor's My work; approved, the file is built by a tracked job, stored unstamped,
and the requester downloads it stamped for them. Every download is in the export log with
its purpose.
"""

import json
import tempfile

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from . import jobs, params, sensitive, stamping
from .history import may_unmask
from .i18n import Text
from .models import ExportRequest, Notification
from .permissions import get_profile
from .services import audit_event, export_log, notify, save_checked

APPROVAL_ROWS = params.define(
    "core.clear_export_approval_rows",
    200,
    gettext_lazy("Rows of a clear export that need approval"),
    gettext_lazy(
        "A list export with clear ID numbers, mobiles or accounts of more rows than this "
        "waits for the requester's supervisor to approve it, then runs as a background job."
    ),
    group="core",
    kind=params.NUMBER,
)
APPROVE_PERM = "core.approve_exportrequest"


def _export_run_scope(run):
    """Which list a clear-export run builds, and for whom."""
    pk = run.key.partition(":")[2] if run.key.startswith("export-request:") else None
    found = ExportRequest.objects.filter(pk=pk).select_related("requester") if pk else None
    request = found.first() if found is not None else None
    if request is None:
        return ""
    return _("%(what)s, for %(who)s") % {
        "what": request.what,
        "who": request.requester.display_name,
    }


jobs.describe("clear_export", gettext_lazy("Export with clear values"), scope=_export_run_scope)


def needs_approval(row_count):
    return row_count > int(params.get(APPROVAL_ROWS.key))


def approvers_for(user):
    """Who may approve ``user``'s clear export: whoever holds the approval right and leads
    the requester's team (its supervisor), never the requester."""
    team = get_profile(user).own_team_id
    if team is None:
        return []
    app_label, codename = APPROVE_PERM.split(".")
    holders = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            )
            | Q(user_permissions__codename=codename)
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("pk")
    )
    return [u for u in holders if team in get_profile(u).led_team_ids]


@transaction.atomic
def export_request_create(*, actor, view, list_path, what, query, filters_shown, purpose, rows):
    """Ask the requester's supervisor to approve a clear export of ``rows`` rows."""
    approvers = approvers_for(actor)
    if not approvers:
        raise ValidationError(
            _(
                "Nobody leads your team to approve this export: narrow the filters to at most "
                "%(rows)s rows, or ask an administrator."
            )
            % {"rows": params.get(APPROVAL_ROWS.key)}
        )
    shown, digests = sensitive.redact(filters_shown)
    request = ExportRequest(
        requester=actor,
        approver=approvers[0],
        what=str(what)[:200],
        view=view,
        list_path=list_path[:300],
        query=json.dumps(query, ensure_ascii=False),
        filters_shown=shown[:1000],
        search_digests=sensitive.digests_text(digests),
        purpose=purpose,
        row_count=rows,
    )
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="clear_export_requested",
        target=request,
        message=Text(
            gettext_noop("Clear export requested: %(what)s, %(rows)s rows"),
            {"what": what, "rows": rows},
        ),
    )
    notify(
        recipient=request.approver,
        title=Text(gettext_noop("A clear export waits for your approval")),
        body=Text(
            gettext_noop("%(who)s: %(what)s, %(rows)s rows. Purpose: %(purpose)s"),
            {"who": actor.display_name, "what": what, "rows": rows, "purpose": purpose},
        ),
        url=request.get_absolute_url(),
        level=Notification.Level.WARNING,
        dedupe_key=f"export-request:{request.pk}",
    )
    return request


def _check_decider(actor, request):
    if not actor.has_perm(APPROVE_PERM) or (
        actor.pk != request.approver_id and not actor.is_superuser
    ):
        raise PermissionDenied
    if actor.pk == request.requester_id:
        raise PermissionDenied
    if request.status != ExportRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))


@transaction.atomic
def export_request_approve(*, actor, request, note=""):
    """Approve a clear export: the file is built by a tracked job for the requester."""
    request = ExportRequest.objects.select_for_update().get(pk=request.pk)
    _check_decider(actor, request)
    from .tasks import build_clear_export

    request.status = ExportRequest.Status.APPROVED
    request.decided_at = timezone.now()
    request.decision_note = note
    request.run = jobs.run_start(
        name="clear_export", user=request.requester, key=f"export-request:{request.pk}"
    )
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="clear_export_approved",
        target=request,
        message=Text(gettext_noop("Clear export approved: %(what)s"), {"what": request.what}),
    )
    jobs.queue_tracked(build_clear_export, request.pk, run=request.run)
    return request


@transaction.atomic
def export_request_reject(*, actor, request, note):
    """Refuse a clear export, saying why; the requester is told."""
    request = ExportRequest.objects.select_for_update().get(pk=request.pk)
    _check_decider(actor, request)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the export is refused.")})
    request.status = ExportRequest.Status.REJECTED
    request.decided_at = timezone.now()
    request.decision_note = note
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="clear_export_rejected",
        target=request,
        message=Text(gettext_noop("Clear export refused: %(what)s"), {"what": request.what}),
    )
    notify(
        recipient=request.requester,
        title=Text(gettext_noop("Your clear export was refused")),
        body=note,
        url=request.get_absolute_url(),
        level=Notification.Level.WARNING,
        dedupe_key=f"export-request-rejected:{request.pk}",
    )
    return request


def _list_view(request):
    """The list view of ``request`` set up for its requester and query, as the page was."""
    http = HttpRequest()
    http.method = "GET"
    http.path = http.path_info = request.list_path
    query = QueryDict(mutable=True)
    for key, value in json.loads(request.query or "{}").items():
        query.setlist(key, value.split(",") if isinstance(value, str) else list(value))
    http.GET = query
    http.user = request.requester
    view = import_string(request.view)()
    view.setup(http)
    return view


def export_request_build(*, request_id, run=None):
    """Build the approved file (unstamped) and tell the requester; safe to run twice."""
    request = ExportRequest.objects.select_related("requester").get(pk=request_id)
    if request.status == ExportRequest.Status.DONE and request.file:
        return request
    if request.status != ExportRequest.Status.APPROVED:
        raise ValidationError(_("This export has not been approved."))
    view = _list_view(request)
    if not view.can_export_clear():
        raise PermissionDenied(_("The requester may no longer export these values."))
    parts = view.export_parts(clear=True)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    from .exports import write_workbook

    rows = write_workbook(
        out,
        parts["sheets"],
        user=request.requester,
        title=str(parts["what"]),
        filters=parts["filter_labels"],
        stamped=False,
    )
    out.seek(0)
    with transaction.atomic():
        locked = ExportRequest.objects.select_for_update().get(pk=request.pk)
        locked.file.save(f"export-{locked.pk}.xlsx", File(out), save=False)
        locked.row_count = rows
        locked.status = ExportRequest.Status.DONE
        save_checked(locked, locked.approver)
    out.close()
    download = reverse("core:exportrequest_download", args=[locked.pk])
    if run is not None:
        run.result = {
            "url": download,
            "files": [jobs.download("xlsx", f"export-{locked.pk}.xlsx", download)],
        }
        run.message = Text(
            gettext_noop("%(rows)s rows exported: %(what)s"), {"rows": rows, "what": locked.what}
        )
    notify(
        recipient=locked.requester,
        title=Text(gettext_noop("Your clear export is ready: %(what)s"), {"what": locked.what}),
        body=Text(
            gettext_noop("%(rows)s rows, approved by %(who)s."),
            {"rows": rows, "who": locked.approver.display_name},
        ),
        url=locked.get_absolute_url(),
        level=Notification.Level.SUCCESS,
        dedupe_key=f"export-request-ready:{locked.pk}",
    )
    return locked


def export_request_download(*, request, user, http_request=None):
    """The built file stamped for its requester (nobody else downloads it); logged."""
    if user.pk != request.requester_id:
        raise PermissionDenied
    if request.status != ExportRequest.Status.DONE or not request.file:
        raise ValidationError(_("This export has no file yet."))
    if not may_unmask(user, import_string(request.view).model):
        raise PermissionDenied
    with request.file.open("rb") as original:
        handle = stamping.stamp_file(original, "xlsx", user=user)
    export_log(
        user=user,
        what=request.what,
        file_format="xlsx",
        row_count=request.row_count,
        filters=json.loads(request.query or "{}"),
        filter_labels=[(_("Filters"), request.filters_shown)] if request.filters_shown else None,
        request=http_request,
        clear_values=True,
        purpose=request.purpose,
    )
    return handle


def pending_approvals(user):
    """My work: the clear exports waiting for this supervisor's approval (one query)."""
    from .mywork import WorkItem

    if not user.has_perm(APPROVE_PERM):
        return []
    count = ExportRequest.objects.filter(approver=user, status=ExportRequest.Status.PENDING).count()
    return [
        WorkItem(
            _("Clear exports to approve"),
            count,
            reverse("core:exportrequest_list") + "?status=pending",
            level="warning",
        )
    ]
