"""The site can be added to a phone's home screen: a web app manifest with its icons (no
service worker: nothing is kept offline)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_site_installable(client):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert data["theme_color"] == "#1f3a60"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "maskable"), ("512x512", "maskable"), ("512x512", "any")} <= sizes
    for size in (192, 512):
        png = Path(settings.BASE_DIR) / "static" / "icons" / f"icon-{size}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(header[16:20], "big") == size  # width from the IHDR chunk
    page = client.get(reverse("login")).content.decode()
    assert 'rel="manifest"' in page and 'name="theme-color"' in page
