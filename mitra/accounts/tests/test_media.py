"""Issue 14 §3: no route serves uploaded files, not even under DEBUG; they are read only
through the records' access-checked download views."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve


@pytest.fixture
def debug_urlconf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import config.urls

    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield config.urls
    importlib.reload(config.urls)
    clear_url_caches()


def test_media_is_not_served_under_debug(client, officer, debug_urlconf):
    name = default_storage.save("agreements/2024/kemenkes-draft.pdf", ContentFile(b"%PDF-1.4"))
    assert default_storage.exists(name)
    path = f"/media/{name}"
    with pytest.raises(Resolver404):
        resolve(path, urlconf=debug_urlconf)
    client.force_login(officer)
    with override_settings(DEBUG=True):
        assert client.get(path).status_code == 404
