"""`ckan seoulplaza init`: a production site's groundwork, as docker/'s web role runs it."""
import pytest
from ckan.tests import helpers

from ckanext.seoulplaza.cli import seoulplaza
from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.ckan_config("ckanext.seoulplaza.source_urls",
                                      "seoulplaza_edms=http://edms.internal seoulplaza_budget=http://budget.internal"),
              pytest.mark.usefixtures("with_plugins", "harvest_db")]


def test_init_creates_themes_agencies_and_sources_and_can_run_again(cli):
    first = cli.invoke(seoulplaza, ["init"])
    assert first.exit_code == 0, first.output
    assert len(helpers.call_action("group_list")) == 12
    agencies = helpers.call_action("organization_list")
    assert "seoul" in agencies and len(agencies) > 25  # the 25 districts and the city's offices
    urls = sorted(s["url"] for s in helpers.call_action("harvest_source_list"))
    assert urls == ["http://budget.internal", "http://edms.internal"]
    again = cli.invoke(seoulplaza, ["init"])
    assert again.exit_code == 0 and "0 created" in again.output
    assert len(helpers.call_action("harvest_source_list")) == 2
