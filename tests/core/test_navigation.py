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
