"""How each Solr field of CKAN's schema is matched, sorted and stored here.

Mirrors ``ckan/config/solr/schema.xml`` (and our Nori configset in
``config/solr/``): analysed text fields match by token, string fields match
exactly, date fields compare as timestamps, ``*_ngram`` fields match
substrings, and ``text`` is the catch-all full-text field (the tsvector).
"""
from __future__ import annotations

import re

FULLTEXT_FIELD = "text"

TEXT_FIELDS = frozenset({
    "title", "notes", "author", "author_email", "maintainer", "maintainer_email",
    "res_name", "res_description", "urls",
    "depends_on", "dependency_of", "derives_from", "has_derivation",
    "links_to", "linked_from", "child_of", "parent_of",
})
TEXT_PREFIXES = ("extras_", "res_extras_")

NGRAM_FIELDS = {"title_ngram": "title", "name_ngram": "name"}

DATE_FIELDS = frozenset({"metadata_created", "metadata_modified", "indexed_ts"})
DATE_SUFFIX = "_date"

NUMBER_FIELDS = frozenset({
    "views_total", "views_recent", "resources_accessed_total", "resources_accessed_recent",
})

# Indexed but not stored by Solr, so never returned in results.
UNSTORED_FIELDS = frozenset({"permission_labels", "text", "urls", "title_string"})

# Stored in the document only (for results); never matched.
UNINDEXED_FIELDS = frozenset({"data_dict", "validated_data_dict"})

# Solr's copyFields into ``text``, by weight: A title-like, B labels, C body.
FULLTEXT_SOURCES = {
    "A": ("title", "name"),
    "B": ("tags", "groups", "organization", "res_name"),
    "C": ("notes", "text", "res_description", "author", "maintainer", "license",
          "url", "ckan_url", "download_url", "res_url"),
}
FULLTEXT_SOURCE_PREFIXES = ("extras_", "res_extras_", "vocab_")

# Fields that nearly every query filters on and that match most rows. They
# live in plain columns as well, so the planner has real statistics for them:
# for ``jsonb @>`` it has none and would take them for selective, probing the
# ``terms`` index instead of the full-text one (bench/search_bench.py: 10x).
FILTER_COLUMNS = {"site_id": "text", "state": "text", "capacity": "text",
                  "dataset_type": "text", "entity_type": "text", "permission_labels": "text[]"}


def is_text(name: str) -> bool:
    return name in TEXT_FIELDS or name.startswith(TEXT_PREFIXES)


def is_date(name: str) -> bool:
    return name in DATE_FIELDS or name.endswith(DATE_SUFFIX)


def is_number(name: str) -> bool:
    return name in NUMBER_FIELDS


# The named fields of CKAN's Solr schema (ckan/config/solr/schema.xml), and
# the dynamic families it declares besides its catch-all ``*``.
SCHEMA_FIELDS = frozenset({
    "index_id", "id", "site_id", "title", "title_ngram", "entity_type", "dataset_type", "state", "name",
    "name_ngram", "revision_id", "version", "url", "ckan_url", "download_url", "notes", "author",
    "author_email", "maintainer", "maintainer_email", "license", "license_id", "tags", "groups",
    "organization", "capacity", "permission_labels", "res_name", "res_description", "res_format", "res_url",
    "res_type", "text", "urls", "depends_on", "dependency_of", "derives_from", "has_derivation", "links_to",
    "linked_from", "child_of", "parent_of", "views_total", "views_recent", "resources_accessed_total",
    "resources_accessed_recent", "metadata_created", "metadata_modified", "indexed_ts", "title_string",
    "data_dict", "validated_data_dict", "_version_",
})
DYNAMIC_PREFIXES = ("extras_", "res_extras_", "vocab_")
# How CKAN, ckanext-scheming and extensions name the fields they add (into the
# catch-all): ASCII words joined by underscores (dataset_type, disclosure_class).
_ADDED_FIELD_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def is_field_name(name: str) -> bool:
    """Whether ``name`` before a colon in a person's query (``q``) names a field.

    A schema field, one of its dynamic families, or a name shaped as CKAN and
    its extensions name fields (``production_date``). Anything else before a
    colon — a time (10:30), a ratio (3:1), a label (제목:), a URL's scheme
    (http:) — is text, as Solr's edismax treats a name it does not know."""
    return (name in SCHEMA_FIELDS or name.startswith(DYNAMIC_PREFIXES)
            or is_date(name) or bool(_ADDED_FIELD_RE.fullmatch(name)))


def indexed_fields() -> set[str]:
    """Every named field this backend indexes (for the Solr schema check)."""
    return (set(TEXT_FIELDS) | set(NGRAM_FIELDS) | DATE_FIELDS | NUMBER_FIELDS
            | {FULLTEXT_FIELD, "id", "index_id", "site_id", "name", "state", "capacity",
               "permission_labels", "entity_type", "dataset_type", "tags", "groups",
               "organization", "license_id", "res_format", "res_url", "res_type",
               "title_string", "data_dict", "validated_data_dict"})
