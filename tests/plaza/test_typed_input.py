"""Issue 25: what people type, as they type it, over HTTP against the portal's
plugins (CKAN app, PostgreSQL search, Redis): results or a refusal in words,
never a 500.

Kinds, and the siblings tried beyond the issue's examples:
* a colon that names no field is text (as Solr's edismax reads it): times
  (10:30), "제목: …" labels with and without a space, ratios (3:1), URLs;
  alongside a real field (``title:…``); on the API, the web search in both
  languages, ckanext-dcat's catalog and its search action;
* an empty key in ``sort`` (trailing, leading, doubled comma; only spaces):
  the list of every information type and of datasets in both languages,
  the organization and group lists, ``organization_list``/``group_list``
  (``sort`` and ``order_by``) by GET and by JSON; and the other list
  parameters CKAN reads unchecked: ``_<facet>_limit`` on organization and
  group pages, ``limit`` on the user list;
* a search the index refuses, escaping a page that does not catch it: the
  DCAT catalog in every format with a malformed ``q``/``fq`` or a forbidden
  query parser; ckanext-dcat's actions with an unknown ``profiles`` or
  ``format``, and the list actions' yes/no flags that are neither; and the
  catalog's page links written with ``q``/``fq`` as typed (a space made
  Turtle refuse the whole catalog);
* decomposed Hangul (NFD) entering by a JSON body (as raw UTF-8 and as
  ``\\u`` escapes), a urlencoded form, a multipart form and the query string:
  records, tags, extras, resources, organizations, groups, comments,
  petitions, and ``q``/``fq``.
"""
from __future__ import annotations

import json
import unicodedata

import pytest
from ckan import model
from ckan.tests import factories, helpers
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from tests.conftest import PLUGINS

from .conftest import KOREAN, PARTICIPATION

pytestmark = [*[mark for mark in PARTICIPATION if mark.args[:1] != ("ckan.plugins",)], *KOREAN,
              pytest.mark.ckan_config("ckan.plugins", PLUGINS + " comments dcat"),
              pytest.mark.ckan_config("ckanext.dcat.rdf.profiles",
                                      "euro_dcat_ap_3 euro_dcat_ap_scheming seoulplaza")]

URL = "http://opengov.seoul.go.kr/sanction/23874133"


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


@pytest.fixture
def records():
    org = factories.Organization(name="budget-office", title="예산담당관")
    make = lambda name, **fields: factories.Dataset(name=name, owner_org=org["id"], **fields)  # noqa: E731
    return {
        "meeting": make("meeting", title="정례 회의 10:30 시작", notes="회의실 3층"),
        "allowance": make("allowance", title="청년수당 업무추진비 집행내역", notes="보고서 제목: 청년수당 지급"),
        "ratio": make("ratio", title="공무원 채용 경쟁률", notes="경쟁률 3:1 기록"),
        "linked": make("linked", title="결재문서 안내", notes=f"원문은 {URL} 에서 봅니다"),
        "other": make("other", title="도로 보수 공사", notes="http://example.org/other 참고"),
    }


def api_names(app, **params):
    response = app.get("/api/3/action/package_search", params=params)
    assert response.status_code == 200, response.body[:500]
    return {r["name"] for r in response.json["result"]["results"]}


COLON_QUERIES = {  # what was typed: the records it must find
    "10:30 회의": {"meeting"},
    "회의 10:30": {"meeting"},
    "청년수당: 업무추진비": {"allowance"},
    "청년수당:업무추진비": {"allowance"},
    "제목: 청년수당": {"allowance"},
    "제목:청년수당": {"allowance"},
    "3:1": {"ratio"},
    "경쟁률 3:1": {"ratio"},
    URL: {"linked"},
    f"{URL}?page=2": set(),  # every word counts, as in any query
    "title:청년수당 10:30": set(),
    "title:회의 10:30": {"meeting"},
    "name:ratio 3:1": {"ratio"},
    "title:경쟁률": {"ratio"},  # a known field still narrows
    "notes:경쟁률": {"ratio"},
    "organization:budget-office 보수": {"other"},
}


def test_a_colon_that_names_no_field_is_text_on_the_api(app, records):
    found = {q: api_names(app, q=q) for q in COLON_QUERIES}
    assert found == COLON_QUERIES


def test_the_web_search_and_the_catalog_find_what_was_typed(app, records):
    for q, title in [("10:30 회의", "정례 회의 10:30 시작"), ("청년수당: 업무추진비", "청년수당 업무추진비 집행내역"),
                     (URL, "결재문서 안내")]:
        for path in ("/dataset/", "/en/dataset/"):
            response = app.get(path, params={"q": q})
            assert response.status_code == 200, (path, q)
            assert title in response.body and "도로 보수 공사" not in response.body, (path, q)
        response = app.get("/api/3/action/dcat_catalog_search", params={"q": q})
        assert response.status_code == 200, (q, response.body[:300])
        catalog = response.json["result"]
        assert title in catalog and "도로 보수 공사" not in catalog, q
    for fmt, syntax in (("xml", "xml"), ("rdf", "xml"), ("ttl", "turtle"), ("jsonld", "json-ld")):
        response = app.get(f"/catalog.{fmt}", params={"q": "청년수당: 업무추진비"})
        assert response.status_code == 200, (fmt, response.body[:300])
        graph = Graph().parse(data=response.get_data(as_text=True), format=syntax)
        assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1, fmt
        assert "청년수당 업무추진비 집행내역" in response.get_data(as_text=True), fmt
    for params in ({"q": "청년수당 업무추진비"}, {"fq": 'title:"청년수당 업무추진비"'}, {"q": "청년수당 {x}|<y>"}):
        for fmt in ("ttl", "n3", "xml", "jsonld"):
            response = app.get("/api/3/action/dcat_catalog_search", params={**params, "format": fmt})
            assert response.status_code == 200, (params, fmt, response.body[:300])
        assert app.get("/catalog.ttl", params=params).status_code == 200, params


# --- sort with an empty key -------------------------------------------------

EMPTY_KEYS = ["title_string asc,", ",title_string asc", "title_string asc,,name desc", " , title_string asc ,", ",",
              " "]
LISTS = ["/dataset/", "/en/dataset/", "/sanction/", "/meeting/", "/organization/", "/group/", "/en/organization/"]


def test_a_sort_with_an_empty_key_lists_the_page(app, records):
    answers = {(path, sort): app.get(path, params={"q": "", "sort": sort}).status_code
               for path in LISTS for sort in EMPTY_KEYS}
    assert answers == dict.fromkeys(answers, 200)
    body = app.get("/dataset/", params={"q": "", "sort": "title_string desc,"}).body
    titles = ["청년수당 업무추진비 집행내역", "정례 회의 10:30 시작", "도로 보수 공사", "공무원 채용 경쟁률", "결재문서 안내"]
    positions = [body.index(t) for t in titles]
    assert positions == sorted(positions), "the remaining key orders the list"


def test_list_actions_take_a_sort_with_an_empty_key(app):
    for name in ("b", "a", "c"):
        factories.Organization(name=f"org-{name}"), factories.Group(name=f"gro-{name}")
    for action in ("organization_list", "group_list"):
        for param in ("sort", "order_by"):
            for value in ("name desc,", ",", " ", " ,name desc,, "):
                for response in (app.get(f"/api/3/action/{action}", params={param: value}),
                                 app.post(f"/api/3/action/{action}", json={param: value})):
                    assert response.status_code == 200, (action, param, value, response.body[:300])
                    names = response.json["result"]
                    assert {f"{action[:3]}-a", f"{action[:3]}-b", f"{action[:3]}-c"} <= set(names)
                    if "name desc" in value:
                        assert names == sorted(names, reverse=True), (action, param, value)
    response = app.get("/api/3/action/organization_list", params={"sort": "name sideways,"})
    assert response.status_code == 409 and "sideways" in response.body, "an unusable key is still refused"
    for action in ("organization_list", "group_list"):
        for flag in ("all_fields", "include_extras", "include_dataset_count"):
            response = app.get(f"/api/3/action/{action}", params={flag: "maybe"})
            assert response.status_code == 409 and flag in response.json["error"], (action, flag, response.body[:300])
        assert app.get(f"/api/3/action/{action}", params={"all_fields": "true"}).status_code == 200


def test_a_facet_or_list_limit_that_is_no_number_is_refused_in_words(app, records):
    organization = "/organization/budget-office"
    for path, name in ((organization, "_tags_limit"), (organization, "_res_format_limit"),
                       ("/dataset/", "_tags_limit"), ("/user/", "limit")):
        response = app.get(path, params={name: "x"})
        assert response.status_code == 400 and name in response.body, (path, name, response.status_code)
    assert app.get("/organization/budget-office", params={"_tags_limit": "5"}).status_code == 200


# --- a refused search escaping a page ---------------------------------------

REFUSED = [({"q": "title:(청년"}, "unbalanced"), ({"fq": 'title:"청년'}, "unterminated quote"),
           ({"fq": "metadata_modified:[어제 TO *]"}, "invalid date"), ({"q": "{!child of=x}y"}, "Local parameters")]


def test_the_dcat_catalog_refuses_a_malformed_search_in_words(app, records):
    for params, words in REFUSED:
        for fmt in ("xml", "ttl", "jsonld", "rdf"):
            response = app.get(f"/catalog.{fmt}", params=params)
            assert response.status_code == 400, (fmt, params, response.body[:300])
            assert words in response.body and "검색 질의어가 잘못되었습니다" in response.body, (fmt, params)
        response = app.get("/api/3/action/dcat_catalog_search", params=params)
        assert response.status_code in (400, 409) and words in response.body, (params, response.body[:300])
    for action, extra in (("dcat_catalog_search", {}), ("dcat_catalog_show", {}),
                          ("dcat_dataset_show", {"id": records["meeting"]["id"]})):
        for name in ("profiles", "format"):
            response = app.get(f"/api/3/action/{action}", params={**extra, name: "nonsense"})
            assert response.status_code == 409 and name in response.json["error"], (action, name, response.body[:300])
    assert app.get("/catalog.xml", params={"profiles": "nonsense"}).status_code == 409


# --- one Unicode form (NFC) wherever text enters ----------------------------

def _stored_texts(package_id: str) -> list[str]:
    record = helpers.call_action("package_show", id=package_id)
    resource = record["resources"][0]
    extras = {e["key"]: e["value"] for e in record.get("extras", [])}
    return [record["title"], record["notes"], *[t["name"] for t in record["tags"]], extras.get("담당", ""),
            resource["name"], resource["description"]]


@pytest.mark.parametrize("escaped", [True, False], ids=["json with \\u escapes", "json as utf-8"])
def test_a_record_written_in_nfd_is_stored_and_indexed_in_nfc(app, escaped):
    sysadmin = factories.SysadminWithToken()
    org = factories.Organization()
    factories.Dataset(owner_org=org["id"], name="typed-nfc", tags=[{"name": "청년"}])
    record = {"name": "typed-nfd", "owner_org": org["id"], "title": nfd("청년 정책 자료"), "notes": nfd("청년수당 안내"),
              "tags": [{"name": nfd("청년")}], "extras": [{"key": "담당", "value": nfd("청년정책과")}],
              "resources": [{"url": "http://example.org/a.csv", "name": nfd("청년 표"),
                             "description": nfd("청년 표 설명")}]}
    response = app.post("/api/3/action/package_create", data=json.dumps(record, ensure_ascii=escaped),
                        headers={"Authorization": sysadmin["token"], "Content-Type": "application/json"})
    assert response.status_code == 200, response.body[:500]
    assert _stored_texts("typed-nfd") == ["청년 정책 자료", "청년수당 안내", "청년", "청년정책과", "청년 표", "청년 표 설명"]
    facets = app.get("/api/3/action/package_search", params={"facet.field": '["tags"]'}).json["result"]["facets"]
    assert facets["tags"] == {"청년": 2}
    for tag in ("청년", nfd("청년")):  # fq as typed in either form
        assert api_names(app, fq=f"tags:{tag}") == {"typed-nfc", "typed-nfd"}
        assert api_names(app, q=f"tags:{tag}") == {"typed-nfc", "typed-nfd"}
    assert api_names(app, q=nfd("청년수당")) == {"typed-nfd"}


def test_the_web_search_box_in_nfd_finds_the_nfc_tag(app):
    factories.Dataset(name="tagged", tags=[{"name": "청년"}])
    response = app.get("/dataset/", params={"tags": nfd("청년")})
    assert response.status_code == 200
    assert "/dataset/tagged" in response.body


def test_organizations_and_groups_posted_by_form_are_stored_in_nfc(app):
    sysadmin = factories.SysadminWithToken()
    auth = {"Authorization": sysadmin["token"]}
    urlencoded = app.post("/api/3/action/organization_create", data={"name": "org-nfd", "title": nfd("청년정책과"),
                                                                      "description": nfd("청년 업무")}, headers=auth)
    assert urlencoded.status_code == 200, urlencoded.body[:300]
    organization = model.Group.get("org-nfd")
    assert (organization.title, organization.description) == ("청년정책과", "청년 업무")
    multipart = app.post("/group/new", data={"name": "group-nfd", "title": nfd("청년 모음"), "description": nfd("청년"),
                                             "image_upload": (b"", ""), "save": ""},
                         headers=auth, content_type="multipart/form-data", follow_redirects=False)
    assert multipart.status_code in (200, 302), multipart.body[:300]
    group = model.Group.get("group-nfd")
    assert (group.title, group.description) == ("청년 모음", "청년")


def test_comments_and_petitions_are_stored_in_nfc(app, records):
    citizen = factories.UserWithToken()
    auth = {"Authorization": citizen["token"]}
    comment = app.post("/api/3/action/comments_comment_create", headers=auth,
                       data=json.dumps({"subject_id": records["meeting"]["id"], "subject_type": "package",
                                        "content": nfd("청년 회의 잘 봤습니다")}),
                       content_type="application/json")
    assert comment.status_code == 200, comment.body[:300]
    assert comment.json["result"]["content"] == "청년 회의 잘 봤습니다"
    petition = app.post("/api/3/action/seoulplaza_petition_create", headers=auth,
                        json={"package_id": records["meeting"]["id"], "kind": nfd("문의"), "title": nfd("청년 문의"),
                              "body": nfd("청년 회의 시간 문의")})
    assert petition.status_code == 200, petition.body[:300]
    assert (petition.json["result"]["title"], petition.json["result"]["body"]) == ("청년 문의", "청년 회의 시간 문의")
