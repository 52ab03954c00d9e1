import pytest

from tests.factories import World


@pytest.fixture(autouse=True)
def _empty_cache():
    # The dashboard's counts are cached by a key of ids and times that another test's data
    # can repeat; throttles count per client. No test sees what an earlier one left.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test stores its uploads in its own folder, so a test sees only its own files.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    return World()
