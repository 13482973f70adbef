import pytest
from django.utils import translation

from aftersales.services import ensure_default_claim_checklist
from underwriting.services import ensure_default_checklist


@pytest.fixture(autouse=True)
def english(settings):
    """Messages in the English source text, for tests that read them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def checklists(db):
    """The default application and claim checklists (the data migrations' rows do not
    survive the flush of transactional tests)."""
    ensure_default_checklist()
    ensure_default_claim_checklist()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Company settings and My-work counts are cached: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
