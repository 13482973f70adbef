"""The left navigation built in Python is the markup the layout's template loop drew."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from core.navigation import menu_for, menu_html

pytestmark = pytest.mark.django_db

# layout.html's loop before menu_html.
REFERENCE = Template(
    "{% for entry in menu %}"
    '<div class="nav-group-title" data-group="{{ entry.group.key }}"><i class="bi bi-'
    '{{ entry.group.icon }} me-1"></i>{{ entry.group.label }}</div>'
    "{% for i in entry.items %}"
    '<a class="nav-link{% if i.active %} active{% endif %}" href="{{ i.url }}"'
    '{% if i.active %} aria-current="page"{% endif %}>{{ i.item.label }}</a>'
    "{% endfor %}{% endfor %}"
)


def squeeze(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_menu_markup_matches_the_template(personas, language):
    with translation.override(language):
        for name, user in personas.items():
            if user is None:
                continue
            menu = menu_for(user, "/customers/customers/")
            ours = menu_html(menu)
            assert squeeze(ours) == squeeze(REFERENCE.render(Context({"menu": menu}))), name
    customers = menu_html(menu_for(personas["clerk"], "/customers/customers/"))
    assert 'class="nav-link active" href="/customers/customers/" aria-current="page"' in ours
    assert customers.count('aria-current="page"') == 1


def test_menu_urls_follow_the_script_prefix(personas):
    from django.urls import set_script_prefix

    try:
        set_script_prefix("/sales-office/")
        menu = menu_for(personas["manager"])
        assert all(i["url"].startswith("/sales-office/") for g in menu for i in g["items"])
    finally:
        set_script_prefix("/")
    menu = menu_for(personas["manager"])
    bad = [i["url"] for g in menu for i in g["items"] if i["url"].startswith("/sales-office/")]
    assert not bad, bad


def test_every_page_has_the_menu(client, personas):
    client.force_login(personas["clerk"])
    with override_settings(LANGUAGE_CODE="en"):
        html = client.get("/customers/customers/").content.decode()
    assert 'data-group="customers"' in html
    assert 'class="nav-link active" href="/customers/customers/" aria-current="page"' in html


def _active_links(html):
    """The highlighted entries of the left navigation (not a page's own tabs)."""
    nav = re.search(r'<nav class="py-2" id="main-nav">(.*?)</nav>', html, re.S)
    assert nav, "the page has no menu"
    return re.findall(r'<a class="nav-link active" href="([^"]*)"', nav.group(1))


def test_each_menu_page_highlights_its_own_entry_only(personas):
    """For every entry a superuser sees, its page marks that entry and no other."""
    menu = menu_for(personas["superuser"])
    urls = [i["url"] for g in menu for i in g["items"]]
    assert len(urls) == len(set(urls))
    for url in urls:
        active = [i["url"] for g in menu_for(personas["superuser"], url) for i in g["items"]]
        marked = [
            i["url"]
            for g in menu_for(personas["superuser"], url)
            for i in g["items"]
            if i["active"]
        ]
        assert marked == [url], (url, marked, active)


@pytest.mark.parametrize(
    ("path", "entry"),
    [
        ("/sales/opportunities/board/", "/sales/opportunities/board/"),
        ("/sales/opportunities/", "/sales/opportunities/"),
        ("/sales/opportunities/12/", "/sales/opportunities/"),
        ("/sales/opportunities/12/edit/", "/sales/opportunities/"),
        ("/training/online/courses/3/", "/training/online/"),
        ("/training/online/manage/4/", "/training/online/manage/"),
        ("/training/rewards/payroll/", "/training/rewards/payroll/"),
        ("/training/rewards/7/", "/training/rewards/"),
        ("/training/certificates/expiries/", "/training/certificates/expiries/"),
        ("/training/development-plans/readiness/", "/training/development-plans/readiness/"),
        ("/reports/dashboard/team/1/", "/reports/dashboard/"),
        ("/core/notifications/", None),
    ],
)
def test_the_closest_entry_is_the_current_one(personas, path, entry):
    marked = [
        i["url"] for g in menu_for(personas["superuser"], path) for i in g["items"] if i["active"]
    ]
    assert marked == ([entry] if entry else [])
    groups = [g["group"].key for g in menu_for(personas["superuser"], path) if g["active"]]
    assert len(groups) == (1 if entry else 0)


@pytest.mark.parametrize(
    "role", ["clerk", "salesperson", "supervisor", "hr", "manager", "compliance"]
)
def test_exactly_one_entry_is_highlighted_on_every_main_page(personas, client_for, role):
    """Walk the home page and every page of the role's menu: one highlighted entry each."""
    user = personas[role]
    client = client_for(user)
    html = client.get("/").content.decode()
    assert _active_links(html) == ["/"]
    urls = [i["url"] for g in menu_for(user) for i in g["items"]]
    assert urls
    for url in urls:
        # Some entries open the user's own page (their dashboard, their training file).
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert _active_links(response.content.decode()) == [url], url
