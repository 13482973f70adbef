"""Start-page panels registered by apps."""

import pytest

from core import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_provider():
    def provider(user):
        if user.username.startswith("sup"):
            return home.Panel(
                title="Team at a glance",
                template="core/_panel_text.html",
                context={"text": f"{user.username}'s team"},
                url="/somewhere/",
            )
        return None

    home.register(provider)
    yield provider
    home._providers.remove(provider)


def test_panels_appear_for_whom_their_provider_answers(
    panel_provider, client_for, supervisor, salesperson
):
    page = client_for(supervisor).get("/").content.decode()
    assert "Team at a glance" in page and f"{supervisor.username}&#x27;s team" in page
    assert 'href="/somewhere/"' in page
    assert "Team at a glance" not in client_for(salesperson).get("/").content.decode()


def test_registering_twice_keeps_one_panel(panel_provider, supervisor):
    home.register(panel_provider)
    assert len([p for p in home.panels_for(supervisor) if p.title == "Team at a glance"]) == 1
