"""Generated sentences that name persons the way field documents do, labelled.

Private persons appear with no role word: before 씨/님/여사/어르신/군/양, with an
age or occupation in parentheses, as speakers in minutes and call transcripts,
in quotations, in lists, alone as the subject of a sentence, in Latin letters,
in hanja and as foreign residents' names written in Hangul. Officials appear
with a title before or after the name, in approval lines and contact blocks,
politicians with their office; public look-alikes are bodies, places, projects,
laws and companies. Names use the whole surname lexicon, compound surnames
and two-syllable names. ``tests/masking/test_person_names.py`` and
``bench/person_names_bench.py`` use it; the same seed gives the same sentences.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterator

SURNAMES = ("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 "
            "주 우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 "
            "금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 "
            "승 간 상 시 갈 단 견 당 화 창 옹 순 빙 종 아 탄 묵 해 판").split()
COMPOUND = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")
GIVEN = ("민준 서연 지훈 영희 수진 현우 지민 예린 도윤 하은 성민 정호 미경 은정 상철 경자 순자 영수 동현 지영 혜진 "
         "민서 준호 윤서 태희 재훈 유진 승현 소영 광수 명숙 옥순 정민 다은 현정 은비 수아 건우 채원 종철 말순 "
         "기철 순옥 병수 영자 재석 혜숙 춘자 복순 용호 상훈 미란 정숙 귀남 덕희 봉수 인숙").split()
LATIN = ("Nguyen Van An", "Tran Thi Hoa", "John Smith", "Maria Santos", "KIM MIN-SU", "Lee Ji-eun", "Park Seo-jun",
         "Wang Wei", "Le Thi Mai", "Batbayar Dorj")
FOREIGN_HANGUL = ("응우옌 반 안", "쩐 티 투이", "왕웨이", "리우 양", "마리아 산토스", "존 스미스", "레티마이", "바트바야르")
HANJA = ("洪吉童", "金哲洙", "李英姬", "朴敏秀", "南宮民秀")
TITLES = ("주무관", "팀장", "과장", "국장", "사무관", "주임", "센터장", "동장")
POLITICIANS = ("서울시장", "성동구청장", "시의원", "구의원", "국회의원", "교육감")
DEPARTMENTS = ("재무과", "도로관리과", "복지정책과", "주택정책과", "청년정책과", "정릉2동주민센터", "마포구청 민원여권과")
PUBLIC_WORDS = ("정릉동", "마포구", "성수동", "을지로", "신정동", "역삼동", "도봉구", "은평구", "천호동", "방화동",
                "서울시설공단", "서울교통공사", "국민건강보험공단", "강북구보건소", "서울특별시의회", "한국토지주택공사",
                "희망두배청년통장", "서울형 뉴딜일자리", "청년수당", "기초연금", "주거급여", "장기요양", "도시재생",
                "한빛건설", "대한통운", "삼성전자", "현대건설", "정비사업", "재개발조합", "광화문광장", "청계천",
                "서울숲", "남산", "정보공개법", "개인정보 보호법", "주택법", "도로교통법", "노인일자리", "지방세")


def particle(word: str, after_vowel: str, after_consonant: str) -> str:
    """The word with the particle its last syllable takes (김민수가, 박지훈이, 주택법과)."""
    return word + (after_consonant if (ord(word[-1]) - 0xAC00) % 28 else after_vowel)


def subject(name: str) -> str:
    return particle(name, "가", "이")


@dataclass
class Sentence:
    text: str
    private: list[str] = field(default_factory=list)  # names that must not survive
    public: list[str] = field(default_factory=list)   # names and words that must survive


class NameSentences:
    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def name(self) -> str:
        """A new Korean name: any surname of the lexicon (a compound one in
        one of eight), a one- or two-syllable given name."""
        r = self.rng
        while True:
            surname = r.choice(COMPOUND) if r.random() < 0.12 else r.choice(SURNAMES)
            given = r.choice(GIVEN)
            name = surname + (given[r.randrange(2)] if r.random() < 0.15 else given)
            if name not in self.used:
                self.used.add(name)
                return name

    def private(self) -> Sentence:
        r = self.rng
        a, b = self.name(), self.name()
        age, job = r.randint(19, 88), r.choice(("자영업", "회사원", "주부", "무직", "대학생", "택시기사", "상인"))
        forms = [
            (f"{a} 씨는 야간 공사 소음으로 잠을 잘 수 없다고 호소하였다.", [a]),
            (f"{a}님께 처리 결과를 문자로 안내함.", [a]),
            (f"독거 {a} 어르신 댁을 방문하여 안부를 확인함.", [a]),
            (f"{a} 여사는 관리비 부과 기준에 이의를 제기하였다.", [a]),
            (f"사고 당시 {a} 군과 {b} 양이 횡단보도를 건너고 있었다.", [a, b]),
            (f"{a}({age}세, {job})은 전입신고 지연 경위를 진술하였다.", [a]),
            (f"{a}({age}) 씨가 현장에서 사진을 제출하였다.", [a]),
            (f"주민 {a}: '주차장 진입로가 좁아 사고 위험이 큽니다.'", [a]),
            (f"{a}: 버스 배차 간격을 줄여 주셨으면 합니다.", [a]),
            (f"{a}는 \"공원 조명이 너무 어둡다\"고 말했다.", [a]),
            (f"설명회 참석자: {a}, {b}", [a, b]),
            (f"{subject(a)} 120 다산콜센터로 전화하여 불법 주정차를 신고함.", [a]),
            (f"민원인 {a}의 요청에 따라 현장을 확인하였다. {a}는 추가 자료를 내기로 함.", [a]),
            (f"{r.choice(LATIN)} 씨가 체류 자격 변경을 문의함.", None),
            (f"{r.choice(FOREIGN_HANGUL)} 씨는 통역 지원을 요청하였다.", None),
            (f"신청인 {r.choice(LATIN)}의 서류를 접수함.", None),
            (f"성명(한자) {r.choice(HANJA)}", None),
        ]
        text, names = r.choice(forms)
        if names is None:  # the foreign or hanja name is what the sentence plants
            planted = next(n for n in LATIN + FOREIGN_HANGUL + HANJA if n in text)
            names = [planted]
        return Sentence(text, private=names)

    def public(self) -> Sentence:
        r = self.rng
        a, b, c = self.name(), self.name(), self.name()
        t1, t2 = r.choice(TITLES), r.choice(TITLES)
        dept, word = r.choice(DEPARTMENTS), r.choice(PUBLIC_WORDS)
        forms = [
            (f"담당: {dept} {a} {t1} (02-2133-{r.randint(1000, 9999)})", [a]),
            (f"{dept} {t1} {a}이 현장을 확인하였다.", [a]),
            (f"{a} {t1}이 답변하고 {b} {t2}이 보충 설명함.", [a, b]),
            (f"결재: 담당 {a} 팀장 {b} 과장 {c}", [a, b, c]),
            (f"담당 팀장 과장\n{a} {b} {c}", [a, b, c]),
            (f"{a} {r.choice(POLITICIANS)}은 {word} 현장을 방문하였다.", [a]),
            (f"위원장 {a}: 다음 안건을 상정하겠습니다.", [a]),
            (f"{dept} {a} 02-2133-{r.randint(1000, 9999)}", [a]),
            (f"{word} 관련 의견을 수렴하였다.", [word]),
            (f"이번 {word} 사업의 예산은 다음과 같다.", [word]),
            (f"{particle(word, '와', '과')} 협의한 후 결정한다.", [word]),
            (f"{a} {t1}은 {word} 추진 계획을 보고하였다. {a}는 일정도 설명하였다.", [a, word]),
        ]
        text, kept = r.choice(forms)
        return Sentence(text, public=kept)

    def sentences(self, n: int) -> Iterator[Sentence]:
        for i in range(n):
            yield self.private() if i % 2 == 0 else self.public()
