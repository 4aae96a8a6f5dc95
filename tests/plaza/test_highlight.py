"""Search-result snippets (pure functions: no CKAN needed)."""
from ckanext.seoulplaza.highlight import query_terms, snippet


def test_marks_the_query_words_as_the_index_matches_them():
    text = "서울시는 청년수당은 물론 청년 주거비도 지원한다."
    out = snippet(text, "청년수당을 주거비")
    assert "<mark>청년수당</mark>은" in out and "<mark>주거비</mark>" in out


def test_picks_the_window_with_the_most_distinct_terms():
    text = "예산 " + "가나다라 " * 60 + "예산 편성 방향과 추경 예산" + " 마바사" * 60
    out = snippet(text, "예산 추경", width=60)
    assert "<mark>추경</mark>" in out and out.startswith("…") and out.endswith("…")


def test_escapes_the_text_and_keeps_its_masks():
    out = snippet("<script>alert(1)</script> 민원인 [성명] 청년수당 신청", "청년수당")
    assert "<script>" not in out and "&lt;script&gt;" in out and "[성명]" in out


def test_nothing_to_mark_is_an_empty_snippet():
    assert snippet("주택 공급 계획", "교통") == ""
    assert snippet("", "교통") == "" and snippet("교통", "") == ""


def test_query_syntax_is_not_looked_for():
    assert query_terms('organization:seoul AND "청년 수당" -폐지') == ["수당", "청년"]
    # as the index does: a trailing particle-like syllable goes (과), the rest still matches
    assert query_terms("정보공개정책과-1234") == ["정보공개정책", "1234"]
