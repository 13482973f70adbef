"""Language switching: the login page in Traditional Chinese, Simplified Chinese and English."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def test_default_language_is_traditional_chinese(client):
    response = client.get("/accounts/login/")
    assert html_lang(response) == "zh-hant"
    with translation.override("zh-hant"):
        assert gettext("Sign in") in response.content.decode()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_switching_language_renders_the_login_page_in_it(client, language):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language

    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert html_lang(page) == language
    with translation.override(language):
        sign_in = gettext("Sign in")
        title = gettext("Inside-Sales Management")
    html = page.content.decode()
    assert f"<title>{sign_in} · {title}</title>" in html
    assert re.search(rf'<option value="{language}" selected>', html)


def test_the_three_languages_render_differently(client):
    pages = {}
    for language in ("zh-hant", "zh-hans", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        pages[language] = client.get("/accounts/login/").content.decode()
    with translation.override("en"):
        assert gettext("Sign in") == "Sign in"
    assert "Sign in" in pages["en"]
    # the Chinese pages differ from English wherever the catalogs translate the strings
    for language in ("zh-hant", "zh-hans"):
        with translation.override(language):
            translated = gettext("Sign in")
        if translated != "Sign in":
            assert pages[language] != pages["en"]
            assert translated in pages[language]


def test_unknown_language_is_ignored(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert html_lang(client.get("/accounts/login/")) == "zh-hant"


def test_language_persists_after_sign_in(client, salesperson):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.force_login(salesperson)
    response = client.get("/")
    assert html_lang(response) == "en"
    assert "My work" in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("en-US,en;q=0.9", "zh-hant"), ("zh-CN,zh;q=0.9", "zh-hans"), ("zh-TW", "zh-hant")],
)
def test_browser_language_without_a_choice(client, accept, expected):
    """An English browser still gets the company language; a Chinese variant is honoured."""
    response = client.get("/accounts/login/", headers={"Accept-Language": accept})
    assert html_lang(response) == expected


def test_the_users_choice_beats_the_browser(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/accounts/login/", headers={"Accept-Language": "zh-CN"})
    assert html_lang(response) == "en"
