"""Issue 25: text stored in decomposed Hangul (NFD) before the plaza
normalised what enters it is found and rewritten in NFC by
``ckan seoulplaza nfc check [--repair]`` (a dry run without ``--repair``):
the tag facet holds one 청년 again, ``fq=tags:청년`` and searches find the
records, and the index agrees with the database."""
import unicodedata

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories, helpers

from ckanext.seoulplaza import index_check, nfc_repair
from ckanext.seoulplaza.cli import seoulplaza

from tests.schemas.conftest import PLUGINS
from tests.schemas.records import valid_record

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")]


def nfd(text):
    return unicodedata.normalize("NFD", text)


def _stored_before_normalisation():
    """Three records as they were stored before ``nfc.py``: written past the
    entry normalisation, straight into the tables, then indexed."""
    org = factories.Organization(title="청년정책과")
    records = [helpers.call_action("package_create", **valid_record(
        "sanction", org["id"], name=f"youth-{n}", source_id=f"youth-{n}", title=f"청년 주거 지원 계획 {n}", tag_string="청년,주거",
        resources=[{"name": "청년 주거 지원 계획 (공개본 PDF)", "url": "https://opengov.seoul.go.kr/x.pdf"}]))
        for n in range(3)]
    old, twin_only, clean = records
    session = model.Session
    for statement, params in (
        ("UPDATE package SET title = :t, notes = :n WHERE id = :id",
         {"t": nfd(old["title"]), "n": nfd("서울시 청년 주거비 지원"), "id": old["id"]}),
        ("UPDATE package_extra SET value = :v WHERE package_id = :id AND key = 'department'",
         {"v": nfd("청년정책과"), "id": old["id"]}),
        ("UPDATE resource SET name = :v, extras = :x WHERE package_id = :id",
         {"v": nfd("청년 주거 지원 계획 (공개본 PDF)"), "x": '{"resource_role": "%s"}' % nfd("공개본").encode(
             "unicode_escape").decode("ascii"), "id": old["id"]}),
        ('UPDATE "group" SET title = :t WHERE id = :id', {"t": nfd("청년정책과"), "id": org["id"]}),
        # 청년 typed in NFD: a second tag, beside the NFC one the other records carry
        ("INSERT INTO tag (id, name) VALUES ('nfd-tag', :n)", {"n": nfd("청년")}),
        ("UPDATE package_tag SET tag_id = 'nfd-tag' WHERE package_id IN (:a, :b) AND tag_id = "
         "(SELECT id FROM tag WHERE name = '청년')", {"a": old["id"], "b": twin_only["id"]}),
    ):
        session.execute(sa.text(statement), params)
    session.commit()
    index_check.reindex([old["id"], twin_only["id"], clean["id"]])
    return old, twin_only, clean


def test_text_entered_in_nfd_is_found_and_rewritten_in_nfc(cli):
    old, twin_only, clean = _stored_before_normalisation()
    facet = helpers.call_action("package_search", **{"facet.field": '["tags"]'})["facets"]["tags"]
    assert facet == {"청년": 1, nfd("청년"): 2, "주거": 3}  # what people saw
    assert helpers.call_action("package_search", fq="tags:청년")["count"] == 1

    dry = cli.invoke(seoulplaza, ["nfc", "check"])
    assert dry.exit_code == 1, dry.output
    assert "dry run (nothing written): text not in NFC: 7 values in 3 datasets" in dry.output
    assert "package.title 1" in dry.output and "tag.name 1 (1 merging into an NFC twin)" in dry.output
    stored = model.Session.execute(sa.text("SELECT title FROM package WHERE id = :id"), {"id": old["id"]}).scalar()
    assert stored == nfd(old["title"])  # the dry run wrote nothing

    fixed = cli.invoke(seoulplaza, ["nfc", "check", "--repair"])
    assert fixed.exit_code == 0, fixed.output
    assert "rewritten 7, failed 0, datasets reindexed 3" in fixed.output
    assert "now: text not in NFC: 0 values" in fixed.output
    shown = helpers.call_action("package_show", id=old["id"])
    assert (shown["title"], shown["notes"], shown["department"]) == (old["title"], "서울시 청년 주거비 지원", "청년정책과")
    assert shown["resources"][0]["name"] == "청년 주거 지원 계획 (공개본 PDF)"
    assert shown["resources"][0]["resource_role"] == "공개본" and shown["organization"]["title"] == "청년정책과"
    assert sorted(t["name"] for t in shown["tags"]) == ["주거", "청년"]
    facet = helpers.call_action("package_search", **{"facet.field": '["tags"]'})["facets"]["tags"]
    assert facet == {"청년": 3, "주거": 3}
    assert helpers.call_action("package_search", fq="tags:청년")["count"] == 3
    assert helpers.call_action("package_search", q="청년정책과")["count"] >= 1
    assert model.Session.execute(sa.text("SELECT count(*) FROM tag WHERE name = :n"), {"n": nfd("청년")}).scalar() == 0
    assert index_check.check().differences == 0


def test_a_record_that_cannot_be_rewritten_is_named_and_the_rest_go_on(monkeypatch):
    old, _twin_only, _clean = _stored_before_normalisation()
    real = nfc_repair._rewrite

    def refuses_one(report, what, statement, params):
        if params.get("id") == old["id"] and "package.title" in what:
            statement = sa.text("UPDATE package SET title = (1 / 0)::text WHERE id = :id")  # the database refuses
        return real(report, what, statement, params)

    monkeypatch.setattr(nfc_repair, "_rewrite", refuses_one)
    report = nfc_repair.check(repair=True)
    assert len(report.failed) == 1 and f"package.title {old['id']}" in report.failed[0]
    assert report.rewritten == 6 and report.reindexed == 3
    assert nfc_repair.check().found == {"package.title": 1}
