"""The city's real lists (../shared/data/seoul-opengov) lose nothing public to masking.

Every text cell of the four lists is masked as the plaza publishes it — each row's
fields as a harvested record and each list as a table (``field_corpus.real_list_changes``;
``bench/masking_bench.py`` prints the changes). The only values masked are the persons
an expense names as its 대상 without an office (``김민욱 외 9명``): the policy masks a
name no title, approval line or contact block ties to an office. Then each kind of
over-masking these lists showed, with its siblings, and the private values beside them
that must stay masked.
"""
import pytest

from masking import redact_text, scan
from masking.field_corpus import real_list_changes

# 업무추진비 대상: named persons with no office beside them (officials or citizens: the list does not say).
ATTENDEES = frozenset("""김민욱 김경희 박정민 강선미 현혜숙 김종금 김영춘 이종환 김원태 송현수 김명옥 김창순 이인석
권기춘 김종찬 김관일 김진우 이종팔""".split())


def _attendees_masked(value):
    for name in ATTENDEES:
        value = value.replace(name, "[성명]")
    return value


def test_the_real_lists_lose_no_public_value(seoul_data):
    cells, changes = real_list_changes(seoul_data)
    assert cells > 2000
    over_masked = [c for c in changes if c.column != "target_nm" or c.published != _attendees_masked(c.value)]
    assert over_masked == [], "\n".join(f"{c.path} {c.source}.{c.column}: {c.value!r} -> {c.published!r}"
                                        for c in over_masked)
    assert {c.path for c in changes} == {"record", "table"}
    assert len({c.value for c in changes}) == 19  # every named attendee cell, by both paths


@pytest.mark.parametrize("text", [
    # a word the dictionary lists as a person's name that is a thing of a place, or a place before its station
    "PCR 및 RT-PCR을 이용한 하천수 중 Giardia lamblia 검출",
    "상수원 수계 하천수 수질동향",
    "남태령 지하철역 라돈농도 조사 및 저감방안 연구",
    "남태령 고개 일대 교통 대책",
    # a title in quotation marks after a compound noun is no speech
    '서울금융복지상담센터 사례집 "희망의 문턱에서"-서울금융복지상담센터',
    '시민 안내서 "함께 걷는 서울"',
    # 군/양 glued to a word is part of it
    "서울지역 토양 중 우라늄238 농도의 분포 연구",
    "서울시 간선도로변 토양 중 중금속 및 TPH 분포 연구",
    "수도권 지역군 비교 분석",
    # a bracket after a body or facility names its branch, site or shop; after a common word, a place
    "일일 방역상태 점검표 제출(신트리)",
    "생활치료센터(태능) 지원근무 직원들 격려 다과 제공",
    "㈜강동에프엔비(인기명) (강동구 상일로)",
    "강북구보건소(미아) 예방접종 안내",
    # numbers in brackets are a list, not an age; a compound noun before one is no name
    "서울광장 근무일지(1,5 화)",
    "조사결과(1) 보고",
    "근무일지(2, 3)",
    # an official with a title after a slash; an office car given out
    "이정화/정수시설과장 외 12명",
    "차량배차신청 (2021-01-07/91소7283)",
    # digits inside a resource's id or a file hash are no card or account (the plaza's own URLs)
    "http://127.0.0.1:5000/sanction/7c3fc61c-a640-4580-8693-83f5b5f1855b/resource/b9550319-9039-5912-97b6-1e125a416ff0",
    "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
])
def test_public_words_of_the_real_lists_and_their_siblings_are_kept(text):
    assert redact_text(text) == text, scan(text)


@pytest.mark.parametrize("text, value", [
    ("김민수가 방문함", "김민수"),
    ("하천수 씨가 민원을 제기함", "하천수"),           # a cue makes the listed name a person's
    ("박지훈(52, 자영업)이 말했다", "박지훈"),
    ("박지훈(52) 씨", "박지훈"),
    ('민원인 김민수는 "정말 힘들었습니다"', "김민수"),
    ('김민수는 "정말 힘들었습니다"', "김민수"),
    ("담당 직원(김민수)에게 전달", "김민수"),
    ("010-3378-1102 (고새)", "고새"),
    ("응우옌 반 안 군이 다쳤다", "응우옌 반 안"),
    ("주민 이상민 씨와 면담", "이상민"),
    ("민원인 자택 차량 12가3456", "12가3456"),
    ("이정화/회사원(52세)", "이정화"),
    ("국민은행 123456-12-123456 (7c3fc61c)", "123456-12-123456"),
])
def test_private_values_beside_those_kinds_stay_masked(text, value):
    assert value not in redact_text(text), scan(text)
