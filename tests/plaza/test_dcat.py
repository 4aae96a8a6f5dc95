"""DCAT-AP from ckanext-dcat's endpoints: every public record with its
type-specific fields, Korean tagged ``ko``, valid against the SHACL shapes in
``shapes/``; nothing private."""
from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS

from ckan.tests import helpers

from tests.conftest import PLUGINS

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS + " dcat"), *KOREAN,
              pytest.mark.ckan_config("ckanext.dcat.rdf.profiles", "euro_dcat_ap_3 euro_dcat_ap_scheming seoulplaza"),
              pytest.mark.usefixtures("with_plugins")]
EU = "http://publications.europa.eu/resource/authority/"
SHAPES = Path(__file__).with_name("shapes")


def _graph(app, url, fmt="turtle"):
    response = app.get(url)
    assert response.status_code == 200, url
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


def _shapes():
    shapes = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        shapes.parse(path)
    return shapes


def _dataset(graph, name):
    record = helpers.call_action("package_show", id=name)
    return record, next(s for s in graph.subjects(RDF.type, DCAT.Dataset)
                        if str(graph.value(s, DCTERMS.identifier)) in (record["id"], record.get("document_number")))


def test_the_catalog_holds_every_public_record_and_validates(app, plaza, private_record):
    graph = _graph(app, "/catalog.ttl")
    public = helpers.call_action("package_search", rows=0)["count"]
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == public
    text = graph.serialize(format="turtle")
    assert private_record["title"] not in text and private_record["id"] not in text
    assert not any(value in text for value in plaza.planted)
    conforms, _report, message = validate(graph, shacl_graph=_shapes())
    assert conforms, message


def test_a_partial_record_carries_its_fields_access_rights_and_ground(app, plaza):
    record = helpers.call_action("package_show", id=plaza.partial)
    graph = _graph(app, f"/dataset/{plaza.partial}.rdf", "xml")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    assert graph.value(dataset, DCTERMS.identifier) == Literal(record["document_number"])
    assert str(graph.value(dataset, DCTERMS.issued)) == record["production_date"]
    assert graph.value(dataset, DCTERMS.accessRights) == URIRef(f"{EU}access-right/RESTRICTED")
    assert graph.value(dataset, DCTERMS.language) == URIRef(f"{EU}language/KOR")
    assert graph.value(dataset, DCTERMS.title) == Literal(record["title"], lang="ko")
    grounds = {label.language: str(label) for label in graph.objects(graph.value(dataset, DCTERMS.rights), RDFS.label)}
    assert f"제9조 제1항 제{record['nondisclosure_ground']}호" in grounds["ko"] and "Art. 9(1)" in grounds["en"]
    conforms, _report, message = validate(graph, shacl_graph=_shapes())
    assert conforms, message


def test_json_ld_and_a_withheld_record_offer_no_file(app, plaza):
    graph = _graph(app, f"/dataset/{plaza.withheld}.jsonld", "json-ld")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    assert graph.value(dataset, DCTERMS.accessRights) == URIRef(f"{EU}access-right/NON_PUBLIC")
    assert not list(graph.objects(dataset, DCAT.distribution))


def test_no_literal_is_tagged_with_a_country_code(app, plaza):
    graph = _graph(app, "/catalog.ttl")
    languages = {o.language for o in graph.objects() if isinstance(o, Literal) and o.language}
    assert languages <= {"ko", "en"} and "ko" in languages
    assert set(graph.objects(None, DCTERMS.language)) == {URIRef(f"{EU}language/KOR")}


def test_the_shapes_refuse_a_title_tagged_kr(app, plaza):
    graph = _graph(app, f"/dataset/{plaza.public}.ttl")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    title = graph.value(dataset, DCTERMS.title)
    graph.set((dataset, DCTERMS.title, Literal(str(title), lang="kr")))
    conforms, _report, message = validate(graph, shacl_graph=_shapes())
    assert not conforms and "languageIn" in message.replace("LanguageIn", "languageIn")


def test_a_private_record_has_no_dcat_page(app, plaza, private_record):
    for fmt in ("rdf", "ttl", "jsonld"):
        response = app.get(f"/dataset/{private_record['id']}.{fmt}")
        assert response.status_code in (403, 404) and private_record["title"] not in response.get_data(as_text=True)
