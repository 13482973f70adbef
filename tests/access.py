"""The permission matrix: for every URL, what each persona gets.

Each app has ``tests/<app>/access.py`` with

* ``scenario(personas) -> dict``: creates the records the URLs need (e.g. a customer owned
  by the salesperson) and returns them by name;
* ``CASES``: a list of ``Case``, one or more per URL name of the app.

``tests/test_access_matrix.py`` runs every case for every persona, and fails when a URL
pattern of the project has no case (the URL coverage gate): no page without its access rule.
Anonymous users always get a redirect to the login page and need not be listed.

A page that lists records (every ``*_list`` page, the board, the agenda) also says *which*
rows each persona sees: ``rows={persona: {names of scenario objects}}``. The runner compares
the primary keys of every row of the page's table (all pages of it, after the page's default
filters) with the named objects' keys, exactly: a row too many is a leak, a row too few a
broken scope. So each scenario names every row its lists can show, and has rows of more than
one owner and team (the salesperson's, the other team's, the shared file), or the check would
prove nothing. The row coverage gate fails when a list page has no case with ``rows``.

``shared_colleague`` is the persona holding a share: a salesperson of team B to whom the
salesperson's customer file (the scenario's ``shared`` record, see ``share()``) was granted
through the customers' grant service. It sees that file and what inherits the file's scope
(its visits, applications, policies, claims...), and nothing else of team A.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
STAFF = (
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",
    "supervisor",
    "hr",
    "manager",
    "compliance",
)
EVERYONE = (*STAFF, "superuser")


@dataclass
class Case:
    """GET ``url_name`` (with ``args(objects)``) as each persona; expect ``expect[persona]``,
    else ``default``."""

    url_name: str
    expect: dict
    args: object = None  # callable(objects) -> list of URL args
    default: int = FORBIDDEN
    query: str = ""
    method: str = "get"
    data: dict = field(default_factory=dict)
    anonymous: int = REDIRECT
    # {persona: names of the scenario objects the page lists}; checked for every persona
    # that gets a 200 (each must be listed), compared exactly by primary key.
    rows: dict | None = None
    # callable(response.context) -> the records shown; by default the page's table's rows
    shown: object = None

    def status_for(self, persona):
        if persona == "anonymous":
            return self.anonymous
        return self.expect.get(persona, self.default)

    def shown_keys(self, context):
        """{(model label, pk)} of every record the page shows."""
        if self.shown is not None:
            return {_key(record) for record in self.shown(context)}
        return table_keys(context)


def _key(record):
    return (record._meta.label_lower, record.pk)


def table_keys(context):
    """{(model label, pk)} of every row of the page's table: the whole filtered queryset
    behind it (every page, not only the first), or the records of a list-backed table."""
    data = context["table"].data
    queryset = getattr(data, "data", data)
    if isinstance(queryset, QuerySet):
        label = queryset.model._meta.label_lower
        return {(label, pk) for pk in queryset.values_list("pk", flat=True)}
    return {_key(record) for record in data}


def expected_keys(objects, names):
    """{(model label, pk)} of the scenario objects ``names`` (a name may hold a list of
    objects, e.g. every rule of a company checklist)."""
    keys = set()
    for name in names:
        value = objects[name]
        keys.update(_key(obj) for obj in (value if isinstance(value, list) else [value]))
    return keys


def describe(objects, keys):
    """The keys as scenario names where they have one (for failure messages)."""
    named = {_key(obj): name for name, obj in objects.items() if hasattr(obj, "_meta")}
    return sorted(named.get(key, f"{key[0]}#{key[1]}") for key in keys)


def team_b_policy(personas, issued_on=None):
    """A policy of the other salesperson's customer (team B), with its chain, made directly:
    the other team's rows of the underwriting and after-sales lists."""
    import datetime as dt

    from tests.reports import factories
    from tests.sales.factories import make_product

    customer = factories.customer(personas["other_salesperson"])
    # the product (and its insurer) from the sales factories, whose names other scenario
    # records share a sequence with
    issued_on = issued_on or dt.date.today()
    return factories.policy(customer, issued_on=issued_on, product_=make_product())


def share(customer, personas):
    """The owner shares ``customer`` with the ``shared_colleague`` persona (grant service)."""
    from customers.services import customer_grant_access

    customer_grant_access(
        actor=customer.owner, customer=customer, to=personas["shared_colleague"], reason="test"
    )
    return customer


def each(personas, status):
    """{persona: status for each of personas}."""
    return dict.fromkeys(personas, status)
