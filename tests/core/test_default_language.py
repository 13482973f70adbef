"""The company language is the default; a Chinese browser's variant and a chosen language win."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("en-US,en;q=0.9", None, "zh-hant"),  # an office PC set up in English
        ("zh-CN,zh;q=0.9", None, "zh-hans"),
        ("zh-TW", None, "zh-hant"),
        ("zh-CN", "en", "en"),  # the user's own choice
        ("en-US", "zh-hans", "zh-hans"),
    ],
)
def test_language_resolution(client, settings, accept, cookie, expected):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert f'<html lang="{expected}">' in response.content.decode()
