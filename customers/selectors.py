"""Reads shared by views, exports, the import and later apps: always restricted to a user."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core import params
from core.crypto import keyed_hash
from core.permissions import get_profile
from core.text import search_key

from .models import (
    Customer,
    CustomerAttachment,
    CustomerNeed,
    CustomerTag,
    ExistingCover,
    FamilyMember,
)
from .rules import INCOMPLETE_BELOW
from .validators import normalise_id_number, normalise_mobile

LAST_FOUR = re.compile(r"\d{4}")  # a search for the last four digits of a mobile


def incomplete_below():
    """The completeness % under which a file counts as incomplete (company setting)."""
    return params.get(INCOMPLETE_BELOW.key)


def customer_list(*, user, filters=None, action="view"):
    """The customers ``user`` may ``action``, with what a list row shows, optionally filtered.

    ``filters`` is a dict of CustomerFilterSet parameters (``q``, ``stage``, ...).
    """
    qs = (
        Customer.objects.visible_to(user, action)
        .select_related("owner", "clerk", "team")
        # The tags as a plain list (to_attr): no queryset built for each row's cache; only
        # what the badge shows.
        .prefetch_related(
            Prefetch(
                "tags", queryset=CustomerTag.objects.only("name", "colour"), to_attr="tag_list"
            )
        )
        # No list column shows the health note: not decrypting it per row saves real time.
        .defer("health_note")
    )
    if filters:
        from .filters import CustomerFilterSet

        filterset = CustomerFilterSet(filters, queryset=qs)
        qs = filterset.qs if filterset.is_valid() else qs.none()
    return qs


def _count(model):
    return Coalesce(
        Subquery(
            model.objects.filter(customer=OuterRef("pk"))
            .order_by()
            .values("customer")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def customer_detail_queryset():
    """Customers with what the header and the tab counts need, in one query."""
    return Customer.objects.select_related("owner", "clerk", "team", "referred_by").annotate(
        family_count=_count(FamilyMember),
        need_count=_count(CustomerNeed),
        cover_count=_count(ExistingCover),
        attachment_count=_count(CustomerAttachment),
    )


def incomplete_customers(*, user):
    """Files the user may edit that are under the completeness threshold, most missing first."""
    return (
        Customer.objects.visible_to(user, "change")
        .filter(archived=False, completeness__lt=incomplete_below())
        .order_by("completeness", "updated")
    )


# --- people who may be chosen -------------------------------------------------------------


def customer_search_q(term, prefix=""):
    """The customer list's free search as a ``Q``: a name (any part, in either script, spaces
    and full-width forms ignored: ``core.text.search_key``) or contact person, or a mobile (the
    whole number or its last four digits) or an ID number (the whole number), the numbers
    through their keyed digests.

    ``prefix`` reaches the customer through a relation (``"customer__"`` for a policy), so
    pickers and lists of other records find a customer's rows the same way.
    """
    q = Q(**{f"{prefix}name__icontains": term}) | Q(**{f"{prefix}contact_person__icontains": term})
    key = search_key(term)
    if key:
        q |= Q(**{f"{prefix}name_key__contains": key})
    plain = unicodedata.normalize("NFKC", term).strip()  # full-width digits typed too
    digits = normalise_mobile(plain)
    if digits:
        q |= Q(**{f"{prefix}mobile_hash": keyed_hash(digits)})
    if LAST_FOUR.fullmatch(plain):
        q |= Q(**{f"{prefix}mobile_last4_hash": keyed_hash(plain)})
    q |= Q(**{f"{prefix}id_number_hash": keyed_hash(normalise_id_number(plain))})
    return q


def assignable_owners(user):
    """Salespeople ``user`` may make the owner of a file.

    A salesperson: only themselves. A clerk or supervisor: the salespeople of the teams they
    support or lead. Company-wide roles with the right and superusers: every salesperson.
    """
    User = get_user_model()
    sales = User.objects.filter(is_active=True, employee__position="salesperson")
    if user.is_superuser:
        return sales.order_by("username")
    profile = get_profile(user)
    if profile.company_wide:
        return sales.order_by("username")
    q = Q(pk=user.pk)
    if profile.team_ids:
        q |= Q(employee__team__in=sorted(profile.team_ids))
    return sales.filter(q).order_by("username")


def reassign_targets(user):
    """Salespeople a supervisor may hand a file to: those of the teams they lead."""
    User = get_user_model()
    sales = User.objects.filter(is_active=True, employee__position="salesperson")
    if user.is_superuser or get_profile(user).company_wide:
        return sales.order_by("username")
    return sales.filter(employee__team__in=sorted(get_profile(user).led_team_ids)).order_by(
        "username"
    )


def assignable_clerks(user):
    """Clerks supporting the teams ``user`` may reach."""
    User = get_user_model()
    clerks = User.objects.filter(is_active=True, employee__position="clerk")
    if user.is_superuser or get_profile(user).company_wide:
        return clerks.order_by("username")
    profile = get_profile(user)
    team_ids = set(profile.team_ids)
    if profile.own_team_id:
        team_ids.add(profile.own_team_id)
    return clerks.filter(supported_teams__in=sorted(team_ids)).distinct().order_by("username")


def share_targets(customer, user):
    """Colleagues a file may be shared with: active clerks, salespeople and supervisors."""
    User = get_user_model()
    return (
        User.objects.filter(
            is_active=True, employee__position__in=("clerk", "salesperson", "supervisor")
        )
        .exclude(pk__in=[customer.owner_id, user.pk])
        .order_by("username")
    )


# --- duplicates ---------------------------------------------------------------------------


@dataclass
class DuplicateMatch:
    customer: Customer
    reasons: list


@dataclass
class DuplicateReport:
    """Possible duplicates: those the user may open, and whether others exist out of sight."""

    visible: list = field(default_factory=list)
    hidden: bool = False
    same_id_number: bool = False

    def __bool__(self):
        return bool(self.visible) or self.hidden

    @property
    def hidden_message(self):
        return _("Already on file with another salesperson — ask your supervisor.")


def find_duplicates(
    *, user, id_number="", mobile="", name="", birth_date=None, exclude_pk=None, limit=10
):
    """Files that may be the same person: same ID number, same mobile, or same name and birth
    date. Files the user may not see are only counted as "hidden": nothing about them leaks.
    """
    id_hash = keyed_hash(normalise_id_number(id_number)) if id_number else ""
    mobile_hash = keyed_hash(normalise_mobile(mobile)) if mobile else ""
    name = (name or "").strip()
    q = Q(pk__in=[])
    if id_hash:
        q |= Q(id_number_hash=id_hash)
    if mobile_hash:
        q |= Q(mobile_hash=mobile_hash)
    name_key = search_key(name)[:200]
    if name_key and birth_date:
        q |= Q(name_key=name_key, birth_date=birth_date)
    report = DuplicateReport()
    if not (id_hash or mobile_hash or (name_key and birth_date)):
        return report
    candidates = Customer.objects.filter(q)
    # The file being edited is left out of its own warning, but only a file the user may
    # edit: excluding a hidden file would tell, by the warning going away, which hidden
    # file holds the number.
    if exclude_pk and Customer.objects.visible_to(user, "change").filter(pk=exclude_pk).exists():
        candidates = candidates.exclude(pk=exclude_pk)
    rows = list(
        candidates.values_list("pk", "id_number_hash", "mobile_hash", "name_key", "birth_date")[
            :limit
        ]
    )
    if not rows:
        return report
    report.same_id_number = any(id_hash and r[1] == id_hash for r in rows)
    visible = Customer.objects.visible_to(user).filter(pk__in=[r[0] for r in rows])
    visible = {c.pk: c for c in visible.select_related("owner")}
    for pk, row_id, row_mobile, row_name, row_birth in rows:
        if pk not in visible:
            report.hidden = True
            continue
        reasons = []
        if id_hash and row_id == id_hash:
            reasons.append(_("same ID number"))
        if mobile_hash and row_mobile == mobile_hash:
            reasons.append(_("same mobile"))
        if name_key and birth_date and row_name == name_key and row_birth == birth_date:
            reasons.append(_("same name and birth date"))
        report.visible.append(DuplicateMatch(visible[pk], reasons))
    return report


def customer_record_changes(customer, limit=200):
    """Timeline entries for the file's own records (family, needs, cover, attachments) added,
    changed or removed: one history query per kind of record."""
    entries = []
    verbs = {"+": _("added"), "~": _("changed"), "-": _("removed")}
    for model in (FamilyMember, CustomerNeed, ExistingCover, CustomerAttachment):
        label = str(model._meta.verbose_name)
        records = (
            model.history.filter(customer_id=customer.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        for r in records:
            entries.append(
                {
                    "when": r.history_date,
                    "who": r.history_user,
                    "verb": f"{model._meta.model_name}_{r.history_type}",
                    "text": _("%(what)s %(verb)s: %(name)s")
                    % {
                        "what": label[:1].upper() + label[1:],
                        "verb": verbs[r.history_type],
                        "name": r.instance,
                    },
                }
            )
    return entries
