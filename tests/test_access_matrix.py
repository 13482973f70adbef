"""The URL coverage gate and the permission matrix runner (see tests/access.py)."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import EVERYONE, OK, Case, describe, expected_keys

# URL names outside the matrix on purpose, each with its reason.
EXEMPT = {
    "login": "public sign-in page (tested in tests/core/test_auth.py)",
    "logout": "POST only (tested in tests/core/test_auth.py)",
    "set_language": "POST only (tested in tests/core/test_i18n.py)",
    "healthz": "public health check for the load balancer",
    "manifest": "the public web app manifest (tests/core/test_manifest.py)",
    "customers:customer_call": "per role and scope in tests/customers/test_call.py",
}
EXEMPT_NAMESPACES = {"admin": "Django's admin checks staff status itself"}

# Pages that list records but need no row check, each with its reason.
ROWS_EXEMPT = {
    "core:parameter_list": "company settings are definitions in code, the same for everyone",
}
# Pages that list records without ``_list`` in their name.
ROW_PAGES = {"sales:opportunity_board", "sales:visit_agenda", "core:notification_menu"}


def _app_access_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if not info.ispkg:
            continue
        try:
            yield info.name, importlib.import_module(f"tests.{info.name}.access")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.{info.name}.access":
                raise


MODULES = dict(_app_access_modules())
ALL_CASES = [(app, case) for app, module in MODULES.items() for case in module.CASES]


def _url_names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from _url_names(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_an_access_rule():
    covered = {case.url_name for _app, case in ALL_CASES}
    missing = sorted(
        name for name in set(_url_names()) if name not in covered and name not in EXEMPT
    )
    assert not missing, f"URLs without a permission-matrix case: {missing}"


def test_every_list_checks_its_rows():
    """Each list page has a case saying which rows each persona sees (tests/access.py)."""
    lists = {n for n in _url_names() if n.endswith("_list") or n in ROW_PAGES}
    checked = {case.url_name for _app, case in ALL_CASES if case.rows is not None}
    missing = sorted(lists - checked - set(ROWS_EXEMPT))
    assert not missing, f"List pages without a rows check: {missing}"


def test_row_expectations_are_complete():
    """A rows check names every persona that opens the page, and only those."""
    for _app, case in ALL_CASES:
        if case.rows is None:
            continue
        opens = {p for p in ("anonymous", *EVERYONE) if case.status_for(p) == OK}
        assert set(case.rows) == opens, (case.url_name, case.query, set(case.rows) ^ opens)


@pytest.mark.parametrize(
    ("app", "case"),
    ALL_CASES,
    ids=[f"{case.url_name}{case.query}" for _app, case in ALL_CASES],
)
def test_permission_matrix(app, case: Case, personas, client_for):
    objects = MODULES[app].scenario(personas)
    args = case.args(objects) if case.args else []
    url = reverse(case.url_name, args=args) + case.query
    failures = []
    for name, user in personas.items():
        client = client_for(user)
        response = (
            getattr(client, case.method)(url, case.data)
            if case.data
            else getattr(client, case.method)(url)
        )
        expected = case.status_for(name)
        if response.status_code != expected:
            failures.append(f"{name}: got {response.status_code}, expected {expected}")
        elif case.rows is not None and expected == OK:
            shown = case.shown_keys(response.context)
            wanted = expected_keys(objects, case.rows[name])
            if shown != wanted:
                failures.append(
                    f"{name} sees rows {describe(objects, shown)}, "
                    f"expected {describe(objects, wanted)}"
                )
        # a write case must not leak into the next persona's request
        if case.method != "get":
            objects = MODULES[app].scenario(personas)
            url = reverse(case.url_name, args=case.args(objects) if case.args else []) + case.query
    assert not failures, f"{url}: " + "; ".join(failures)
