"""Saving, choosing and removing a list's saved views (POST only, the user's own views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import savedviews
from core.models import SavedView


def _back_to(list_name, query=""):
    try:
        url = savedviews.list_url(list_name)
    except ValidationError:
        return redirect("home")
    return redirect(f"{url}?{query}" if query else f"{url}?view=none")


@require_POST
@login_required
def savedview_save(request):
    post = request.POST
    list_name = post.get("list_name", "")
    try:
        view = savedviews.view_save(
            user=request.user,
            list_name=list_name,
            name=post.get("name", "")[:60],
            query=post.get("query", "")[:2000],
            is_default=post.get("is_default") == "on",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to(list_name, savedviews.clean_query(post.get("query", "")))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return _back_to(list_name, view.query)


@require_POST
@login_required
def savedview_default(request, pk):
    view = get_object_or_404(SavedView, pk=pk, user=request.user)
    on = request.POST.get("on") == "1"
    savedviews.view_set_default(user=request.user, view=view, on=on)
    if on:
        messages.success(request, _("The list now opens with “%(name)s”.") % {"name": view.name})
    else:
        messages.success(request, _("The list now opens without filters."))
    return _back_to(view.list_name, view.query)


@require_POST
@login_required
def savedview_delete(request, pk):
    view = get_object_or_404(SavedView, pk=pk, user=request.user)
    savedviews.view_delete(user=request.user, view=view)
    messages.success(request, _("View “%(name)s” removed.") % {"name": view.name})
    return _back_to(view.list_name)
