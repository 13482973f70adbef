"""The company settings (core.params) the customer files read, defined once."""

from django.utils.translation import gettext_lazy

from core import params

INCOMPLETE_BELOW = params.define(
    "customers.incomplete_below",
    80,
    gettext_lazy("Incomplete customer file: completeness under (%)"),
    gettext_lazy("Files under this score are on the clerks' “incomplete files” worklist."),
    group="customers",
    kind=params.NUMBER,
    max_value=100,
)
