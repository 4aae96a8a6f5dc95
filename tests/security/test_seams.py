"""The xloader internals the plaza's defences replace (security/xloader_fetch.py).
If an upgrade moves them, these fail first and say which: the SSRF guard and
the masking of linked tables would otherwise silently stop applying."""
import inspect

import pytest
from ckanext.xloader import jobs

from ckanext.seoulplaza.security import xloader_fetch
from tests.conftest import PLUGINS


def test_xloader_downloads_through_the_two_functions_the_plaza_replaces():
    job = inspect.getsource(jobs.xloader_data_into_datastore_)
    assert "_download_resource_data(resource, data, api_key" in job
    download = inspect.getsource(getattr(jobs._download_resource_data, "original", jobs._download_resource_data))
    assert "response = get_response(download_url, headers)" in download
    assert {"get_tmp_file", "DOWNLOAD_TIMEOUT", "ssl_verify"} <= set(vars(jobs))


@pytest.mark.ckan_config("ckan.plugins", PLUGINS + " xloader")
@pytest.mark.usefixtures("with_plugins")
def test_the_plaza_download_is_installed_when_xloader_is_loaded():
    assert getattr(jobs._download_resource_data, "seoulplaza", False)
    assert jobs.get_response is xloader_fetch.get_response
