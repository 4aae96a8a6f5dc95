"""Production Solr (config/solr/) and the PostgreSQL backend index the same fields."""
import fnmatch
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ckanext.seoulplaza.search import fields

SCHEMA = Path(__file__).resolve().parents[2] / "config" / "solr" / "managed-schema.xml"


@pytest.fixture(scope="module")
def schema():
    return ET.parse(SCHEMA).getroot()


def test_schema_keeps_ckans_version_name(schema):
    assert schema.get("name") == "ckan-2.11"


def test_every_indexed_field_exists_in_the_solr_schema(schema):
    names = {f.get("name") for f in schema.iter("field")}
    dynamic = [f.get("name") for f in schema.iter("dynamicField") if f.get("name") != "*"]
    missing = [name for name in sorted(fields.indexed_fields())
               if name not in names and not any(fnmatch.fnmatch(name, p) for p in dynamic)]
    assert missing == []


def test_text_fields_use_korean_analysis(schema):
    text_types = {t.get("name"): t for t in schema.iter("fieldType")}
    for type_name in ("text", "text_general"):
        tokenizers = {t.get("class") for t in text_types[type_name].iter("tokenizer")}
        assert tokenizers == {"solr.KoreanTokenizerFactory"}
    field_types = {f.get("name"): f.get("type") for f in schema.iter("field")}
    for name in ("title", "notes", "text"):
        assert field_types[name] == "text"


def test_the_agency_tree_is_a_multivalued_field(schema):
    """before_dataset_index writes a record's agency with all its ancestors."""
    declared = {f.get("name"): f for f in schema.iter("field")}
    assert declared["agency"].get("multiValued") == "true"


def test_solrconfig_parses_and_answers_what_the_deployment_calls():
    """docker/compose.yaml's health check pings /admin/ping; CKAN selects and updates."""
    config = ET.parse(SCHEMA.with_name("solrconfig.xml")).getroot()
    handlers = {h.get("name") for h in config.iter("requestHandler")}
    assert {"/select", "/update", "/admin/ping"} <= handlers
    compose = (SCHEMA.parents[2] / "docker" / "compose.yaml").read_text(encoding="utf-8")
    assert "/solr/ckan/admin/ping" in compose and "../config/solr:" in compose


def test_the_bigram_query_drops_the_particles_the_postgres_backend_drops(schema):
    """text_cjk_bigram's query side strips one trailing particle with the list of search/tokens.py."""
    from ckanext.seoulplaza.search import tokens
    bigram = next(t for t in schema.iter("fieldType") if t.get("name") == "text_cjk_bigram")
    (query,) = [a for a in bigram.iter("analyzer") if a.get("type") == "query"]
    (strip,) = [f for f in query.iter("filter") if f.get("class") == "solr.PatternReplaceFilterFactory"]
    particles = strip.get("pattern").rsplit("(", 1)[1].rstrip(")$").split("|")
    assert particles == tokens.PARTICLES
