"""Saved views: a user's named filters and sort of a list page (``core.models.SavedView``).

A list page (``ObjectListView``) shows the user's views of that list in its header, saves
the current filters under a name, and opens with the view marked as the default when it is
reached without any filter (``?view=none`` opens it unfiltered).
"""

from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .models import SavedView
from .querycache import remembered

# Parameters that are not part of a view: the page shown, an export, the view switch itself.
NOT_SAVED = {"page", "export", "view"}


def clean_query(query):
    """``query`` (a URL query string) without the parameters a view does not keep."""
    pairs = [
        (k, v) for k, v in parse_qsl(query or "", keep_blank_values=False) if k not in NOT_SAVED
    ]
    return urlencode(pairs)


def views_for(user, list_name):
    """The user's views of the list ``list_name``, by name (remembered while unchanged)."""
    queryset = SavedView.objects.filter(user=user, list_name=list_name).order_by("name")
    return remembered(queryset, list, kind="savedviews")


def default_for(user, list_name):
    return next((v for v in views_for(user, list_name) if v.is_default), None)


def list_url(list_name):
    """The list's address; a name that is not a list page is refused."""
    try:
        return reverse(list_name)
    except NoReverseMatch:
        raise ValidationError(_("This is not a list page.")) from None


def _clear_default(user, list_name, keep):
    # Saved one by one (not QuerySet.update), so the remembered lists see the change.
    for other in SavedView.objects.filter(user=user, list_name=list_name, is_default=True):
        if other.name != keep:
            other.is_default = False
            other.save(update_fields=["is_default"])


@transaction.atomic
def view_save(*, user, list_name, name, query, is_default=False):
    """Save the filters ``query`` of ``list_name`` as the user's view ``name`` (the view of
    that name is replaced); a default view takes the place of the previous default."""
    list_url(list_name)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if is_default:
        _clear_default(user, list_name, keep=name)
    view = SavedView.objects.filter(user=user, list_name=list_name, name=name).first()
    view = view or SavedView(user=user, list_name=list_name, name=name)
    view.query = clean_query(query)
    view.is_default = bool(is_default)
    view.full_clean()
    view.save()
    return view


@transaction.atomic
def view_set_default(*, user, view, on):
    """Make ``view`` the list's default (``on``) or the list open unfiltered again."""
    if view.user_id != user.pk:
        raise ValidationError(_("This view is not yours."))
    if on:
        _clear_default(user, view.list_name, keep=view.name)
    view.is_default = bool(on)
    view.save(update_fields=["is_default"])
    return view


def view_delete(*, user, view):
    if view.user_id != user.pk:
        raise ValidationError(_("This view is not yours."))
    view.delete()
