"""Bulk actions on list pages: select rows (or every row matching the list's filters), pick
an action, confirm "N records will be …", and each record is changed through its app's
service, in its own savepoint, with that service's history and audit event. Rows the
service refuses are listed with the reason; a selection above the ``core.bulk_job_rows``
setting runs as a tracked background job with a progress bar.

An app registers its actions for one of its lists (by the list's URL name) in
``providers.py``::

    bulk.register(
        "customers:customer_list",
        bulk.BulkAction(
            code="reassign",
            label=_("Reassign"),
            confirm=_("%(count)s customer files will be handed to another salesperson."),
            perform=reassign,  # reassign(*, actor, obj, owner, reason)
            permission="customers.reassign_customer",
            form_class=forms.BulkReassignForm,
        ),
    )

``perform`` receives the acting user, the record and the cleaned data of ``form_class``
(a ``core.forms.BaseForm`` bound to the user, so its pickers are restricted). An action
with ``export=True`` has no ``perform``: it downloads the selection through the list's own
Excel export (masked; a clear export goes through the list's own clear-export flow).

The selection is re-evaluated on the server, always: the list view is rebuilt for the user
with the posted filter query string (so "all N matching" means the rows that match now,
among those the user may see), narrowed to the posted ids when rows were ticked.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from . import params
from .i18n import Text, bulk_action
from .savedviews import clean_query

JOB_ROWS = params.define(
    "core.bulk_job_rows",
    100,
    gettext_lazy("Records a bulk action changes at once"),
    gettext_lazy(
        "A bulk action on more records than this runs as a background job with a progress "
        "bar; up to this many are changed while the page waits."
    ),
    group="core",
    kind=params.NUMBER,
    min_value=1,
)


def leads_a_team(user):
    """Whether ``user`` leads a team (or is a superuser): supervisors' bulk actions."""
    from .permissions import get_profile

    return user.is_superuser or bool(get_profile(user).led_team_ids)


# Rows loaded at a time while a bulk action runs (one query per batch).
BATCH = 200
# Refused rows kept in a result (the count is always complete).
MAX_REFUSALS_SHOWN = 500


@dataclass(frozen=True)
class BulkAction:
    """One action offered on a list's selected rows."""

    code: str
    label: Any
    confirm: Any  # "%(count)s … will be …": the confirmation's sentence
    perform: Any = None  # perform(*, actor, obj, **cleaned_data); None for an export
    permission: str | None = None  # a model permission the user must hold to be offered it
    form_class: Any = None  # the parameters' form (a core.forms.BaseForm)
    export: bool = False
    # available(user) -> bool: a further condition to be offered it (e.g. leads a team).
    available: Any = None


_registry: dict[str, dict[str, BulkAction]] = {}


def register(list_name, action):
    """Offer ``action`` on the list page ``list_name`` (``app:model_list``)."""
    _registry.setdefault(list_name, {})[action.code] = action


def register_all(list_name, actions):
    """Offer each of ``actions`` on the list page ``list_name``."""
    for action in actions:
        register(list_name, action)


def calling(service, record):
    """A ``perform`` that hands the record to ``service`` as the keyword ``record``, with
    the acting user and the form's cleaned data: ``calling(services.customer_archive,
    "customer")`` runs ``customer_archive(actor=..., customer=obj, reason=...)``."""

    def perform(*, actor, obj, **data):
        return service(actor=actor, **{record: obj}, **data)

    perform.__name__ = f"bulk_{service.__name__}"
    return perform


def export_action(confirm, permission=None, available=None):
    """The "Export the selection (Excel)" action of a list (through its own Excel export)."""
    return BulkAction(
        code="export",
        label=gettext_lazy("Export the selection (Excel)"),
        confirm=confirm,
        permission=permission,
        export=True,
        available=available,
    )


def action_label(list_name, code):
    """The name of the action ``code`` of ``list_name`` in the active language (the code
    itself for an action no longer offered)."""
    action = _registry.get(list_name, {}).get(code)
    return str(action.label) if action is not None else code


def registered_lists():
    return sorted(_registry)


def actions_for(list_name, user):
    """The actions ``user`` is offered on ``list_name`` (no query: cached permissions)."""
    return [
        a
        for a in _registry.get(list_name, {}).values()
        if (a.permission is None or user.has_perm(a.permission))
        and (a.available is None or a.available(user))
    ]


def get_action(list_name, code, user):
    """The action ``code`` of ``list_name`` if ``user`` is offered it, else None."""
    return next((a for a in actions_for(list_name, user) if a.code == code), None)


def parse_ids(values):
    """The posted row keys as integers (anything else is ignored)."""
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return sorted(set(ids))


def list_view(list_name, user, query="", base_request=None):
    """The list view ``list_name`` set up for ``user`` with the filter ``query`` (a URL
    query string), as the page showed it; ``base_request`` lends its headers (the export
    log's address)."""
    try:
        path = reverse(list_name)
    except NoReverseMatch:
        raise PermissionDenied from None
    match = resolve(path)
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "filtered_queryset"):
        raise PermissionDenied
    http = HttpRequest()
    http.method = "GET"
    http.path = http.path_info = path
    if base_request is not None:
        http.META = dict(base_request.META)
    http.GET = QueryDict(clean_query(query))
    http.user = user
    http.resolver_match = match
    view = view_class()
    view.setup(http, *match.args, **match.kwargs)
    return view


def list_view_url(list_name, query=""):
    """The list page with its filters."""
    query = clean_query(query)
    return f"{reverse(list_name)}?{query}" if query else reverse(list_name)


def selected(view, ids=None):
    """The rows of the selection: the list's filtered rows (restricted to the user), only
    ``ids`` among them when rows were ticked (``None``: all matching)."""
    queryset = view.filtered_queryset()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset


def selected_keys(view, ids=None):
    """The keys of the selection, in the list's order (one query)."""
    return list(dict.fromkeys(selected(view, ids).values_list("pk", flat=True)))


def needs_job(count):
    return count > int(params.get(JOB_ROWS.key))


def bound_form(action, user, data=None):
    """The action's parameter form bound to ``user`` (None when it takes none)."""
    if action.form_class is None:
        return None
    return action.form_class(data, user=user)


def form_data(data):
    """Posted form data as a QueryDict, from a QueryDict or a JSON dict of lists (a job's)."""
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        query.setlist(key, list(value) if isinstance(value, (list, tuple)) else [value])
    return query


def _reason(exc):
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(exc) or _("You may not do this on this record.")


def execute(*, user, list_name, code, query="", ids=None, data=None, progress=None):
    """Run the action ``code`` on the selection for ``user``; returns the result:
    ``{"total", "done", "refused": [{"pk", "label", "url", "reason"}], "refused_count",
    "label", "list_name", "query"}``.

    Each record is changed by the action's service inside its own savepoint: a refusal
    (a ValidationError or PermissionDenied) undoes that record only and is listed with its
    reason. ``progress(percent, message)`` is told after each batch.
    """
    action = get_action(list_name, code, user)
    if action is None or action.export:
        raise PermissionDenied(_("This action is not available to you here."))
    view = list_view(list_name, user, query)
    if not user.has_perm(view.get_required_permission()):
        raise PermissionDenied
    form = bound_form(action, user, form_data(data))
    if form is not None and not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                for k, v in form.errors.items()
            ]
        )
    cleaned = dict(form.cleaned_data) if form is not None else {}
    keys = selected_keys(view, ids)
    model = view.get_model()
    manager = model._default_manager
    total = len(keys)
    done = 0
    refused = []
    refused_count = 0
    for start in range(0, total, BATCH):
        chunk = keys[start : start + BATCH]
        rows = manager.in_bulk(chunk)
        for pk in chunk:
            obj = rows.get(pk)
            if obj is None:
                error = ValidationError(_("This record no longer exists."))
            else:
                try:
                    with transaction.atomic():
                        action.perform(actor=user, obj=obj, **cleaned)
                except (ValidationError, PermissionDenied) as exc:
                    error = exc
                else:
                    done += 1
                    continue
            refused_count += 1
            if len(refused) < MAX_REFUSALS_SHOWN:
                refused.append(
                    {
                        "pk": pk,
                        "label": str(obj) if obj is not None else f"#{pk}",
                        "url": obj.get_absolute_url() if obj is not None else "",
                        "reason": _reason(error),
                    }
                )
        if progress is not None:
            handled = min(start + BATCH, total)
            progress(
                handled * 100 // max(total, 1),
                Text(
                    gettext_noop("%(handled)s of %(total)s records handled"),
                    {"handled": handled, "total": total},
                ),
            )
    return {
        "kind": "bulk",
        "label": str(action.label),
        "code": code,
        "total": total,
        "done": done,
        "refused": refused,
        "refused_count": refused_count,
        "list_name": list_name,
        "list_title": str(model._meta.verbose_name_plural),
        "list_url": list_view_url(list_name, query),
    }


def summary(result):
    """One line saying what a bulk run did (a Text, read in each reader's language)."""
    return Text(
        gettext_noop("%(label)s: %(done)s of %(total)s records changed, %(refused)s refused."),
        {
            "label": bulk_action(result["list_name"], result["code"]),
            "done": result["done"],
            "total": result["total"],
            "refused": result["refused_count"],
        },
    )


def execute_run(*, run, list_name, code, query, ids, data):
    """Run a bulk action for a TaskRun (its requester acting) and record its outcome."""
    from .jobs import set_progress
    from .services import acting_as

    with acting_as(run.user):
        result = execute(
            user=run.user,
            list_name=list_name,
            code=code,
            query=query,
            ids=ids,
            data=data,
            progress=lambda p, m: set_progress(run, p, m),
        )
    run.result = result
    run.message = summary(result)
    run.save()
    from .models import Notification
    from .services import notify

    notify(
        recipient=run.user,
        title=Text(
            gettext_noop("Bulk action done: %(label)s"),
            {"label": bulk_action(list_name, code)},
        ),
        body=summary(result),
        url=run.get_absolute_url(),
        level=Notification.Level.WARNING if result["refused_count"] else Notification.Level.SUCCESS,
        dedupe_key=f"bulk-done:{run.pk}",
    )
    return result
