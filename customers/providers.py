"""What the customer files add to core's registries: their menu entries, the clerks'
"incomplete files" item on My work, and the pickers that choose a customer file or a
colleague to look after one."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import jobs, mywork, navigation, pickers
from core.crypto import mask
from core.permissions import get_profile
from org.providers import user_source

from . import selectors
from .models import Customer
from .selectors import incomplete_customers


def customer_label(customer):
    """A customer as a picker shows them: the name and the masked mobile, no internal id."""
    if customer.mobile:
        return f"{customer.name} · {mask(customer.mobile)}"
    return customer.name


def _customers(user):
    return Customer.objects.visible_to(user).filter(archived=False)


def _share_targets(user):
    if user is None or not user.is_authenticated:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True, employee__position__in=("clerk", "salesperson", "supervisor")
        )
        .exclude(pk=user.pk)
    )


def _authenticated(select):
    def queryset(user):
        if user is None or not user.is_authenticated:
            return get_user_model().objects.none()
        return select(user)

    return queryset


def incomplete_files(user):
    """My work: a clerk's files under the completeness threshold, in the teams they support."""
    if not user.has_perm("customers.change_customer"):
        return []
    if not get_profile(user).supported_team_ids:  # a clerk's work, in the teams they support
        return []
    count = incomplete_customers(user=user).count()
    url = reverse("customers:customer_list") + "?incomplete=true&sort=completeness"
    return [mywork.WorkItem(_("Incomplete customer files"), count, url, level="warning")]


def _import_run_scope(run):
    """The uploaded workbook an import run reads."""
    return _("File %(name)s") % {"name": run.key} if run.key else ""


def register():
    """Called once from ``CustomersConfig.ready()``."""
    jobs.describe("customer_import", _("Import customers from Excel"), scope=_import_run_scope)
    navigation.register(
        "customers",
        navigation.MenuItem(
            _("Customer files"), "customers:customer_list", "customers.view_customer", "people"
        ),
    )
    navigation.register(
        "customers",
        navigation.MenuItem(
            _("Import from Excel"),
            "customers:customer_import",
            "customers.import_customer",
            "file-earmark-arrow-up",
        ),
    )
    navigation.register(
        "customers",
        navigation.MenuItem(
            _("Customer tags"),
            "customers:customertag_list",
            "customers.add_customertag",
            "tags",
        ),
    )
    mywork.register(incomplete_files)
    # Active files the user may see, found as on the customer list.
    pickers.register(
        pickers.PickerSource(
            name="customers.customer",
            model=Customer,
            queryset=_customers,
            search=selectors.customer_search_q,
            label=customer_label,
            order_by=("name", "pk"),
        )
    )
    pickers.register(user_source("customers.owner", _authenticated(selectors.assignable_owners)))
    pickers.register(user_source("customers.clerk", _authenticated(selectors.assignable_clerks)))
    pickers.register(
        user_source("customers.reassign_target", _authenticated(selectors.reassign_targets))
    )
    pickers.register(user_source("customers.share_target", _share_targets))
