"""Compile a parsed Solr query (``lucene.py``) into a PostgreSQL condition.

Every value travels as a bound parameter; field names too, so no query text
ever reaches SQL. Conditions never evaluate to NULL, so ``NOT`` is safe.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Optional

from . import fields, lucene, tokens

# ts_rank weights for D, C (body), B (tags, organisation), A (title, name).
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def _lexeme(token: str, prefix: bool = False, weights: str = "") -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":" if prefix or weights else "") + ("*" if prefix else "") + weights


def term_tsquery(term: lucene.Term, weights: str = "") -> Optional[str]:
    """A tsquery for a free-text term, or None when it has no searchable token;
    ``weights`` (e.g. ``"A"``) restricts it to tokens of those weights."""
    text = term.text
    prefix = not term.phrase and text.endswith("*")
    runs = tokens.query_runs(text.replace("*", " ").replace("?", " "))
    if not runs:
        return None
    joiner = " <-> " if term.phrase else " & "
    parts = []
    for i, run in enumerate(runs):
        last = i == len(runs) - 1
        if tokens.is_cjk(run):
            grams = tokens.bigrams(run)
            lexemes = [_lexeme(g, (prefix and last and j == len(grams) - 1) or len(run) == 1, weights)
                       for j, g in enumerate(grams)]
            parts.append("(" + joiner.join(lexemes) + ")")
        else:
            parts.append(_lexeme(run, prefix and last, weights))
    return "(" + joiner.join(parts) + ")"


_DATE_MATH_RE = re.compile(r"([+-])(\d+)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?")
_ROUND = {"YEAR": dict(month=1, day=1, hour=0, minute=0, second=0, microsecond=0),
          "MONTH": dict(day=1, hour=0, minute=0, second=0, microsecond=0),
          "DAY": dict(hour=0, minute=0, second=0, microsecond=0),
          "HOUR": dict(minute=0, second=0, microsecond=0),
          "MINUTE": dict(second=0, microsecond=0),
          "SECOND": dict(microsecond=0)}


def solr_date(value: str) -> str:
    """Solr date syntax (ISO ``...Z``, ``NOW``, ``NOW-1DAY``, ``NOW/DAY``) to ISO."""
    if not value.startswith("NOW"):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as e:
            raise lucene.QuerySyntaxError(f"invalid date '{value}'") from e
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)).isoformat()
    rest, _, rounding = value[3:].partition("/")
    moment = dt.datetime.now(dt.timezone.utc)
    pos = 0
    for m in _DATE_MATH_RE.finditer(rest):
        if m.start() != pos:
            break
        pos = m.end()
        amount = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
        unit = m.group(3)
        try:
            if unit in ("YEAR", "MONTH"):
                months = moment.month - 1 + amount * (12 if unit == "YEAR" else 1)
                moment = moment.replace(year=moment.year + months // 12, month=months % 12 + 1,
                                        day=min(moment.day, 28))
            else:
                moment += dt.timedelta(**{unit.lower() + "s": amount})
        except (ValueError, OverflowError):  # beyond year 1..9999
            raise lucene.QuerySyntaxError(f"date out of range '{value}'") from None
    if pos != len(rest) or (rounding and rounding.rstrip("S") not in _ROUND):
        raise lucene.QuerySyntaxError(f"invalid date math '{value}'")
    if rounding:
        moment = moment.replace(**_ROUND[rounding.rstrip("S")])
    return moment.isoformat()


def like_pattern(wildcard: str) -> str:
    escaped = wildcard.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


class Compiler:
    """Turns one query tree into SQL over ``seoulplaza_search_doc``."""

    def __init__(self, params: dict[str, Any], prefix: str):
        self.params = params
        self.prefix = prefix
        self.rank_queries: list[str] = []

    def bind(self, value: Any) -> str:
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return ":" + name

    def compile(self, node: lucene.Node, negated: bool = False) -> str:
        if isinstance(node, lucene.MatchAll):
            return "TRUE"
        if isinstance(node, lucene.Exists):
            return f"({terms_column(node.field)} ? {self.bind(node.field)})"
        if isinstance(node, lucene.Not):
            return f"(NOT {self.compile(node.node, not negated)})"
        if isinstance(node, lucene.And):
            return "(" + " AND ".join(self.compile(n, negated) for n in node.nodes) + ")"
        if isinstance(node, lucene.Or):
            return "(" + " OR ".join(self.compile(n, negated) for n in node.nodes) + ")"
        if isinstance(node, lucene.Range):
            return self.range(node)
        if isinstance(node, lucene.Dismax):
            return self.dismax(node, negated)
        return self.term(node, negated)

    def fulltext(self, term: lucene.Term, negated: bool) -> Optional[str]:
        query = term_tsquery(term)
        if query is None:
            return None
        if not negated:
            self.rank_queries.append((query, term_tsquery(term, "A")))
        return f"(tsv @@ CAST({self.bind(query)} AS tsquery))"

    def term(self, term: lucene.Term, negated: bool) -> str:
        name = term.field
        if name is None or name == fields.FULLTEXT_FIELD:
            return self.fulltext(term, negated) or "TRUE"
        if name in fields.NGRAM_FIELDS:
            source = self.bind(fields.NGRAM_FIELDS[name])
            words = tokens.normalize(term.text.replace("*", " ")).split() or [""]
            return "(" + " AND ".join(
                f"(strpos(lower(COALESCE(doc->>{source}, '')), {self.bind(w)}) > 0)" for w in words) + ")"
        if term.wildcard:
            pattern = term.text.lower() if fields.is_text(name) else term.text
            return self.any_element(name, f"e LIKE {self.bind(like_pattern(pattern))}")
        if fields.is_text(name):
            words = [g for run in tokens.query_runs(term.text)
                     for g in (tokens.bigrams(run) if tokens.is_cjk(run) else [run])]
            if not words:
                return "FALSE"
            return f"(text_terms @> CAST({self.bind(json.dumps({name: words}))} AS jsonb))"
        if name in fields.FILTER_COLUMNS:
            if fields.FILTER_COLUMNS[name].endswith("[]"):
                return f"({name} @> ARRAY[CAST({self.bind(term.text)} AS text)])"
            return f"({name} = {self.bind(term.text)})"
        if fields.is_date(name):
            return self.any_element(name, f"e::timestamptz = CAST({self.bind(solr_date(term.text))} AS timestamptz)")
        return f"(terms @> CAST({self.bind(json.dumps({name: [term.text]}))} AS jsonb))"

    def any_element(self, name: str, condition: str) -> str:
        return (f"(EXISTS (SELECT 1 FROM jsonb_array_elements_text({terms_column(name)} -> {self.bind(name)}) AS e "
                f"WHERE {condition}))")

    def range(self, node: lucene.Range) -> str:
        if node.field is None:
            raise lucene.QuerySyntaxError("a range needs a field, e.g. metadata_modified:[NOW-1DAY TO *]")
        bounds = [b for b in (node.low, node.high) if b is not None]
        if fields.is_date(node.field):
            value, cast = "e::timestamptz", "timestamptz"
            convert = solr_date
        elif fields.is_number(node.field) or all(_is_number(b) for b in bounds) and bounds:
            value = r"(CASE WHEN e ~ '^-?[0-9]+(\.[0-9]+)?$' THEN e::numeric END)"
            cast, convert = "numeric", _number
        else:
            value, cast, convert = 'e COLLATE "C"', "text", str
        conditions = []
        for bound, op in ((node.low, ">=" if node.include_low else ">"),
                          (node.high, "<=" if node.include_high else "<")):
            if bound is not None:
                conditions.append(f"{value} {op} CAST({self.bind(convert(bound))} AS {cast})")
        return self.any_element(node.field, " AND ".join(conditions) or "TRUE")

    def dismax(self, node: lucene.Dismax, negated: bool) -> str:
        should = [c for c in (self.fulltext(t, negated) for t in node.should) if c]
        must = [c for c in (self.fulltext(t, negated) for t in node.must) if c]
        must_not = [c for c in (self.fulltext(t, True) for t in node.must_not) if c]
        parts = must + [f"(NOT {c})" for c in must_not]
        needed = lucene.min_should_match(node.mm, len(should))
        if should and (needed == len(should)):
            parts.extend(should)
        elif should and (needed > 0 or not must):
            parts.append("(" + " OR ".join(should) + ")")
            if needed > 1:
                parts.append("((" + " + ".join(f"{c}::int" for c in should) + f") >= {int(needed)})")
        return "(" + " AND ".join(parts) + ")" if parts else "TRUE"

    def rank(self) -> str:
        if not self.rank_queries:
            return "1.0"
        query, title = (f"CAST({self.bind(' | '.join(q))} AS tsquery)" for q in zip(*self.rank_queries))
        # ts_rank scaled into [0, 1) (normalisation 32) plus 1 for a title hit:
        # any title hit outranks any number of body hits, at one ts_rank call.
        return f"((tsv @@ {title})::int + ts_rank('{RANK_WEIGHTS}', tsv, {query}, 32))"


def terms_column(field_name: str) -> str:
    return "text_terms" if fields.is_text(field_name) else "terms"


def _is_number(value: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", value))


def _number(value: str) -> str:
    if not _is_number(value):
        raise lucene.QuerySyntaxError(f"'{value}' is not a number")
    return value


def sort_keys(sort: str) -> list[tuple[str, str]]:
    """Solr ``sort`` (``"score desc, name asc"``) to (field, direction) pairs."""
    keys = []
    for part in (p.strip() for p in sort.split(",") if p.strip()):
        words = part.split()
        if len(words) != 2 or words[1].lower() not in ("asc", "desc") \
                or not re.fullmatch(r"[\w.\-]+", words[0]):
            raise lucene.QuerySyntaxError(f'Invalid "sort" parameter: {part!r} (expected "<field> asc|desc")')
        keys.append((words[0], words[1].lower()))
    return keys


def sort_expression(field_name: str, bind, rank: str) -> str:
    if field_name == "score":
        return rank
    if fields.is_date(field_name):
        return f"(doc->>{bind(field_name)})::timestamptz"
    if fields.is_number(field_name):
        return f"(doc->>{bind(field_name)})::numeric"
    return f"(doc->>{bind(field_name)}) COLLATE \"C\""
