import pytest
from django.utils import translation


@pytest.fixture
def english(settings):
    """Messages in the English source text, for tests that read them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
