"""Korean queries against real approval-document titles from the Seoul lists."""
import csv

import pytest
from ckan.tests import factories, helpers

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def real_titles(seoul_data):
    with (seoul_data / "info_list2021/20210104_20210110_info_list2.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:80]
    return {factories.Dataset(title=row["title"], notes=row["tkcrd_nm"])["name"]: row for row in rows}


def titles(q):
    return [r["title"] for r in helpers.call_action("package_search", q=q, rows=100)["results"]]


@pytest.mark.parametrize("query, noun", [
    ("제설대책", "제설대책"),
    ("제설대책을", "제설대책"),
    ("제설대책은", "제설대책"),
    ("수도계량기는", "수도계량기"),
    ("노숙인의", "노숙인"),
    ("누수요금적용신청을", "누수요금적용신청"),
    ("재택근무가", "재택근무"),
])
def test_a_noun_with_or_without_particle_finds_every_record_with_the_noun(real_titles, query, noun):
    expected = sorted(r["title"] for r in real_titles.values() if noun in r["title"] + r["tkcrd_nm"])
    assert expected, f"no real record contains {noun}"
    assert sorted(titles(query)) == expected


def test_two_syllable_nouns_match(real_titles):
    found = titles("한파")
    assert found and all("한파" in t for t in found)


def test_several_words_must_all_match(real_titles):
    found = titles("제설대책 상향")
    assert found and all("제설대책" in t and "상향" in t for t in found)


def test_title_hit_ranks_above_body_hit():
    body = factories.Dataset(title="업무 보고", notes="청년수당을 지급한 결과를 보고합니다. 청년수당은 매월 지급됩니다. " * 20)
    title = factories.Dataset(title="청년수당 지급 계획", notes="지급 계획")
    results = helpers.call_action("package_search", q="청년수당을")["results"]
    assert [r["name"] for r in results] == [title["name"], body["name"]]


def test_quoted_query_needs_adjacent_syllables():
    near = factories.Dataset(title="서울시 청년수당 안내")
    far = factories.Dataset(title="청년 정책과 근속년수에 따른 수당")  # every bigram, not adjacent

    def found(q):
        return {r["name"] for r in helpers.call_action("package_search", q=q)["results"]}
    assert near["name"] in found("청년수당")
    assert found('"청년수당"') == {near["name"]}


def names(q):
    return [r["name"] for r in helpers.call_action("package_search", q=q)["results"]]


@pytest.mark.parametrize("query, title", [
    ("청년수당을", "청년수당 지급 계획"),          # a particle on the query word
    ("근무일지", "1월 당직근무일지 제출"),          # a noun inside a compound
    ("한파 경보", "한파경보 발령에 따른 비상근무"),  # words typed apart find them written together
    ("서울", "서울시 청년 정책 안내"),              # a two-syllable noun
])
def test_korean_forms_find_the_record_and_nothing_else(query, title):
    record = factories.Dataset(title=title)
    factories.Dataset(title="수도계량기 동파 예방 안내", notes="겨울철 점검")
    assert names(query) == [record["name"]]


@pytest.mark.search_backend("solr")
def test_on_solr_a_compound_finds_its_words_written_apart():
    """Nori reads 한파경보 as 한파 + 경보, so the spaced form is found too; the
    PostgreSQL backend's bigrams need the syllables 파경 side by side."""
    record = factories.Dataset(title="한파 경보 발령")
    assert names("한파경보") == [record["name"]]
    assert names('"한파경보"') == [record["name"]]
