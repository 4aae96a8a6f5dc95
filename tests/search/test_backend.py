"""The search backend behind CKAN's own actions: PostgreSQL, and Solr with --search-backend=solr
(tests about the PostgreSQL table itself are marked so)."""
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.lib.search.common import SearchQueryError
from ckan.tests import factories, helpers

from ckanext.seoulplaza.search import store

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")
postgres_only = pytest.mark.search_backend("postgres")


def names(**params):
    return [r["name"] for r in helpers.call_action("package_search", **params)["results"]]


@postgres_only
def test_create_update_delete_are_searchable_at_once(index_rows):
    dataset = factories.Dataset(title="Rivers of Seoul")
    assert names(q="rivers") == [dataset["name"]]
    helpers.call_action("package_patch", id=dataset["id"], title="Lakes of Seoul")
    assert names(q="rivers") == []
    assert names(q="lakes") == [dataset["name"]]
    helpers.call_action("package_delete", id=dataset["id"])
    assert names(q="lakes") == []
    assert dataset["id"] not in index_rows()  # ckan.search.remove_deleted_packages (default)


@postgres_only
def test_index_row_commits_and_rolls_back_with_the_dataset():
    dataset = factories.Dataset(title="Original title")
    seen_in_transaction = []

    def refuse_commit(session):  # runs after CKAN has indexed in before_commit
        seen_in_transaction.extend(session.execute(sa.text(
            f"SELECT doc->>'title' FROM {store.TABLE} WHERE id = :id"), {"id": dataset["id"]}).scalars())
        raise RuntimeError("commit refused")

    sa.event.listen(model.Session, "before_commit", refuse_commit)
    try:
        model.Package.get(dataset["id"]).title = "Changed title"
        with pytest.raises(RuntimeError):
            model.Session.commit()
    finally:
        sa.event.remove(model.Session, "before_commit", refuse_commit)
    model.Session.rollback()
    assert seen_in_transaction == ["Changed title"]
    assert names(q="changed") == []
    assert names(q="original") == [dataset["name"]]


def test_private_and_draft_datasets_are_hidden_from_those_without_rights():
    owner = factories.User()
    stranger = factories.User()
    org = factories.Organization(user=owner)
    public = factories.Dataset(owner_org=org["id"], title="Budget public")
    private = factories.Dataset(owner_org=org["id"], private=True, title="Budget private")
    draft = factories.Dataset(owner_org=org["id"], state="draft", title="Budget draft")

    def visible(user, **params):
        context = {"user": user["name"] if user else "", "ignore_auth": False}
        return {r["name"] for r in helpers.call_action(
            "package_search", context=context, q="budget", **params)["results"]}

    assert visible(None, include_private=True, include_drafts=True) == {public["name"]}
    assert visible(stranger, include_private=True, include_drafts=True) == {public["name"]}
    assert visible(owner, include_private=True) == {public["name"], private["name"]}
    assert visible(owner, include_private=True, include_drafts=True) == {
        public["name"], private["name"], draft["name"]}
    # fq cannot widen what permission labels allow (Solr reads this fq's top-level OR as
    # optional clauses beside CKAN's +state:(active), so the public record may come back)
    assert visible(stranger, include_private=True, fq="capacity:private OR state:draft") <= {public["name"]}


def test_rebuild_restores_the_index_from_the_database(cli):
    from ckan.cli.cli import ckan as ckan_command
    datasets = [factories.Dataset(title=f"Record {i}") for i in range(3)]
    search.clear_all()
    assert names(q="record") == []
    result = cli.invoke(ckan_command, ["search-index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert sorted(names(q="record")) == sorted(d["name"] for d in datasets)


@postgres_only
def test_clear_index_empties_the_table(index_rows):
    factories.Dataset()
    assert index_rows()
    search.clear_all()
    assert index_rows() == set()


@pytest.fixture
def catalogue():
    org = factories.Organization(name="org-a")
    group = factories.Group(name="group-a")
    datasets = {
        "alpha": factories.Dataset(name="alpha", title="Alpha report", owner_org=org["id"],
                                   tags=[{"name": "economy"}, {"name": "세금"}],
                                   groups=[{"name": "group-a"}], extras=[{"key": "region", "value": "Jongno gu"}]),
        "beta": factories.Dataset(name="beta", title="Beta report", tags=[{"name": "economy"}],
                                  resources=[{"url": "http://x/y.csv", "format": "CSV", "name": "table one"}]),
        "gamma": factories.Dataset(name="gamma", title="Gamma notes", notes="A report about 세금 in Seoul",
                                   license_id="cc-by"),
    }
    return datasets


@pytest.mark.parametrize("fq, expected", [
    ("tags:economy", {"alpha", "beta"}),
    ('tags:"economy"', {"alpha", "beta"}),
    ("tags:세금", {"alpha"}),
    ("-tags:economy", {"gamma"}),
    ("tags:economy -name:beta", {"alpha"}),
    ("name:(alpha OR gamma)", {"alpha", "gamma"}),
    # CKAN writes "+capacity:public <fq> +state:(active)": on Solr a top-level OR leaves both
    # sides optional (every record matches); the PostgreSQL backend reads the fq as one group.
    pytest.param("name:alpha OR name:beta", {"alpha", "beta"}, marks=postgres_only),
    ("organization:org-a", {"alpha"}),
    ("groups:group-a", {"alpha"}),
    ("res_format:CSV", {"beta"}),
    ("res_format:csv", set()),  # string fields are exact, as in Solr
    ("res_format:*", {"beta"}),
    ("name:al*", {"alpha"}),
    ("name:?eta", {"beta"}),
    ("title:report", {"alpha", "beta"}),
    ("title:REPORT", {"alpha", "beta"}),  # text fields are analysed
    ("extras_region:jongno", {"alpha"}),
    ("license_id:cc-by", {"gamma"}),
    ("metadata_modified:[2000-01-01T00:00:00Z TO *]", {"alpha", "beta", "gamma"}),
    ("metadata_modified:[* TO 2000-01-01T00:00:00Z]", set()),
    ("metadata_created:[NOW-1DAY TO NOW+1DAY]", {"alpha", "beta", "gamma"}),
    ("name:nothing-like-this", set()),
])
def test_fq(catalogue, fq, expected):
    assert set(names(fq=fq)) == expected


def test_free_text_searches_title_tags_notes_and_resources(catalogue):
    assert set(names(q="report")) == {"alpha", "beta", "gamma"}
    assert names(q="table") == ["beta"]
    assert set(names(q="세금")) == {"alpha", "gamma"}
    assert names(q="report -alpha -beta") == ["gamma"]
    assert names(q='"gamma notes"') == ["gamma"]
    assert names(q='"notes gamma"') == []


def test_title_matches_rank_above_body_matches(catalogue):
    assert names(q="report")[:2] in (["alpha", "beta"], ["beta", "alpha"])
    assert names(q="report")[2] == "gamma"


def test_sort_rows_start_fl_and_facets(catalogue):
    assert names(sort="name desc") == ["gamma", "beta", "alpha"]
    assert names(sort="title_string asc", rows=1, start=1) == ["beta"]
    result = helpers.call_action("package_search", fl="name,title", sort="name asc", rows=1)
    assert result["results"] == [{"name": "alpha", "title": "Alpha report"}]
    assert result["count"] == 3
    facets = helpers.call_action("package_search", **{"facet.field": '["tags", "license_id"]'})["facets"]
    assert facets["tags"] == {"economy": 2, "세금": 1}
    assert facets["license_id"]["cc-by"] == 1


@pytest.mark.parametrize("params", [
    {"fq": "name:(alpha"},
    {"fq": 'title:"unterminated'},
    {"fq": "metadata_modified:[yesterday TO *]"},
    {"q": "name:"},
    {"sort": "name sideways"},
])
def test_bad_queries_are_search_query_errors(catalogue, params):
    with pytest.raises(SearchQueryError):
        helpers.call_action("package_search", **params)


@pytest.mark.parametrize("query", ["fq=name:(alpha", "sort=name+sideways", "fq=metadata_modified:[x+TO+*]"])
def test_bad_queries_get_a_clear_client_error_not_a_500(app, catalogue, query):
    response = app.get(f"/api/3/action/package_search?{query}", status=400)
    error = response.json["error"]
    assert error["__type"] == "Search Query Error"
    assert "Search Query is invalid" in error["message"]


def test_dataset_search_page_explains_a_bad_query(app, catalogue):
    response = app.get("/dataset/?q=name:(alpha", status=400)
    assert "unbalanced" in response.body


def test_organization_bulk_private_reaches_the_index():
    org = factories.Organization()
    datasets = [factories.Dataset(owner_org=org["id"], title="Bulk item") for _ in range(3)]
    helpers.call_action("bulk_update_private", datasets=[d["id"] for d in datasets], org_id=org["id"])
    anonymous = {"user": "", "ignore_auth": False}
    assert helpers.call_action("package_search", context=anonymous, q="bulk")["count"] == 0
    helpers.call_action("bulk_update_public", datasets=[d["id"] for d in datasets], org_id=org["id"])
    assert helpers.call_action("package_search", context=anonymous, q="bulk")["count"] == 3


@postgres_only
def test_a_table_of_an_older_shape_is_upgraded_in_place():
    """An index made by an earlier version keeps working without a rebuild:
    the derived columns are re-made from the Solr documents it keeps."""
    private = factories.Dataset(owner_org=factories.Organization()["id"], private=True, title="Hidden")
    public = factories.Dataset(title="Shown")
    derived = ["terms", "text_terms", "tsv"] + [c for c in store.fields.FILTER_COLUMNS if c != "site_id"]
    model.Session.execute(sa.text(f"ALTER TABLE {store.TABLE} " + ", ".join(f"DROP COLUMN {c}" for c in derived)))
    model.Session.execute(sa.text(f"COMMENT ON TABLE {store.TABLE} IS NULL"))
    model.Session.commit()

    store.ensure_table(model.Session)
    model.Session.commit()

    labels = dict(model.Session.execute(sa.text(f"SELECT id, permission_labels FROM {store.TABLE}")).all())
    assert labels[public["id"]] == ["public"]
    assert labels[private["id"]] == [f"member-{private['owner_org']}"]
    assert names() == [public["name"]]
    assert names(q="shown") == [public["name"]]
    assert names(fq="title:shown") == [public["name"]]
