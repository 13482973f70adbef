import pytest
from django.utils import translation

from underwriting.services import ensure_default_checklist


@pytest.fixture(autouse=True)
def english(settings):
    """Messages in the English source text, for tests that read them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def checklist(db):
    """The default document checklist (the data migration's rows do not survive the flush
    of transactional tests, so tests ask for it)."""
    ensure_default_checklist()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Company settings and My-work counts are cached: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
