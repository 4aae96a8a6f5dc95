"""Issue 25: what people type into ``q`` — parsed by the PostgreSQL backend,
and found on both backends.

A colon after a name that is no field is text, as Solr's edismax reads it;
query text is compared in NFC, as stored text is (``ckanext.seoulplaza.nfc``).
"""
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import ckan
import pytest
from ckan.lib.search.common import SearchQueryError
from ckan.tests import factories, helpers

from ckanext.seoulplaza.search import connection, fields
from ckanext.seoulplaza.search.lucene import And, Range, Term

@pytest.mark.search_backend("postgres")
@pytest.mark.parametrize("text, tree", [
    ("10:30 회의", And((Term(None, "10:30"), Term(None, "회의")))),
    ("청년수당: 업무추진비", And((Term(None, "청년수당:"), Term(None, "업무추진비")))),
    ("청년수당 : 업무추진비", And((Term(None, "청년수당"), Term(None, "업무추진비")))),
    ("제목:청년", Term(None, "제목:청년")),
    ("Note: 3:1", And((Term(None, "Note:"), Term(None, "3:1")))),
    ("http://opengov.seoul.go.kr/a?b=1", Term(None, "http://opengov.seoul.go.kr/a?b=1")),
    ("title:청년 10:30", And((Term("title", "청년"), Term(None, "10:30")))),
    ("title : 청년", Term("title", "청년")),
    ("extras_region:종로", Term("extras_region", "종로")),
    ("production_date:[* TO NOW]", Range("production_date", None, "NOW")),
    ("disclosure_class:공개", Term("disclosure_class", "공개")),
])
def test_a_colon_after_a_name_that_is_no_field_is_text(text, tree):
    assert connection.parse(text, person=True) == tree


@pytest.mark.search_backend("postgres")
def test_filters_keep_the_strict_syntax():
    with pytest.raises(Exception, match="unexpected ':'"):
        connection.parse("10:30")


def test_the_known_fields_are_those_of_ckans_solr_schema():
    schema = Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"
    declared = {f.get("name") for f in ET.parse(schema).getroot().iter("field")}
    assert fields.SCHEMA_FIELDS == declared
    assert not any(fields.is_field_name(word) for word in ("http", "https", "10", "3", "제목", "Note", "mailto"))


@pytest.mark.search_backend("postgres")
def test_query_text_is_parsed_in_nfc():
    decomposed = unicodedata.normalize("NFD", "tags:청년")
    assert connection.parse(decomposed) == Term("tags", "청년")


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_package_search_finds_what_was_typed():
    factories.Dataset(name="meeting", title="정례 회의 10:30 시작")
    factories.Dataset(name="linked", notes="원문: http://opengov.seoul.go.kr/sanction/23874133")
    factories.Dataset(name="tagged", tags=[{"name": "청년"}])

    def names(**params):
        return {r["name"] for r in helpers.call_action("package_search", **params)["results"]}

    assert names(q="10:30 회의") == {"meeting"}
    assert names(q="http://opengov.seoul.go.kr/sanction/23874133") == {"linked"}
    assert names(q="원문: sanction") == {"linked"}
    assert names(fq=unicodedata.normalize("NFD", "tags:청년")) == {"tagged"}
    assert names(q="title : 회의") == {"meeting"}
    with pytest.raises(SearchQueryError, match="unbalanced"):
        helpers.call_action("package_search", q="title:(청년 10:30")
