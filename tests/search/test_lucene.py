"""The Solr query syntax CKAN sends, parsed into a tree."""
import pytest

from ckanext.seoulplaza.search import lucene
from ckanext.seoulplaza.search.lucene import And, Exists, MatchAll, Not, Or, Range, Term

pytestmark = pytest.mark.search_backend("postgres")


@pytest.mark.parametrize("text, tree", [
    ("*:*", MatchAll()),
    ("", MatchAll()),
    ("name:foo", Term("name", "foo")),
    ('name:"foo bar"', Term("name", "foo bar", phrase=True)),
    ("+capacity:public +state:active", And((Term("capacity", "public"), Term("state", "active")))),
    ("state:(active OR draft)", Or((Term("state", "active"), Term("state", "draft")))),
    ("-name:x", Not(Term("name", "x"))),
    ("NOT name:x", Not(Term("name", "x"))),
    ("!name:x", Not(Term("name", "x"))),
    ("a && b || c", Or((And((Term(None, "a"), Term(None, "b"))), Term(None, "c")))),
    ("metadata_modified:[2020-01-01T00:00:00Z TO *]", Range("metadata_modified", "2020-01-01T00:00:00Z", None)),
    ("num:{1 TO 5]", Range("num", "1", "5", include_low=False, include_high=True)),
    ("res_format:*", Exists("res_format")),
    ("name:foo^2", Term("name", "foo")),
    ('title:"a b"~3', Term("title", "a b", phrase=True)),
    (r"name:a\:b", Term("name", "a:b")),
    ("tags:economy-2020", Term("tags", "economy-2020")),
    ("_query_store : true", Term("_query_store", "true")),
    ("(creator_user_id:abc AND +state:draft)", And((Term("creator_user_id", "abc"), Term("state", "draft")))),
    ("{!lucene q.op=OR}bees butterflies", Or((Term(None, "bees"), Term(None, "butterflies")))),
    ("{!bool must=bees}", And((Term(None, "bees"),))),
])
def test_parse(text, tree):
    assert lucene.parse_lucene(text) == tree


@pytest.mark.parametrize("text, problem", [
    ("name:(a", "unbalanced '('"),
    ("name:", "has no value"),
    ('title:"abc', "unterminated quote"),
    ("metadata_modified:[a TO b", "unterminated range"),
    ("x:[a b]", "[a TO b]"),
    (")", "unexpected rp"),
    ("title:rivers)", "unexpected rp"),
    ("*:foo", "'*:' must be followed by '*'"),
    ("{!child of=x}", "not available"),
    ("(" * 65 + "a" + ")" * 65, "nest more than 64 deep"),
    ("-" * 5000 + "a", "nest more than 64 deep"),
    (" ".join(["a"] * 1025), "more than 1024 terms"),
])
def test_malformed_query_names_the_problem(text, problem):
    with pytest.raises(lucene.QuerySyntaxError, match=problem.replace("(", r"\(").replace("[", r"\[")):
        lucene.parse_lucene(text)


def test_or_default_parses_up_to_the_clause_limit_without_recursion():
    tree = lucene.parse_lucene("{!lucene q.op=OR}" + " ".join(f"t{i}" for i in range(lucene.MAX_CLAUSES)))
    assert len(tree.nodes) == lucene.MAX_CLAUSES
    with pytest.raises(lucene.QuerySyntaxError, match="more than 1024 terms"):
        lucene.parse_dismax(" ".join(["서울"] * 1025))


def test_dismax_keeps_signs_and_phrases():
    node = lucene.parse_dismax('청년수당을 "서울 시청" -폐지 +2021', "2<-1 5<80%")
    assert node.should == (Term(None, "청년수당을"), Term(None, "서울 시청", phrase=True))
    assert node.must == (Term(None, "2021"),)
    assert node.must_not == (Term(None, "폐지"),)


def test_dismax_treats_syntax_as_text():
    assert lucene.parse_dismax("(a OR b] title: x") .should[0] == Term(None, "(a")


@pytest.mark.parametrize("spec, n, needed", [
    (None, 4, 4), ("2<-1 5<80%", 2, 2), ("2<-1 5<80%", 3, 2), ("2<-1 5<80%", 5, 4),
    ("2<-1 5<80%", 10, 8), ("1", 3, 1), ("-1", 3, 2), ("50%", 3, 1), ("-50%", 3, 2),
])
def test_min_should_match(spec, n, needed):
    assert lucene.min_should_match(spec, n) == needed
