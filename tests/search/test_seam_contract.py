"""The CKAN internals the PostgreSQL seam relies on. If a CKAN upgrade moves any
of them, these tests fail first and say which one (see search/seam.py)."""
import importlib
import inspect

import pytest
from ckan.lib import search
from ckan.lib.search import common, index, query

from ckanext.seoulplaza.search import connection, seam

pytestmark = pytest.mark.search_backend("postgres")


@pytest.mark.parametrize("module_name, attr", seam.CONNECTION_SITES + (seam.SCHEMA_CHECK_SITE,))
def test_every_patched_name_exists_in_ckan(module_name, attr):
    assert hasattr(importlib.import_module(module_name), attr), f"{module_name}.{attr} is gone"


def test_seam_is_installed_by_the_test_configuration():
    assert seam.installed()
    for module_name, attr in seam.CONNECTION_SITES:
        assert getattr(importlib.import_module(module_name), attr) is seam.make_connection
    assert search.check_solr_schema_version is seam.check_schema_version


def _source(obj) -> str:
    return inspect.getsource(obj)


def test_ckan_indexes_through_make_connection_add():
    source = _source(index.PackageSearchIndex.index_package)
    assert "make_connection()" in source and "conn.add(docs=[pkg_dict]" in source
    assert "permission_labels" in source and "before_dataset_index" in source


def test_ckan_deletes_and_clears_through_make_connection_delete():
    assert "conn.delete(q=query" in _source(index.PackageSearchIndex.delete_package)
    assert "conn.delete(q=query)" in _source(index.clear_index)
    assert "conn.commit()" in _source(index.clear_index)


def test_ckan_searches_through_make_connection_search():
    source = _source(query.PackageSearchQuery.run)
    assert "make_connection(decode_dates=False)" in source
    assert "conn.search(**query)" in source
    assert "solr_response.hits" in source and "solr_response.docs" in source
    assert "solr_response.facets.get('facet_fields'" in source


def test_ckan_checks_solr_through_module_attributes():
    assert "search.check_solr_schema_version()" in _source(importlib.import_module("ckan.config.environment"))
    assert "make_connection()" in _source(common.is_available)


def test_index_writes_happen_inside_the_commit():
    """Same-transaction indexing relies on CKAN notifying observers in before_commit."""
    from ckan.model import modification
    assert "before_commit" in _source(modification.DomainObjectModificationExtension)
    assert "index.update_dict" in _source(search.dispatch_by_operation)


def test_uninstall_restores_ckan_and_install_reapplies():
    originals = {site: seam._originals[site] for site in seam._originals}
    seam.uninstall()
    try:
        assert not seam.installed()
        for (module_name, attr), original in originals.items():
            assert getattr(importlib.import_module(module_name), attr) is original
    finally:
        seam.install()
    assert index.make_connection is seam.make_connection
    assert isinstance(index.make_connection(), connection.PostgresSolrConnection)
