"""The xloader and CKAN internals the plaza's table loading and Korean search
replace or read (table_load.py, table_reload.py, datastore_fulltext.py). If an
upgrade moves them, these fail first and say which: loads would silently stop
keeping the previous table, typing Korean notations, or finding Korean."""
import inspect

import pytest
from ckanext.datatablesview import blueprint
from ckanext.xloader import jobs, loader

from .conftest import PLUGINS_WITH_XLOADER


def test_xloader_empties_loads_and_indexes_through_the_functions_the_plaza_replaces():
    csv_load = inspect.getsource(inspect.unwrap(loader.load_csv))
    assert "_clear_datastore_resource(resource_id)" in csv_load and "delete_datastore_resource(resource_id)" in csv_load
    assert "_populate_fulltext(conn, resource_id, fields=fields, logger=logger)" in csv_load
    job = inspect.getsource(jobs.xloader_data_into_datastore)
    assert "xloader_data_into_datastore_(input, job_dict, logger)" in job
    assert "loader.load_table(" in inspect.getsource(jobs.xloader_data_into_datastore_)


def test_ckans_preview_still_spoils_what_the_visitor_types_in_the_form_fields_read_back():
    ajax = inspect.getsource(blueprint.ajax)
    assert "re.sub(r'[^0-9a-zA-Z\\-]+', '_'" in ajax
    assert "u'search[value]'" in ajax and "u'columns[%d][search][value]'" in ajax and "u'columns[%d][name]'" in ajax


@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins")
def test_the_plazas_loading_is_installed_when_xloader_is_loaded():
    assert getattr(loader.load_csv, "seoulplaza", False) and getattr(jobs.xloader_data_into_datastore_, "seoulplaza")
    assert getattr(loader._clear_datastore_resource, "seoulplaza") and getattr(loader.delete_datastore_resource,
                                                                               "seoulplaza")
    assert loader._populate_fulltext.__module__ == "ckanext.seoulplaza.datastore_fulltext"
