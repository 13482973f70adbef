"""The left navigation: groups by chapter, items registered by each app in its ready()."""

from dataclasses import dataclass, field
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


@dataclass
class MenuItem:
    label: str
    url_name: str
    perm: str | None  # None: every signed-in user
    icon: str = "dot"
    match: str = ""  # path prefix that marks the item current; defaults to its URL


@dataclass
class MenuGroup:
    key: str
    label: str
    icon: str
    items: list = field(default_factory=list)


GROUPS = [
    MenuGroup("customers", _("Customers"), "people"),
    MenuGroup("sales", _("Sales"), "graph-up-arrow"),
    MenuGroup("underwriting", _("Underwriting"), "file-earmark-check"),
    MenuGroup("aftersales", _("After-sales"), "headset"),
    MenuGroup("reports", _("Reports"), "bar-chart"),
    MenuGroup("training", _("Training"), "mortarboard"),
    MenuGroup("appraisal", _("Appraisal"), "clipboard-check"),
    MenuGroup("payroll", _("Payroll"), "cash-coin"),
    MenuGroup("confidentiality", _("Confidentiality"), "shield-lock"),
    MenuGroup("admin", _("Administration"), "gear"),
]
_BY_KEY = {g.key: g for g in GROUPS}


def register(group, item):
    """Add ``item`` to the menu group ``group`` (once; apps call this in ready())."""
    items = _BY_KEY[group].items
    if all(i.url_name != item.url_name for i in items):
        items.append(item)


@cache
def _url(url_name, script_prefix, urlconf):
    """A menu item's URL: the same on every page, so reversed once per URL configuration."""
    return reverse(url_name, urlconf=urlconf)


def _match_length(path, url, prefix):
    """How closely ``path`` belongs to an item: the length of what it matched, 0 for nothing.

    The item's own URL matches exactly; its prefix (``match``, or the URL) matches the pages
    under it. The longest match wins, so the board (/sales/opportunities/board/) is not also
    the opportunity list (/sales/opportunities/)."""
    if path == url:
        return len(url) + 1
    return len(prefix) if path.startswith(prefix) else 0


def menu_for(user, path=""):
    """The groups and items ``user`` may use, with the current one marked: at most one item,
    the one whose URL or prefix matches the most of ``path``."""
    result = []
    script_prefix, urlconf = get_script_prefix(), get_urlconf()
    best, best_length = None, 0
    for group in GROUPS:
        items = []
        for item in group.items:
            if item.perm is not None and not user.has_perm(item.perm):
                continue
            url = _url(item.url_name, script_prefix, urlconf)
            entry = {"item": item, "url": url, "active": False}
            length = _match_length(path, url, item.match or url) if path else 0
            if length > best_length:
                best, best_length = entry, length
            items.append(entry)
        if items:
            result.append({"group": group, "items": items, "active": False})
    if best is not None:
        best["active"] = True
        for entry in result:
            entry["active"] = any(i["active"] for i in entry["items"])
    return result


def menu_html(menu):
    """The left navigation's groups and links (``menu_for``'s result) as HTML.

    Built in Python rather than by a template loop over forty links on every page: the
    loop was a fifth of a plain page's time (bench/). The markup is the one layout.html had.
    """
    parts = []
    for entry in menu:
        group = entry["group"]
        parts.append(
            format_html(
                '<div class="nav-group-title" data-group="{}">'
                '<i class="bi bi-{} me-1"></i>{}</div>',
                group.key,
                group.icon,
                group.label,
            )
        )
        for link in entry["items"]:
            active = link["active"]
            parts.append(
                format_html(
                    '<a class="nav-link{}" href="{}"{}>{}</a>',
                    " active" if active else "",
                    link["url"],
                    mark_safe(' aria-current="page"') if active else "",
                    link["item"].label,
                )
            )
    return mark_safe("\n".join(parts))
