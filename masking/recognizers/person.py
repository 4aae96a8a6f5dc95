"""Names of private persons, found by the role that labels them.

A name alone is not a cue (officials sign documents by name and stay public);
the role is: 민원인 김철수, 신청인: 이영희, 성명 박민수, 성명(한자): 洪吉童 (a name in
hanja after a label, whatever its characters). A name once found is masked
wherever else it appears. A name followed by an official title
(홍길동 주무관) is an official acting in office and stays.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..findings import Finding

ROLES = ("민원인", "신청인", "청구인", "대표자", "피해자", "가해자", "신고인", "진정인", "고소인", "피고소인",
         "보호자", "세대주", "수령인", "예금주", "소유자", "응시자", "수상자", "성명", "이름", "성 명")
OFFICIAL_TITLES = ("주무관", "팀장", "과장", "국장", "실장", "본부장", "부시장", "시장", "구청장", "주임",
                   "사무관", "서기관", "조사관", "담당관", "반장", "센터장", "소장", "원장", "위원장", "의원",
                   "부구청장", "단장", "관장", "대변인", "비서관", "정책관", "기획관")
# Words that follow a role label but are not names, alone or with a noun suffix
# (주소 → 주소지). Only exact words: 변경혜 is a name even though 변경 is not.
NOT_NAMES = frozenset("""본인 주소 연락처 전화 요청 의견 민원 성명 이름 정보 명의 대리인 귀하 개인 자격 서명 날인
확인 제출 기재 생략 비공개 전원 다수 각각 모두 없음 미상 해당 관련 소유 일동 등록 변경 주민 외국인 미기재 측
대표 본부 여러분 거주 명단 현황 인원 신분 등 외 및 중 전부 일부 공동 유족 가족 부모 자녀 배우자 이하 기타
차량 주장 진술 답변 신청 동의 이의 인적 사업 상담 방문 제기 소속 성별 나이 연령 기간 장소 서류 문의 전화 정보 조치
조사 안내 구제 고충 피해 공사 권리 우편 이메일 진정 고소 신고 명칭 상호 주민등록 연명 다수인 단체 법인 회사
한자 한문 한글 국문 영문 로마자 자필 정자 필수 선택 표기 유형 구분""".split())
NOUN_SUFFIXES = frozenset("지 서 처 란 들 측 사항 번호 내용 사실".split())
PARTICLES = ("로부터", "께서", "에게", "으로", "로", "씨", "님", "은", "는", "이", "가", "의", "을", "를", "와", "과", "도", "께")
SURNAMES = frozenset("""김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽
성 차 주 우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금
옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 시
갈 단 견 당 화 창 옹 순 빙 종 아 견 탄 묵 해 판""".split())
COMPOUND_SURNAMES = frozenset("남궁 황보 제갈 선우 독고 사공 서문 동방".split())

# How a form says the name is written (성명(한자): 洪吉童, 이름(서명)): a label, not a name.
QUALIFIERS = "한자 한문 한글 국문 영문 로마자 서명 자필 정자 본인 인".split()
HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LABELLED = re.compile(r"(?<![가-힣])(?:" + "|".join(ROLES) + r")"
                       r"(?:\s*\(\s*(?:" + "|".join(QUALIFIERS) + r")\s*\)\s*[:：]?\s*|\s*(?:[:：]\s*|\(\s*)|\s+)"
                       r"(?:(?P<run>[가-힣]{2,8})|(?P<hanja>[" + HANJA + "]{2,4})(?![" + HANJA + "]))")
_TITLE_AFTER = re.compile(r"\s?(?:" + "|".join(OFFICIAL_TITLES) + r")")


def _name_in(run: str) -> str | None:
    """The name at the start of the Hangul run after a role label: particles
    come off the end, then a surname must start it (so 민원인 처리결과 is not
    a name). Most names have three syllables; a compound surname allows four.
    When in doubt it is a name: a masked noun costs less than a leaked name."""
    forms = [run]
    while len(forms[-1]) > 2:
        particle = next((p for p in PARTICLES if forms[-1].endswith(p)), None)
        if particle is None:
            break
        forms.append(forms[-1][:-len(particle)])
    if any(f in NOT_NAMES or (f[:2] in NOT_NAMES and f[2:] in NOUN_SUFFIXES) for f in forms):
        return None
    run = next((f for f in forms if len(f) <= 3), forms[-1])
    if run[:2] in COMPOUND_SURNAMES:
        return run[:4] if len(run) >= 3 else None
    return run[:3] if run[0] in SURNAMES else None


class PersonNameRecognizer:
    kind = "person_name"

    def find(self, text: str) -> Iterable[Finding]:
        names = set()
        for m in _LABELLED.finditer(text):
            if m.group("hanja"):  # a name written in hanja (洪吉童, 南宮民秀)
                names.add(m.group("hanja"))
                continue
            name = _name_in(m.group("run"))
            if name and not _TITLE_AFTER.match(text, m.start("run") + len(name)):
                names.add(name)
        for name in names:
            yield from self._occurrences(text, name)

    def _occurrences(self, text: str, name: str) -> Iterable[Finding]:
        if not "가" <= name[0] <= "힣":  # in hanja: where no other hanja touches it
            for m in re.finditer(f"(?<![{HANJA}]){re.escape(name)}(?![{HANJA}])", text):
                yield Finding(m.start(), m.end(), self.kind, name)
            return
        # Two-syllable names also occur inside words: only where a non-Hangul follows.
        after = r"(?![가-힣])" if len(name) == 2 else ""
        for m in re.finditer(r"(?<![가-힣])" + re.escape(name) + after, text):
            if not _TITLE_AFTER.match(text, m.end()):
                yield Finding(m.start(), m.end(), self.kind, name)
