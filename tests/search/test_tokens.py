"""Korean analysis: bigrams for the index, particle stripping for queries."""
import pytest

from ckanext.seoulplaza.search import tokens

pytestmark = pytest.mark.search_backend("postgres")


def test_hangul_runs_become_bigrams_and_other_words_stay_whole():
    assert tokens.index_tokens("청년수당 지급 Plan-2021") == ["청년", "년수", "수당", "지급", "plan", "2021"]


def test_full_width_forms_are_folded():
    assert tokens.index_tokens("ＡＢＣ？１２") == ["abc", "12"]


@pytest.mark.parametrize("query, stem", [
    ("청년수당을", "청년수당"), ("청년수당은", "청년수당"), ("서울에서", "서울"),
    ("제설대책으로", "제설대책"), ("회의", "회의"), ("서울", "서울"), ("어린이", "어린"),
])
def test_query_particles_are_stripped_but_never_below_two_syllables(query, stem):
    assert tokens.strip_particle(query) == stem


def test_query_bigrams_of_a_noun_are_a_subset_of_the_noun_with_a_particle():
    stored = set(tokens.index_tokens("청년수당을 신청하세요"))
    for query in ("청년수당", "청년수당은", "청년수당을"):
        grams = {g for run in tokens.query_runs(query) for g in tokens.bigrams(run)}
        assert grams <= stored
