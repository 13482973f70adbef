"""The duplicate check on entry and the quick search."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core import search

from .. import selectors


@require_GET
@login_required
def customer_duplicates(request):
    """The live duplicate warning of the entry form (htmx): links only to visible files."""
    user = request.user
    if not (user.has_perm("customers.add_customer") or user.has_perm("customers.change_customer")):
        raise PermissionDenied
    get = request.GET
    try:
        birth = dt.date.fromisoformat(get.get("birth_date", "")) if get.get("birth_date") else None
    except ValueError:
        birth = None
    try:
        exclude = int(get.get("exclude") or 0) or None
    except ValueError:
        exclude = None
    report = selectors.find_duplicates(
        user=user,
        id_number=get.get("id_number", "").strip(),
        mobile=get.get("mobile", "").strip(),
        name=get.get("name", "").strip(),
        birth_date=birth,
        exclude_pk=exclude,
    )
    return render(request, "customers/_duplicates.html", {"duplicates": report})


@require_GET
@login_required
def customer_search(request):
    """The top bar's search: the record whose number was typed (a policy, an application:
    ``core.search``), else the customer list filtered by ``q`` (restricted like the list)."""
    q = request.GET.get("q", "").strip()
    target = search.jump(q, request.user)
    if target:
        return redirect(target)
    if request.user.has_perm("customers.view_customer"):
        url = reverse("customers:customer_list")
        if q:
            from django.utils.http import urlencode

            url += "?" + urlencode({"q": q})
        return redirect(url)
    return render(request, "customers/search_none.html", {"q": q})
