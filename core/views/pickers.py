"""The one search endpoint of every type-ahead picker (core.pickers)."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import pickers

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


@login_required
@require_GET
def picker(request, source):
    """The first matches of ``q`` among the rows the user may choose from ``source``,
    narrowed by the source's dependent parameters (``?customer=<pk>``), as an htmx partial."""
    try:
        found = pickers.get_source(source)
    except LookupError:
        raise Http404 from None
    params = {param: request.GET.get(param) for param in found.depends}
    results, more = found.matches(request.user, request.GET.get("q", "")[:100], params)
    target = getattr(getattr(request, "htmx", None), "target", None) or ""
    return render(
        request,
        "core/picker_results.html",
        {
            "results": results,
            "more": more,
            "list_id": target if _SAFE_ID.match(target) else "picker",
        },
    )
