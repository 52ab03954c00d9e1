import pytest

from tests.factories import World


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test stores its uploads in its own folder, so a test sees only its own files.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    return World()
