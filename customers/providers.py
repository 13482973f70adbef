"""What the customer files add to core's registries: their menu entries, the clerks'
"incomplete files" item on My work, and the pickers that choose a customer file or a
colleague to look after one."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import bulk, jobs, mywork, navigation, pickers
from core.crypto import mask
from core.permissions import get_profile
from org.providers import user_source

from . import selectors, services
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


def register_bulk_actions():
    """The customer list's bulk actions (core.bulk), each through its service."""
    from . import forms

    change = "customers.change_customer"
    actions = [
        ("reassign", _("Reassign to a salesperson"),
         _("%(count)s customer files will be handed to another salesperson."),
         services.customer_reassign, "customers.reassign_customer", forms.ReassignForm),
        ("assign_clerk", _("Assign to a clerk"),
         _("%(count)s customer files will be looked after by another clerk."),
         services.customer_assign_clerk, change, forms.BulkClerkForm),
        ("tag", _("Add a tag"), _("%(count)s customer files will get the tag."),
         services.customer_tag, change, forms.BulkTagForm),
        ("untag", _("Remove a tag"), _("The tag will be removed from %(count)s customer files."),
         services.customer_untag, change, forms.BulkTagForm),
        ("archive", _("Archive"), _("%(count)s customer files will be archived."),
         services.customer_archive, change, forms.ArchiveForm),
    ]  # fmt: skip
    bulk.register_all(
        "customers:customer_list",
        [
            bulk.BulkAction(
                code=code,
                label=label,
                confirm=confirm,
                perform=bulk.calling(service, "customer"),
                permission=permission,
                form_class=form_class,
            )
            for code, label, confirm, service, permission, form_class in actions
        ]
        + [
            bulk.export_action(
                _("%(count)s customer files will be exported to Excel (masked)."),
                permission="customers.export_customer",
            )
        ],
    )


def register():
    """Called once from ``CustomersConfig.ready()``."""
    register_bulk_actions()
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
