"""DCAT-AP for the plaza's records: the RDF profile that follows ckanext-dcat's
``euro_dcat_ap_3`` and ``euro_dcat_ap_scheming``.

Those profiles map CKAN's core fields; this one adds what the information
types carry and DCAT-AP has a property for (the record's issue date,
document number, department, disclosure class as access rights with its
legal ground, theme and update frequency from the EU vocabularies) and tags
the Korean text ``ko`` (BCP 47; data.go.kr's ``kr`` is a country code).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import RDFProfile
from ckanext.scheming.helpers import scheming_dataset_schemas
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .labels import type_label
from .reference import GROUND_WORDS

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE = "ko"
KOREAN = URIRef(f"{EU}language/KOR")
CITY = "서울특별시"

ACCESS_RIGHTS = {"공개": "PUBLIC", "부분공개": "RESTRICTED", "비공개": "NON_PUBLIC"}
# The 12 themes onto the EU data themes (data-theme vocabulary).
EU_THEMES = {
    "복지": "SOCI", "여성가족": "SOCI", "경제": "ECON", "안전": "JUST", "주택도시계획": "REGI",
    "환경": "ENVI", "문화관광": "EDUC", "건강": "HEAL", "교통": "TRAN", "건설": "REGI",
    "세금재정": "ECON", "행정": "GOVE",
}
FREQUENCIES = {
    "실시간": "CONT", "일": "DAILY", "주": "WEEKLY", "월": "MONTHLY", "분기": "QUARTERLY",
    "반기": "ANNUAL_2", "연": "ANNUAL", "수시": "IRREG",
}
# Predicates whose plain text is Korean prose (tagged ``ko``); identifiers,
# URLs and dates stay untagged.
TEXT = {DCTERMS.title, DCTERMS.description, DCAT.keyword, FOAF.name, VCARD.fn,
        VCARD["organization-name"], RDFS.label, SKOS.prefLabel}


@tk.chained_action
@tk.side_effect_free
def scheming_dataset_schema_show(next_action: Any, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """The schema of a type; for CKAN's generic type ``dataset``, which the
    plaza does not use, the fields every information type shares.

    ckanext-dcat 2.4.4 builds each profile for type ``dataset`` whatever the
    record's type (processors.py), so without this answer every DCAT endpoint
    fails with "Unknown dataset schema: dataset"."""
    try:
        return next_action(context, data_dict)
    except tk.ObjectNotFound:
        if data_dict.get("type") != "dataset":
            raise
    return shared_schema()


def shared_schema() -> dict[str, Any]:
    schemas = list((scheming_dataset_schemas() or {}).values())
    if not schemas:
        raise tk.ObjectNotFound("no dataset schema is configured")
    shared = set.intersection(*({f["field_name"] for f in s["dataset_fields"]} for s in schemas))
    first = schemas[0]
    return dict(first, dataset_type="dataset", about="The fields every information type shares",
                type_label={"ko_KR": "모든 유형", "en": "All types"},
                dataset_fields=[f for f in first["dataset_fields"] if f["field_name"] in shared])


class SeoulPlazaDCATProfile(RDFProfile):
    """Type-specific fields and Korean language tags (registered as ``seoulplaza``)."""

    def _language(self, ref: URIRef) -> None:
        """The EU language URI, in place of the locale literal ("ko_KR") ckanext-dcat writes."""
        for value in list(self.g.objects(ref, DCTERMS.language)):
            if isinstance(value, Literal):
                self.g.remove((ref, DCTERMS.language, value))
        self.g.add((ref, DCTERMS.language, KOREAN))

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        g = self.g
        self._language(dataset_ref)
        produced = dataset_dict.get("production_date")
        if produced:
            g.set((dataset_ref, DCTERMS.issued, Literal(produced, datatype=XSD.date)))
        self._identifiers(dataset_dict, dataset_ref)
        self._access_rights(dataset_dict, dataset_ref)
        if dataset_dict.get("department"):
            contact = BNode()
            g.add((dataset_ref, DCAT.contactPoint, contact))
            g.add((contact, RDF.type, VCARD.Organization))
            g.add((contact, VCARD.fn, Literal(dataset_dict["department"])))
        if not g.value(dataset_ref, DCTERMS.description):
            g.add((dataset_ref, DCTERMS.description, Literal(self._summary(dataset_dict))))
        # DCAT-AP takes themes from the EU data-theme vocabulary only: the theme
        # group's page (which euro_dcat_ap adds) gives way to the mapped theme.
        g.remove((dataset_ref, DCAT.theme, None))
        theme = EU_THEMES.get(dataset_dict.get("theme") or "")
        if theme:
            g.add((dataset_ref, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
        frequency = FREQUENCIES.get(dataset_dict.get("update_cycle") or "")
        if frequency:
            g.set((dataset_ref, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/{frequency}")))
        for distribution in g.objects(dataset_ref, DCAT.distribution):
            self._language(distribution)
        self._tag_korean(dataset_ref)

    def graph_from_catalog(self, catalog_dict: Any, catalog_ref: URIRef) -> None:
        g = self.g
        self._language(catalog_ref)
        if not g.value(catalog_ref, DCTERMS.description):  # ckan.site_description is not set
            g.add((catalog_ref, DCTERMS.description, Literal(f"{CITY}가 생산·공개하는 행정정보의 목록")))
        if not g.value(catalog_ref, DCTERMS.publisher):
            publisher = URIRef(tk.config.get("ckan.site_url").rstrip("/") + "/organization/")
            g.add((catalog_ref, DCTERMS.publisher, publisher))
            g.add((publisher, RDF.type, FOAF.Agent))
            g.add((publisher, FOAF.name, Literal(CITY)))
        self._tag_korean(catalog_ref)

    @staticmethod
    def _summary(dataset_dict: dict[str, Any]) -> str:
        """A description for a record the source sent without one (DCAT-AP
        requires one): what, by whom, when."""
        organization = (dataset_dict.get("organization") or {}).get("title") or CITY
        by = " ".join(part for part in (organization, dataset_dict.get("department")) if part)
        return f"{type_label(dataset_dict.get('type') or '')} 「{dataset_dict.get('title', '')}」, {by}" + (
            f", {dataset_dict['production_date']}" if dataset_dict.get("production_date") else "")

    def _identifiers(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """The document number (생산문서번호) is the record's identifier; the
        source system's id and an ISBN are further identifiers."""
        g = self.g
        if dataset_dict.get("document_number"):
            g.set((dataset_ref, DCTERMS.identifier, Literal(dataset_dict["document_number"])))
        for field, scheme in (("source_id", dataset_dict.get("source_system")), ("isbn", "ISBN")):
            if dataset_dict.get(field):
                identifier = BNode()
                g.add((dataset_ref, ADMS.identifier, identifier))
                g.add((identifier, RDF.type, ADMS.Identifier))
                g.add((identifier, SKOS.notation, Literal(dataset_dict[field])))
                if scheme:
                    g.add((identifier, DCTERMS.creator, Literal(scheme)))

    def _access_rights(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """공개/부분공개/비공개 as the EU access-right; a withholding's legal
        ground and planned disclosure date as the rights statement."""
        g = self.g
        klass = dataset_dict.get("disclosure_class")
        if klass not in ACCESS_RIGHTS:
            return
        g.set((dataset_ref, DCTERMS.accessRights, URIRef(f"{EU}access-right/{ACCESS_RIGHTS[klass]}")))
        ground = GROUND_WORDS.get(str(dataset_dict.get("nondisclosure_ground") or ""))
        if klass == "공개" or not ground:
            return
        statement = BNode()
        text = f"{klass}: 공공기관의 정보공개에 관한 법률 제9조 제1항 제{dataset_dict['nondisclosure_ground']}호 ({ground[0]})"
        if dataset_dict.get("disclosure_date"):
            text += f". 공개예정일 {dataset_dict['disclosure_date']}"
        g.add((dataset_ref, DCTERMS.rights, statement))
        g.add((statement, RDF.type, DCTERMS.RightsStatement))
        g.add((statement, RDFS.label, Literal(text)))
        g.add((statement, RDFS.label, Literal(f"{klass}: Art. 9(1){dataset_dict['nondisclosure_ground']} "
                                              f"of the Official Information Disclosure Act ({ground[1]})", lang="en")))

    def _tag_korean(self, subject: URIRef) -> None:
        """Tag the untagged prose reachable from ``subject`` as Korean."""
        seen, todo = set(), [subject]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for predicate, obj in list(self.g.predicate_objects(node)):
                if isinstance(obj, Literal):
                    if predicate in TEXT and obj.language is None and obj.datatype is None:
                        self.g.remove((node, predicate, obj))
                        self.g.add((node, predicate, Literal(str(obj), lang=LANGUAGE)))
                elif predicate != DCAT.dataset:  # the catalog's records are tagged by their own pass
                    todo.append(obj)
