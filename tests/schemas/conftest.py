import pytest

from ckanext.seoulplaza import demo, themes as theme_groups

PLUGINS = "seoulplaza_search seoulplaza scheming_datasets"


@pytest.fixture
def themes(clean_db, clean_index, with_plugins):
    """The 12 theme groups, as `ckan seoulplaza agencies load` creates them."""
    theme_groups.ensure_theme_groups(demo.site_context())
