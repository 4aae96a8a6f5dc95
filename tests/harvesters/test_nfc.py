"""Issue 25: text a source system sends in decomposed Hangul (NFD) is
published in NFC, like text entering by HTTP (``ckanext.seoulplaza.nfc``)."""
import unicodedata

import pytest
from ckan.tests import helpers

from harvesters import run

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "app")]


def test_a_harvested_record_sent_in_nfd_is_published_in_nfc(standin):
    served = standin("minutes", 1)
    (record,) = served.store.records.values()
    fields = record["fields"]
    sent = {name: fields[name] for name in ("title", "committee", "agenda", "meeting_place")}
    for name, value in sent.items():
        fields[name] = unicodedata.normalize("NFD", value)
        assert fields[name] != value
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors) == (1, []), summary.line()
    (found,) = helpers.call_action("package_search", q=sent["title"])["results"]
    assert {name: found[name] for name in ("title", "committee", "agenda", "meeting_place")} == sent
