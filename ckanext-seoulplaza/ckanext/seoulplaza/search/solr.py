"""CKAN's own Solr search (``search_backend = solr``), bad queries answered in words.

CKAN turns every error Solr answers into a ``SearchError`` (HTTP 409) whose
message repeats the whole Solr request — the caller's permission labels
included — with Solr's parser trace. Here a query Solr refuses (HTTP 400) is a
``SearchQueryError`` (HTTP 400, "Search Query Error"), explained as the
PostgreSQL backend explains it when our parser finds the fault (the same words
on both backends), else by the first line of Solr's reason. Everything else —
documents, queries — is CKAN's and pysolr's, untouched, but for CKAN's
commit after every dataset, made soft (``add``), and one rule people's
queries need on both backends: a colon after a name that is
no field (``10:30 회의``, ``청년수당: 업무추진비``, a URL) is text, as the
PostgreSQL backend reads it (``fields.is_field_name``) — CKAN hands such a
``q`` to Solr's standard parser, which would refuse it — so those colons, and
the slashes that would open a regular expression, are escaped (``as_text``).
"""
from __future__ import annotations

import unicodedata
from typing import Any

import pysolr
from ckan.lib.search.common import SearchQueryError
from ckan.lib.search.common import make_connection as ckan_make_connection  # the original: seam patches it

from . import connection, fields, lucene

# Sort errors CKAN itself turns into 'Invalid "sort" parameter' (ckan.lib.search.query).
_SORT_ERRORS = ("Can't determine a Sort Order", "Can't determine Sort Order", "Unknown sort order")


class QueryErrorsInWords:
    """A ``pysolr.Solr`` whose ``search`` raises ``SearchQueryError`` for a refused query."""

    def __init__(self, solr: pysolr.Solr):
        self._solr = solr

    def __getattr__(self, name: str) -> Any:
        return getattr(self._solr, name)

    def add(self, docs: Any, commit: Any = None, **kwargs: Any) -> Any:
        """``pysolr.Solr.add``; CKAN's commit after every dataset as a soft commit, which
        makes it searchable at once without writing segments each time (141 -> 21 ms a
        dataset); durability is the transaction log's and autoCommit's (solrconfig.xml)."""
        if commit:
            kwargs.setdefault("softCommit", True)
            commit = False
        return self._solr.add(docs, commit=commit, **kwargs)

    def search(self, q: str = "*:*", **kwargs: Any) -> pysolr.Results:
        """``pysolr.Solr.search`` of ``as_text(q)``, ``q`` and ``fq`` in NFC; raises ``SearchQueryError``
        (the fault in words) when Solr answers HTTP 400, other
        ``pysolr.SolrError``s as they come."""
        filters = kwargs.get("fq")
        if filters:  # compared in NFC, as stored text is (ckanext.seoulplaza.nfc)
            kwargs["fq"] = (unicodedata.normalize("NFC", filters) if isinstance(filters, str)
                            else [unicodedata.normalize("NFC", f) for f in filters])
        try:
            return self._solr.search(as_text(unicodedata.normalize("NFC", q)), **kwargs)
        except pysolr.SolrError as e:
            message = str(e)
            if "(HTTP 400)" not in message or any(s in message for s in _SORT_ERRORS):
                raise
            raise SearchQueryError(explain(q, kwargs, message)) from e


# Where a name before a colon starts: after one of these (the standard parser's
# delimiters and prefix operators).
_NAME_DELIMITERS = frozenset(' \t\r\n()"[]{}+-!^~')


def as_text(q: str) -> str:
    """A person's ``q`` (str) for Solr's standard parser: each colon after a
    name that is no field (``fields.is_field_name``; ``*`` and fields stay
    fields, also with spaces before the colon) and each slash, outside quotes and ranges, escaped with ``\\``;
    a query in local parameters (``{!...}``) as it is."""
    if q.lstrip().startswith("{!") or (":" not in q and "/" not in q):
        return q
    out: list[str] = []
    quoted, depth, i = False, 0, 0
    while i < len(q):
        c = q[i]
        if c == "\\":
            out.append(q[i:i + 2])
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif not quoted and c in "[{":
            depth += 1
        elif not quoted and c in "]}":
            depth = max(0, depth - 1)
        elif not quoted and not depth and c == "/":
            c = "\\/"
        elif not quoted and not depth and c == ":":
            end = len(q[:i].rstrip())  # "title : 청년" names a field as "title:청년" does
            start = end
            while start > 0 and q[start - 1] not in _NAME_DELIMITERS:
                start -= 1
            name = q[start:end]
            if not name or (name != "*" and not fields.is_field_name(name)):
                c = "\\:"
        out.append(c)
        i += 1
    return "".join(out)


def explain(q: str, params: dict[str, Any], solr_message: str) -> str:
    """Why Solr refused ``q``/``params['fq']``: our parser's words for the fault
    ("'name:(alpha': unbalanced parenthesis"), else Solr's reason, first line."""
    filters = params.get("fq") or []
    try:
        connection.parse(q or "*:*", params.get("defType") in ("dismax", "edismax") and ":" not in q,
                         params.get("mm"), person=True)
        for fq in [filters] if isinstance(filters, str) else filters:
            connection.parse(fq)
    except lucene.QuerySyntaxError as e:
        return str(e)
    reason = solr_message.split("[Reason:", 1)[-1].strip().removesuffix("]").splitlines()[0]
    return reason.replace("org.apache.solr.search.SyntaxError: ", "")


def make_connection(decode_dates: bool = True) -> QueryErrorsInWords:
    return QueryErrorsInWords(ckan_make_connection(decode_dates))
