"""Korean in DataStore search and the table preview (issue 25): whole words,
words with particles, parts of words, by column, as typed into the preview;
for tables loaded by xloader and rows written through the API alike."""
import json

import pytest

from ckan.tests import factories, helpers

from .conftest import PLUGINS_WITH_XLOADER

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER),
              pytest.mark.usefixtures("with_plugins")]

TABLE = ("장소,집행목적,금액(원)\n"
         "강남구청 별관,안전총괄과 간담회,10000\n"
         "강남구에서 열린 설명회,예산 협의,20000\n"
         "서초구 양재동,강남 지역 순찰 협의,30000\n"
         "중구 세종대로,청년수당 간담회,40000\n")


@pytest.fixture
def korean_table(xloader_site):
    return xloader_site(TABLE.encode("utf-8"), "places.csv", format="CSV")


def _amounts(resource_id, **search):
    found = helpers.call_action("datastore_search", resource_id=resource_id, limit=100, **search)
    return sorted(int(float(r["exec_amount"])) for r in found["records"])


@pytest.mark.parametrize("q, amounts", [
    ("강남구", [10000, 20000]),              # a whole word, and with a particle (강남구에서)
    ("강남", [10000, 20000, 30000]),         # the beginning of a word, and a word
    ("남구", [10000, 20000]),                # the middle of a word
    ("총괄과", [10000]),                     # the end of a word (안전총괄과)
    ("간담회를", [10000, 40000]),            # a query word with a particle
    ("강남구 간담회", [10000]),              # every word required
    ("부산", []),
    ("40000", [40000]),                      # numbers as before
])
def test_datastore_search_finds_korean_words_and_parts_of_words(korean_table, q, amounts):
    assert _amounts(korean_table["id"], q=q) == amounts


def test_a_search_in_one_column_searches_that_column_by_id_or_label(korean_table):
    assert _amounts(korean_table["id"], q={"exec_loc": "강남"}) == [10000, 20000]  # 30000 has 강남 elsewhere only
    assert _amounts(korean_table["id"], q={"장소": "서초구"}) == [30000]
    assert _amounts(korean_table["id"], q='{"장소": "중구"}') == [40000]  # as a query string carries it


def test_rows_written_through_the_api_are_found_alike(harvest_db):
    dataset = factories.Dataset()
    resource = factories.Resource(package_id=dataset["id"], url="", url_type="datastore")
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": "place", "type": "text"}, {"id": "n", "type": "int"}],
                        records=[{"place": "강남구청 별관", "n": 1}, {"place": "서초구 양재동", "n": 2}])
    helpers.call_action("datastore_upsert", resource_id=resource["id"], force=True, method="insert",
                        records=[{"place": "강남구에서 열린 설명회", "n": 3}])
    found = helpers.call_action("datastore_search", resource_id=resource["id"], q="남구")["records"]
    assert sorted(r["n"] for r in found) == [1, 3]


def test_a_callers_own_tsquery_is_left_alone(korean_table):
    assert _amounts(korean_table["id"], q="강남구청:*", plain=False) == [10000]


def _preview(app, view, **form):
    fields = {"draw": "1", "start": "0", "length": "50", "search[value]": "", "search[regex]": "false"}
    for i, name in enumerate(["_id", "exec_loc", "exec_purpose", "exec_amount"]):
        fields.update({f"columns[{i}][data]": name, f"columns[{i}][name]": name,
                       f"columns[{i}][searchable]": "true", f"columns[{i}][search][value]": ""})
    fields.update(form)
    answer = json.loads(app.post(f"/datatables/ajax/{view['id']}", data=fields).data)
    return answer["recordsTotal"], sorted(int(float(r["exec_amount"])) for r in answer["data"])


def test_the_table_preview_searches_what_the_visitor_typed(korean_table, app):
    steward = helpers.call_action("get_site_user")["name"]
    view = helpers.call_action("resource_view_create", context={"user": steward}, resource_id=korean_table["id"],
                               view_type="datatables_view", title="미리보기")
    assert _preview(app, view, **{"search[value]": "강남구"}) == (4, [10000, 20000])
    assert _preview(app, view, **{"search[value]": "남구"}) == (4, [10000, 20000])
    assert _preview(app, view, **{"columns[1][search][value]": "강남"}) == (4, [10000, 20000])
    assert _preview(app, view, **{"search[value]": "간담"}) == (4, [10000, 40000])
    assert _preview(app, view) == (4, [10000, 20000, 30000, 40000])
