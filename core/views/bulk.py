"""The bulk-action pages (core.bulk): the confirmation "N records will be …" with the
action's parameters, then the result (done and refused rows), or the tracked job's page for
a large selection, or the selection's Excel file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import bulk, jobs
from core.savedviews import clean_query
from core.views.generic import add_validation_error


def _back(list_name, query):
    return HttpResponseRedirect(bulk.list_view_url(list_name, query))


@login_required
@require_POST
def bulk_action(request, list_name):
    """POST from a list's bulk bar: confirm first (``step`` empty), then run (``step=run``)."""
    if list_name not in bulk.registered_lists():
        raise Http404
    post = request.POST
    query = clean_query(post.get("query", ""))[:2000]
    view = bulk.list_view(list_name, request.user, query, base_request=request)
    if not request.user.has_perm(view.get_required_permission()):
        raise PermissionDenied
    action = bulk.get_action(list_name, post.get("action", ""), request.user)
    if action is None:
        messages.error(request, _("Choose one of the actions offered."))
        return _back(list_name, query)
    everything = post.get("all") == "1"
    ids = None if everything else bulk.parse_ids(post.getlist("ids"))
    if ids is not None and not ids:
        messages.error(request, _("Select at least one row first."))
        return _back(list_name, query)
    run = post.get("step") == "run"
    if action.export and run:
        if not view.can_export():
            raise PermissionDenied
        view.selected_ids = bulk.selected_keys(view, ids)
        return view.export(view.request)
    form = bulk.bound_form(action, request.user, post if run else None)
    count = bulk.selected(view, ids).count()
    if count == 0:
        messages.error(request, _("None of the selected rows is in the list any more."))
        return _back(list_name, query)
    if run and (form is None or form.is_valid()):
        data = {k: post.getlist(k) for k in form.fields} if form is not None else {}
        if bulk.needs_job(count):
            title = view.get_model()._meta.verbose_name_plural
            return _start_job(request, list_name, action, query, ids, data, count, title)
        try:
            result = bulk.execute(
                user=request.user,
                list_name=list_name,
                code=action.code,
                query=query,
                ids=ids,
                data=data,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            return render(request, "core/bulk_result.html", {"result": result})
    filterset = view.get_filterset(view.get_filterset_class())
    return render(
        request,
        "core/bulk_confirm.html",
        {
            "action": action,
            "form": form,
            "count": count,
            "sentence": action.confirm % {"count": count},
            "everything": everything,
            "ids": ids or [],
            "query": query,
            "filter_labels": filterset.describe() if everything else [],
            "list_url": bulk.list_view_url(list_name, query),
            "list_title": view.get_model()._meta.verbose_name_plural,
            "as_job": bulk.needs_job(count),
            "list_name": list_name,
        },
    )


def _start_job(request, list_name, action, query, ids, data, count, title):
    from core.tasks import run_bulk_action

    # What the run is for, in words: "客戶: 加上標籤 (250)".
    key = f"{str(title)[:1].upper()}{str(title)[1:]}: {action.label} ({count})"
    run = jobs.run_start(name="bulk_action", user=request.user, key=key)
    jobs.queue_tracked(
        run_bulk_action,
        list_name,
        action.code,
        query,
        ids,
        data,
        run=run,
    )
    messages.info(
        request,
        _("%(count)s records are being changed in the background.") % {"count": count},
    )
    return HttpResponseRedirect(run.get_absolute_url())
