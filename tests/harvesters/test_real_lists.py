"""Issue 25: every row of the four real Seoul lists is published by the
harvest (metadata through the mapping and the schemas; attachments aside),
and a row whose optional field is malformed is published with a warning for
its stewards instead of being dropped."""
import pytest
from ckan.tests import helpers

from harvesters import run

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "app")]

# system -> (record kinds from the real lists, rows); the one known bad value: research 6410055's ISBN
REAL_LISTS = {"edms": ({"sanction"}, 346), "admin": ({"proactive", "research"}, 37 + 191),
              "budget": ({"expense"}, 238)}


@pytest.mark.parametrize("system", sorted(REAL_LISTS))
def test_every_row_of_the_real_lists_is_published(standin, system):
    kinds, rows = REAL_LISTS[system]
    served = standin(system)
    served.store.records = {i: r for i, r in served.store.records.items() if r["kind"] in kinds}
    for record in served.store.records.values():
        record["attachments"] = []  # the mapping is under test here; documents have their own tests
    assert len(served.store.records) == rows
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors) == (rows, []), summary.line()
    assert helpers.call_action("package_search", rows=0)["count"] == rows
    if system == "admin":
        assert len(summary.warnings) == 1 and "6410055" in summary.warnings[0], summary.warnings
    else:
        assert summary.warnings == [], summary.warnings
