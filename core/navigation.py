"""The left navigation: groups by chapter, items registered by each app in its ready()."""

from dataclasses import dataclass, field

from django.urls import reverse
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


def menu_for(user, path=""):
    """The groups and items ``user`` may use, with the current one marked."""
    result = []
    for group in GROUPS:
        items = []
        for item in group.items:
            if item.perm is not None and not user.has_perm(item.perm):
                continue
            url = reverse(item.url_name)
            prefix = item.match or url
            items.append({"item": item, "url": url, "active": path.startswith(prefix)})
        if items:
            result.append(
                {"group": group, "items": items, "active": any(i["active"] for i in items)}
            )
    return result
