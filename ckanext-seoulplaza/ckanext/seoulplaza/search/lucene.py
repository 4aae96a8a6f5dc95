"""Parse the Solr query syntax that CKAN and its extensions send.

Two dialects, as Solr has them:

* ``parse_lucene`` – the standard parser used for ``fq`` and fielded ``q``:
  ``field:value``, ``field:"quoted"``, ``field:(a OR b)``, ``+``/``-``/``NOT``,
  ``AND``/``OR``/``&&``/``||``, parentheses, ``[a TO b]``/``{a TO *}`` ranges,
  ``*`` and ``?`` wildcards, ``field:*`` and ``*:*``; boosts (``^2``) and
  proximity (``~2``) are accepted and ignored. The default operator is AND
  (CKAN sends ``q.op=AND``).
* ``parse_dismax`` – the forgiving parser CKAN uses for free-text ``q``: only
  quotes and ``+``/``-`` prefixes mean anything; everything else is text.

A person's ``q`` with a colon is parsed as the standard parser does, with
edismax's rule for colons (``parse_lucene(text, is_field=...)``): ``name:``
is a field only when ``is_field(name)``; any other colon (10:30, 3:1, 제목:,
http://…) is part of the text.

The result is a small tree of dataclasses that ``sql.py`` compiles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union


class QuerySyntaxError(ValueError):
    """The query is not valid Solr syntax; the message says where."""


# Solr's own bounds on what one query may hold: ``maxBooleanClauses`` (1024)
# terms; and nesting (brackets, ``-``/``+``/``NOT`` signs) deep enough for any
# query a person writes, far below what would exhaust Python's stack.
MAX_CLAUSES = 1024
MAX_DEPTH = 64


@dataclass(frozen=True)
class Term:
    field: Optional[str]  # None: the default (full-text) field
    text: str
    phrase: bool = False

    @property
    def wildcard(self) -> bool:
        return not self.phrase and ("*" in self.text or "?" in self.text)


@dataclass(frozen=True)
class Range:
    field: Optional[str]
    low: Optional[str]  # None: open (*)
    high: Optional[str]
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class Exists:
    field: str


@dataclass(frozen=True)
class Not:
    node: "Node"


@dataclass(frozen=True)
class And:
    nodes: tuple


@dataclass(frozen=True)
class Or:
    nodes: tuple


@dataclass(frozen=True)
class Dismax:
    """Free text: ``should`` terms subject to Solr's ``mm`` (minimum should match)."""
    should: tuple = ()
    must: tuple = ()
    must_not: tuple = ()
    mm: Optional[str] = None


Node = Union[Term, Range, MatchAll, Exists, Not, And, Or, Dismax]

_BOOST_RE = re.compile(r"(?<!\\)[\^~][0-9.]*$")
_FIELD_RE = re.compile(r"^([A-Za-z_*][\w.\-*]*):")


@dataclass
class _Tok:
    kind: str  # LP RP AND OR NOT PLUS MINUS FIELD QUOTED RANGE TERM
    value: object = None
    pos: int = 0


def _read_until(text: str, i: int, stop: str) -> tuple[str, int]:
    """Read an escaped string from i up to (not including) a char in stop."""
    out = []
    while i < len(text) and text[i] not in stop:
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i:i + 2])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _lex(text: str, is_field: Optional[Callable[[str], bool]] = None) -> list[_Tok]:
    """Tokens of ``text``; with ``is_field``, a ``name:`` it refuses is text."""
    toks: list[_Tok] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            toks.append(_Tok("LP", pos=i))
            i += 1
        elif c == ")":
            toks.append(_Tok("RP", pos=i))
            i += 1
        elif c == '"':
            body, j = _read_until(text, i + 1, '"')
            if j >= n:
                raise QuerySyntaxError(f"unterminated quote at position {i}")
            j += 1
            if j < n and text[j] in "^~":  # "phrase"~2 or "phrase"^3: ignored
                j = re.compile(r"[^\s()]*").match(text, j).end()
            toks.append(_Tok("QUOTED", _unescape(body), i))
            i = j
        elif c in "[{":
            body, j = _read_until(text, i + 1, "]}")
            if j >= n:
                raise QuerySyntaxError(f"unterminated range at position {i}")
            parts = body.split(" TO ")
            if len(parts) != 2:
                raise QuerySyntaxError(f"range at position {i} needs the form [a TO b]")
            low, high = (_unescape(p.strip().strip('"')) for p in parts)
            toks.append(_Tok("RANGE", (None if low == "*" else low, None if high == "*" else high,
                                       c == "[", text[j] == "]"), i))
            i = j + 1
        elif text.startswith("&&", i):
            toks.append(_Tok("AND", pos=i))
            i += 2
        elif text.startswith("||", i):
            toks.append(_Tok("OR", pos=i))
            i += 2
        elif c == ":" and toks and toks[-1].kind == "TERM":  # "field : value"
            if is_field is None or is_field(str(toks[-1].value)):
                toks[-1].kind = "FIELD"
            i += 1
        elif c == "!":
            toks.append(_Tok("NOT", pos=i))
            i += 1
        elif c in "+-" and (not toks or toks[-1].kind != "FIELD"):
            toks.append(_Tok("PLUS" if c == "+" else "MINUS", pos=i))
            i += 1
        else:
            m = _FIELD_RE.match(text[i:])
            if m and (is_field is None or m.group(1) == "*" or is_field(m.group(1))):
                toks.append(_Tok("FIELD", m.group(1), i))
                i += m.end()
                continue
            raw, j = _read_until(text, i, ' \t\r\n()"[]{}')
            if j < n and text[j] in "[]{}" and raw.endswith(":"):
                raise QuerySyntaxError(f"bad field name at position {i}")
            if j < n and text[j] in "]}":
                raise QuerySyntaxError(f"unexpected '{text[j]}' at position {j}")
            raw = _BOOST_RE.sub("", raw)
            if raw in ("AND", "OR", "NOT"):
                toks.append(_Tok(raw, pos=i))
            elif raw:
                if is_field is None and re.search(r"(?<!\\):", raw):
                    raise QuerySyntaxError(f"unexpected ':' in '{raw}' at position {i}")
                toks.append(_Tok("TERM", raw, i))
            i = max(j, i + 1)
    return toks


class _Parser:
    def __init__(self, text: str, default_or: bool = False, is_field: Optional[Callable[[str], bool]] = None):
        self.text = text
        self.toks = _lex(text, is_field)
        self.i = 0
        self.default_or = default_or
        self.depth = 0
        self.clauses = 0

    def peek(self) -> Optional[_Tok]:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            return MatchAll()
        node = self.or_expr(None)
        if self.peek() is not None:
            tok = self.peek()
            raise QuerySyntaxError(f"unexpected {tok.kind.lower()} at position {tok.pos}")
        return node

    def or_expr(self, fld: Optional[str]) -> Node:
        nodes = [self.and_expr(fld)]
        while self.peek() is not None and self.peek().kind == "OR":
            self.take()
            nodes.append(self.and_expr(fld))
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def and_expr(self, fld: Optional[str]) -> Node:
        groups = [[self.unary(fld)]]  # AND-joined runs; q.op=OR: juxtaposition starts the next, ORed
        while self.peek() is not None and self.peek().kind not in ("OR", "RP"):
            if self.peek().kind == "AND":
                self.take()
            elif self.default_or:
                groups.append([])
            groups[-1].append(self.unary(fld))
        nodes = [g[0] if len(g) == 1 else And(tuple(g)) for g in groups]
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def nested(self, tok: _Tok, parse, *args: object) -> Node:
        """``parse(*args)`` one level deeper than ``tok``; too deep is an error."""
        if self.depth >= MAX_DEPTH:
            raise QuerySyntaxError(f"brackets and signs nest more than {MAX_DEPTH} deep at position {tok.pos}")
        self.depth += 1
        try:
            return parse(*args)
        finally:
            self.depth -= 1

    def unary(self, fld: Optional[str]) -> Node:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("query ends where a term was expected")
        if tok.kind in ("NOT", "MINUS"):
            self.take()
            return Not(self.nested(tok, self.unary, fld))
        if tok.kind == "PLUS":
            self.take()
            return self.nested(tok, self.unary, fld)
        return self.primary(fld)

    def primary(self, fld: Optional[str]) -> Node:
        tok = self.take()
        if tok.kind == "LP":
            node = self.nested(tok, self.or_expr, fld)
            if self.peek() is None or self.peek().kind != "RP":
                raise QuerySyntaxError(f"unbalanced '(' at position {tok.pos}")
            self.take()
            return node
        if tok.kind in ("QUOTED", "RANGE", "TERM"):
            self.clauses += 1
            if self.clauses > MAX_CLAUSES:
                raise QuerySyntaxError(f"more than {MAX_CLAUSES} terms at position {tok.pos}")
        if tok.kind == "FIELD":
            if self.peek() is None:
                raise QuerySyntaxError(f"field '{tok.value}' at position {tok.pos} has no value")
            if self.peek().kind in ("LP", "QUOTED", "RANGE", "TERM"):
                return self.primary(str(tok.value))
            raise QuerySyntaxError(f"field '{tok.value}' at position {tok.pos} has no value")
        if tok.kind == "QUOTED":
            return Term(fld, str(tok.value), phrase=True)
        if tok.kind == "RANGE":
            low, high, inc_low, inc_high = tok.value  # type: ignore[misc]
            return Range(fld, low, high, inc_low, inc_high)
        if tok.kind == "TERM":
            value = str(tok.value)
            if value == "*":
                return MatchAll() if fld in (None, "*") else Exists(fld)
            if fld == "*":
                raise QuerySyntaxError(f"'*:' must be followed by '*' at position {tok.pos}")
            return Term(fld, _unescape(value) if "\\" in value else value)
        raise QuerySyntaxError(f"unexpected {tok.kind.lower()} at position {tok.pos}")


def parse_lucene(text: str, default_or: bool = False, is_field: Optional[Callable[[str], bool]] = None) -> Node:
    """``text`` in the standard parser's syntax as a tree; raises
    ``QuerySyntaxError`` naming the problem and its position. With
    ``is_field`` (a person's ``q``), a colon after a name it refuses is text."""
    local = _LOCAL_RE.match(text)
    if local:
        return _parse_local(local.group(1), local.group(2))
    return _Parser(text, default_or, is_field).parse()


_LOCAL_RE = re.compile(r"^\s*\{!([^}]*)\}(.*)$", re.S)
_LOCAL_PARAM_RE = re.compile(r"""([\w.]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?""")


def _parse_local(params_text: str, rest: str) -> Node:
    """Solr local parameters: ``{!lucene q.op=OR}...`` and ``{!bool must=...}``."""
    params: dict[str, list[str]] = {}
    for m in _LOCAL_PARAM_RE.finditer(params_text):
        value = next((g for g in m.groups()[1:] if g is not None), None)
        key, value = ("type", m.group(1)) if value is None else (m.group(1), value)
        params.setdefault(key, []).append(value)
    kind = params.get("type", ["lucene"])[0]
    if kind == "lucene":
        body = params.get("v", [rest])[0]
        return _Parser(body, params.get("q.op", ["AND"])[0] == "OR").parse()
    if kind == "bool":
        parts = [parse_lucene(v) for key in ("must", "filter") for v in params.get(key, [])]
        parts += [Not(parse_lucene(v)) for v in params.get("must_not", [])]
        should = [parse_lucene(v) for v in params.get("should", [])]
        if should:
            parts.append(Or(tuple(should)))
        return And(tuple(parts)) if parts else MatchAll()
    raise QuerySyntaxError(f"the {{!{kind}}} query parser is not available on the PostgreSQL backend")


def parse_dismax(text: str, mm: Optional[str] = None) -> Node:
    should: list[Term] = []
    must: list[Term] = []
    must_not: list[Term] = []
    for m in re.finditer(r'([+-]?)"([^"]*)"|(\S+)', text):
        if m.group(3) is not None:
            word = m.group(3)
            sign = word[0] if word[0] in "+-" and len(word) > 1 else ""
            term = Term(None, word[len(sign):])
        else:
            sign = m.group(1)
            term = Term(None, m.group(2), phrase=True)
        {"+": must, "-": must_not, "": should}[sign].append(term)
        if len(should) + len(must) + len(must_not) > MAX_CLAUSES:
            raise QuerySyntaxError(f"more than {MAX_CLAUSES} terms at position {m.start()}")
    if not (should or must or must_not):
        return MatchAll()
    return Dismax(tuple(should), tuple(must), tuple(must_not), mm)


def min_should_match(spec: Optional[str], n: int) -> int:
    """Solr's ``mm`` rule for n optional clauses; default: all of them."""
    if not spec or n == 0:
        return n
    spec = spec.strip()
    if "<" not in spec:
        return _mm_simple(spec, n)
    required = n
    for part in spec.split():
        threshold, _, rule = part.partition("<")
        if n > int(threshold):
            required = _mm_simple(rule, n)
    return required


def _mm_simple(rule: str, n: int) -> int:
    try:
        if rule.endswith("%"):
            pct = int(rule[:-1])
            value = n * pct // 100 if pct >= 0 else n - (n * -pct // 100)
        else:
            value = int(rule)
            value = value if value >= 0 else n + value
    except ValueError as e:
        raise QuerySyntaxError(f"bad mm value '{rule}'") from e
    return max(0, min(n, value))
