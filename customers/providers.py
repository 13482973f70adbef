"""What the customers chapter adds to the frame: the pickers that choose a customer file, or
a colleague to look after one."""

from django.contrib.auth import get_user_model

from core import pickers
from core.crypto import mask
from org.providers import user_source

from . import selectors
from .models import Customer


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
