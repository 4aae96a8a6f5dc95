"""Sensitive data (민감정보, 개인정보 보호법 제23조) about one person: health and
diagnoses, disability and its grade, welfare status (기초생활수급, 의료급여, 차상위).

The rule: where such a fact is tied to a person — the same line (a sentence of a
case note, a row of a list) also speaks of an individual: a role or an honorific
(대상자:, 민원인, 어르신, …씨), an age (78세), sex (남/여), a date of birth or a
registration number — the fact itself is masked, as well as the identifiers the
other recognizers mask. Masking only the identifiers is not enough: a case note
keeps the 동, the age and the household, and in a small community that names the
person (the identifying and the sensitive attributes are both "개인에 관한 사항"
under 정보공개법 제9조 제1항 제6호; agencies' 비공개 세부기준 list "복지급여대상자
(국민기초생활수급자, 차상위, 의료급여, 한부모가정 …)의 신상정보" and "장애인 복지상담
… 개인의 신상정보" as non-public). The same words in policy text, statistics and
programme names (기초생활수급자 지원 사업, 중증장애인 1,234명, 치매안심센터) are about
no one and stay public.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..findings import Finding

_DISABILITY_TYPES = "지체|시각|청각|언어|지적|자폐성|정신|뇌병변|신장|심장|호흡기|간|안면|장루|요루|뇌전증|발달"
_DISEASES = ("치매|알츠하이머|파킨슨|우울증|조울증|양극성\\s?장애|조현병|공황장애|불안장애|강박장애|외상후\\s?스트레스\\s?장애|PTSD"
             "|알코올\\s?(?:의존|중독)증?|알콜\\s?중독|약물\\s?중독|도박\\s?중독|당뇨병?|고혈압|뇌졸중|뇌경색|뇌출혈|심근경색|협심증"
             "|[가-힣]{0,4}암(?=\\s?(?:\\d기|말기|진단|투병|수술|환자|판정|치료))|백혈병|결핵|에이즈|HIV|간경화|간경변|신부전|투석"
             "|희귀\\s?질환|난치성\\s?질환|중증\\s?질환|정신\\s?질환|정신과\\s?(?:치료|입원|진료)|자살\\s?(?:시도|위험|충동)|자해")
_SENSITIVE = re.compile(
    r"(?:(?:" + _DISABILITY_TYPES + r")\s?장애(?:인)?(?:\s?(?:[1-6]\s?급|중증|경증|심한|심하지\s?않은))?"
    r"|(?:중증|경증)\s?장애(?:인)?|장애\s?(?:등급\s?)?[1-6]\s?급|장애(?:의)?\s?정도가\s?(?:심한|심하지\s?않은)(?:\s?장애인)?|장애인\s?등록"
    r"|(?:국민\s?)?기초\s?생활\s?수급(?:자|권자|가구|대상)?|기초\s?수급(?:자)?|(?:생계|주거|교육)\s?급여\s?수급(?:자)?"
    r"|의료\s?급여(?:\s?[12]\s?종)?(?:\s?수급(?:자|권자)?)?|차상위(?:\s?(?:계층|가구|본인부담경감|자활))?"
    r"|(?:" + _DISEASES + r")(?:\s?(?:진단|판정|투병|치료|환자|입원|말기|\d\s?기))?"
    r")")
# An individual on the same line: a role, a label, an honorific, an age, sex, kin words.
_PERSON = re.compile(
    r"대상자\s?[:：]\s?[가-힣][가-힣○*●]{0,3}\s?[(（,]|대상자\s?[가-힣][가-힣○*●]{1,3}\s?[:：(]|대상자\\s?[가-힣]{2,4}\\s?(?:씨|님)|민원인|신청인|청구인|신고인|보호자|세대주|수급자\s?[:：]|환자\s?[:：]"
    r"|성명|이름|(?<![가-힣])본인|어르신|할머니|할아버지|(?<![가-힣])(?:모친|부친|남편|아내|배우자|아들|딸|손자|손녀)"
    r"|[가-힣]\s?(?:씨|님)(?:께서|에게|[은는이가의께도])?(?![가-힣])|[가-힣][*○●◯×][가-힣○*]?|\d{1,3}\s?세(?![가-힣])|(?<![가-힣])(?:남|여)\s?[,)/]"
    r"|\((?:남|여)|독거|생년월일|주민등록"
    r"|^\s*[가-힣]{2,4}\s?\((?=[^)\n]*(?:진단|치료|투병|판정|\d{1,3}\s?세))")  # a case note's line: 표기(치매 진단을 받아)
# Numbers after the fact make it a statistic (수급자 1,234명, 12가구, 30%).
_COUNT_AFTER = re.compile(r"\s?(?:은|는|이|가)?\s?\d[\d,]*\s?(?:명|가구|세대|건|%|개소|인)")


class SensitiveRecognizer:
    """The sensitive phrase where its line speaks of an individual (see the module)."""

    kind = "sensitive"

    def find(self, text: str) -> Iterable[Finding]:
        for m in _SENSITIVE.finditer(text):
            if _COUNT_AFTER.match(text, m.end()):
                continue
            line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            if _PERSON.search(line):
                yield Finding(m.start(), m.end(), self.kind, m.group(0))
