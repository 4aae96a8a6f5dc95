"""A deterministic labelled corpus shaped like what data stewards really feed in.

``masking.corpus`` writes every private value after a role word (민원인,
신청인, 성명:), which is what the recognizers were built on. This generator
writes the genres a portal receives — payment lists with tables inside the
text (CSV, tab, pipe, space-aligned), 주민설명회 minutes with speaker turns
and quotes, petitions with 연명부 signature lists, comment logs, 120 call
transcripts, welfare case notes, foreign residents' 민원 (Latin-script names),
정보공개 decision notices, tender results, volunteer payment drafts,
안전신문고 reports and blank forms — in many wordings, orders and spellings.

Each ``Document`` (``masking.corpus.Document``) labels what must not survive
masking (``private``: person_name, birth_date, partial_registration_number,
home_phone, mobile_phone, address, bank_account, email, sensitive) and what
must (``public``: official, politician, office_phone, business_number,
company, law, date, amount, agency, place, agency_email, facility_address,
document_number, form_label). A ``sensitive`` value is the span that ties a
person to health, disability or welfare status (``김서윤 씨는 의료급여 1종``):
it leaks while it survives whole, i.e. while the person stays named beside it.

Agencies, departments, officials' names, office phones, research institutes
and facilities' addresses come from the city's real lists
(``../shared/data/seoul-opengov``); private persons are generated. A
document is regenerated when one of its values occurs inside another value or
inside a word of the text, so a score counts only what the masking did. Same
seed, same documents.
"""
from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from .corpus import Document, business_number

SEOUL_LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seoul-opengov"

PRIVATE_KINDS = ("person_name", "birth_date", "partial_registration_number", "home_phone", "mobile_phone",
                 "address", "bank_account", "email", "sensitive")
PUBLIC_KINDS = ("official", "politician", "office_phone", "business_number", "company", "law", "date", "amount",
                "agency", "place", "agency_email", "facility_address", "document_number", "form_label")

# Surnames by rough frequency (repeated = likelier), and the compound ones.
FAMILY = ("김" * 20 + "이" * 15 + "박" * 9 + "최" * 5 + "정" * 5 + "강조윤장임" * 2
          + "한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉")
COMPOUND = ("남궁", "제갈", "선우", "독고", "황보", "사공", "서문", "동방")
SYLLABLES = ("가건경광규근기나남다대도동두란래령로록리린명목미민범보복봉빈상새서석선설세소송수숙순슬승시식아안애양언연"
             "영예오옥완용우운원유윤율은을의이인일자재전정제조종주준중지진찬창채철초춘충치태택하한해향혁현형혜호홍화환효후훈휘희")
LATIN_NAMES = ("NGUYEN THI HOA", "Tran Van Minh", "Maria Santos", "Ahmed Khan", "Batbayar Tserendorj",
               "Zhang Wei", "LI XIAOMEI", "Olga Petrova", "Juan dela Cruz", "Siti Aminah", "Ramesh Kumar",
               "Pham Thi Lan", "Aziz Karimov", "Elena Popescu", "WANG JUN", "Nurlan Seitkali",
               "Dilnoza Rakhimova", "John Michael Smith", "Sokha Chan", "Thanh Huong Le")
LATIN_IN_HANGUL = ("응우옌 티 호아", "쩐 반 민", "마리아 산토스", "바트바야르", "왕 쥔", "올가 페트로바")
NATIONS = ("베트남", "중국", "필리핀", "몽골", "우즈베키스탄", "캄보디아", "네팔", "러시아", "카자흐스탄", "인도네시아")
DISTRICT_OFFICES = (("종로구", "삼봉로 43"), ("중구", "창경궁로 17"), ("용산구", "녹사평대로 150"), ("성동구", "고산자로 270"),
                    ("마포구", "월드컵로 212"), ("노원구", "노해로 437"), ("은평구", "은평로 195"), ("도봉구", "마들로 656"),
                    ("중랑구", "봉화산로 179"), ("서대문구", "연희로 248"), ("강남구", "학동로 426"), ("관악구", "관악로 145"))
HOME_ROADS = ("성미산로", "망원로", "동교로", "도봉로", "동일로", "상계로", "공릉로", "시흥대로", "봉천로", "신림로",
              "응암로", "연서로", "통일로", "면목로", "용마산로", "화곡로", "등촌로", "개봉로", "한천로", "난곡로")
HOME_DONGS = ("성산동", "망원동", "연남동", "창동", "쌍문동", "상계동", "중계동", "면목동", "신림동", "봉천동",
              "응암동", "불광동", "화곡동", "등촌동", "개봉동", "독산동", "장위동", "석관동", "길음동", "구의동")
APARTMENTS = ("래미안", "푸르지오", "힐스테이트", "e편한세상", "주공", "현대", "삼성", "한신", "대림", "벽산", "청구", "우성")
VILLAGES = (("경기도 양평군 서종면", "문호리"), ("강원특별자치도 홍천군 서면", "모곡리"), ("충청남도 부여군 규암면", "합송리"),
            ("전라남도 해남군 황산면", "우항리"), ("경상북도 영양군 일월면", "주곡리"))
PRIVATE_DOMAINS = ("naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com", "hotmail.com",
                   "yahoo.co.kr", "icloud.com")
HANGUL_DOMAINS = ("메일.한국", "우리집.한국", "편지.kr")
AGENCY_DOMAINS = ("seoul.go.kr", "mapo.go.kr", "gangnam.go.kr", "nowon.go.kr", "ep.go.kr", "sen.go.kr",
                  "smart.seoul.kr", "news.seoul.kr", "120.seoul.kr", "sisul.or.kr")
AGENCY_MAILBOXES = ("opengov", "minwon", "welfare", "info", "youth", "safety", "press", "tender", "volunteer")
# Banks with their account layouts (digits per segment).
BANK_LAYOUTS = (("국민은행", (6, 2, 6)), ("신한은행", (3, 3, 6)), ("우리은행", (4, 3, 6)), ("하나은행", (3, 6, 5)),
                ("농협", (3, 4, 4, 2)), ("NH농협", (6, 2, 6)), ("IBK기업은행", (3, 6, 2, 3)),
                ("카카오뱅크", (4, 2, 7)), ("토스뱅크", (4, 4, 4)), ("새마을금고", (4, 4, 4, 1)),
                ("우체국", (6, 2, 6)), ("SC제일은행", (3, 2, 6)), ("수협", (3, 2, 6)), ("케이뱅크", (3, 3, 6)))
TITLES = ("주무관", "팀장", "과장", "국장", "사무관", "주임", "실장", "동장", "센터장", "소장", "본부장", "서기관")
POLITICAL = ("서울특별시의회 {} 의원", "{} 시의원", "{} 구의원", "{} 국회의원", "{} 구청장", "시의회 {} 의장")
COMPANY_FORMS = ("(주){}", "㈜{}", "주식회사 {}", "{}(주)", "{} 주식회사", "유한회사 {}", "{}산업", "{}건설(주)")
COMPANY_STEMS = ("한빛", "세움", "다온", "푸른길", "동해", "미래엔지니어링", "서울조경", "보람", "가온", "누리",
                 "한결", "청솔", "새솔", "대한안전", "한강환경", "늘품", "온누리", "우리환경", "도담", "해오름")
LAWS = ("공공기관의 정보공개에 관한 법률 제9조 제1항 제6호", "개인정보 보호법 제23조", "정보공개법 제11조",
        "국가를 당사자로 하는 계약에 관한 법률 시행령 제42조", "지방계약법 시행령 제13조", "국민기초생활 보장법 제7조",
        "자원봉사활동 기본법 제14조", "서울특별시 청년 기본 조례 제9조", "민원 처리에 관한 법률 제9조",
        "재난 및 안전관리 기본법 제66조")
SENSITIVE = ("기초생활수급자(생계·의료급여)", "의료급여 1종 수급자", "장애의 정도가 심한 장애인(지체)", "차상위계층",
             "치매 진단을 받아", "우울증으로 정신건강의학과 치료 중", "알코올 의존으로 입원 치료 이력이 있어",
             "시각장애 1급", "암 투병 중", "한부모가족 지원 대상", "HIV 감염인으로", "기초연금 및 생계급여 수급 중")
OCCUPATIONS = ("자영업", "회사원", "주부", "무직", "택시기사", "대학생", "농업", "일용직", "요양보호사", "은퇴")
FORM_LABELS = ("성명(정보주체)", "신청인과의 관계", "성명(한자)", "생년월일", "주소(도로명)", "연락처(휴대전화)",
               "전자우편", "대리인 성명", "수령인 서명", "이름(서명 또는 인)", "세대주와의 관계", "청구인 성명")

# What may follow a planted name in the text (Korean particles, honorifics, endings).
NAME_FOLLOWERS = ("", "이", "가", "은", "는", "의", "을", "를", "과", "와", "도", "씨", "님", "께서", "에게", "이고요",
                  "이에요", "입니다", "이며", "이고", "여사", "어르신", "외", "등", "님께", "씨는", "씨가", "씨의", "님의",
                  "님이", "님은", "이라고", "라고", "이요", "요", "이라는", "으로", "로", "께")
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class SeoulLists:
    """What the generator takes from the city's real lists."""
    departments: tuple[str, ...]
    agencies: tuple[str, ...]
    officials: tuple[str, ...]
    office_phones: tuple[str, ...]
    institutes: tuple[str, ...]
    facilities: tuple[tuple[str, str], ...]  # (name, address)
    doc_titles: tuple[str, ...]

    @classmethod
    def read(cls, data_dir: Path = SEOUL_LISTS) -> "SeoulLists":
        """The lists under ``data_dir``; FileNotFoundError names the missing folder."""
        if not data_dir.is_dir():
            raise FileNotFoundError(f"the Seoul lists are missing: {data_dir}")

        def rows(folder: str) -> list[dict[str, str]]:
            with next((data_dir / folder).glob("*.csv")).open(encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f))

        info, expense = rows("info_list2021"), rows("expense_list2020")
        public, research = rows("public_list2020"), rows("research_list2020")
        facilities = []
        for r in expense:
            m = re.match(r"\s*([^()]+?)\s*\(([가-힣]+구 [가-힣0-9]+(?:로|길|가|동)\s?[0-9]+(?:-[0-9]+)?)\)", r["exec_loc"])
            if m:
                facilities.append((m.group(1), m.group(2)))
        phones = {p if p.startswith("02-") else f"02-{p}" for p in (r["telno"] for r in public) if p.count("-") >= 1}
        officials = {w for w in (r["writer"] for r in info + public) if re.fullmatch(r"[가-힣]{3}", w)}
        agencies = {r[k] for r in expense for k in ("dept_nm_lvl_2",) if r[k]}
        departments = {r["rspnber_dept_nm"] for r in info if r["rspnber_dept_nm"].endswith("과")}
        return cls(departments=tuple(sorted(departments)),
                   agencies=tuple(sorted(agencies | {f"서울특별시 {d}청" for d, _ in DISTRICT_OFFICES})),
                   officials=tuple(sorted(officials)), office_phones=tuple(sorted(phones)),
                   institutes=tuple(sorted({r["relte_area"] for r in research})),
                   facilities=tuple(sorted(set(facilities))),
                   doc_titles=tuple(sorted({r["title"] for r in info if 4 < len(r["title"]) < 40})))


class _Draft:
    """A document being written: the values planted so far."""

    def __init__(self, genre: str):
        self.doc = Document(genre, "")

    def private(self, kind: str, value: str) -> str:
        self.doc.private.append((kind, value))
        return value

    def public(self, kind: str, value: str) -> str:
        self.doc.public.append((kind, value))
        return value


class FieldGenerator:
    """``documents(n)``: ``n`` labelled documents, each genre once and then
    genres at random; ``genre(name)``: one document of that genre (a key of
    ``genres``). ``lists`` defaults to ``SeoulLists.read()``."""

    def __init__(self, seed: int = 0, lists: Optional[SeoulLists] = None):
        self.rng = random.Random(seed)
        self.lists = lists or SeoulLists.read()
        self.genres: dict[str, Callable[[_Draft], str]] = {
            "payment_list": self._payment_list, "hearing_minutes": self._hearing_minutes,
            "petition": self._petition, "comment_log": self._comment_log, "call_transcript": self._call_transcript,
            "case_note": self._case_note, "foreign_resident": self._foreign_resident,
            "disclosure_decision": self._disclosure_decision, "tender_result": self._tender_result,
            "volunteer_payment": self._volunteer_payment, "safety_report": self._safety_report,
            "blank_form": self._blank_form}

    def documents(self, n: int) -> Iterator[Document]:
        names = list(self.genres)
        for i in range(n):
            yield self.genre(names[i % len(names)] if i < len(names) else self.rng.choice(names))

    def genre(self, name: str) -> Document:
        while True:
            draft = _Draft(name)
            self._names: set[str] = set()
            draft.doc.text = self.genres[name](draft)
            if _consistent(draft.doc):
                return draft.doc

    # values ----------------------------------------------------------------
    def _korean_name(self) -> str:
        r = self.rng
        while True:
            shape = r.random()
            if shape < 0.10:
                name = r.choice(FAMILY) + r.choice(SYLLABLES)
            elif shape < 0.85:
                name = r.choice(FAMILY) + r.choice(SYLLABLES) + r.choice(SYLLABLES)
            elif shape < 0.92:
                name = r.choice(COMPOUND) + r.choice(SYLLABLES) + r.choice(SYLLABLES)
            elif shape < 0.96:
                name = r.choice(COMPOUND) + r.choice(SYLLABLES)
            else:
                name = r.choice(FAMILY) + r.choice(SYLLABLES) + r.choice(SYLLABLES) + r.choice(SYLLABLES)
            if not any(name in other or other in name for other in self._names):
                self._names.add(name)
                return name

    def _person(self, d: _Draft) -> str:
        return d.private("person_name", self._korean_name())

    def _official(self, d: _Draft, with_department: bool = False) -> str:
        r = self.rng
        name = r.choice(self.lists.officials)
        if r.random() < 0.5 or any(name in other or other in name for other in self._names):
            name = self._korean_name()
        self._names.add(name)
        title = r.choice(TITLES)
        written = f"{r.choice(self.lists.departments)} {name} {title}" if with_department else \
            r.choice([f"{name} {title}", f"{title} {name}", f"{name}{title}"])
        return d.public("official", written)

    def _politician(self, d: _Draft) -> str:
        return d.public("politician", self.rng.choice(POLITICAL).format(self._korean_name()))

    def _birth(self, d: _Draft) -> str:
        r = self.rng
        y, m, day = r.randint(1938, 2006), r.randint(1, 12), r.randint(1, 28)
        form = r.choice([f"{y}. {m}. {day}.", f"{y}.{m:02d}.{day:02d}", f"{y}-{m:02d}-{day:02d}", f"{y}년 {m}월 {day}일",
                         f"{y % 100:02d}.{m:02d}.{day:02d}", f"{y}/{m:02d}/{day:02d}", f"{y % 100:02d}{m:02d}{day:02d}",
                         f"{y}{m:02d}{day:02d}"])
        return d.private("birth_date", form)

    def _partial_rrn(self, d: _Draft) -> str:
        r = self.rng
        y = r.randint(1938, 2006)
        sex = r.choice("12") if y < 2000 else r.choice("34")
        front = f"{y % 100:02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        return d.private("partial_registration_number",
                         r.choice([f"{front}-{sex}", f"{front} - {sex}", f"{front}-{sex}xxxxxx", f"{front}‐{sex}",
                                   f"{front}-{sex}●●●●●●", f"{front}－{sex}", f"{front}{sex}", f"{front}-\n{sex}"]))

    def _mobile(self, d: _Draft) -> str:
        r = self.rng
        a, b = f"{r.randint(2000, 9999)}", f"{r.randint(1000, 9999)}"
        hangul = str.maketrans("0123456789", "공일이삼사오육칠팔구")
        return d.private("mobile_phone", r.choice([
            f"010-{a}-{b}", f"010-{a}-{b})", f"010 - {a} - {b}", f"010 {a} {b}", f"010.{a}.{b}", f"010){a}-{b}",
            f"(010){a}-{b}", f"010{a}{b}", f"010-{a}-{b}".translate(hangul),
            f"공일공에 {a.translate(hangul)}에 {b.translate(hangul)}", f"+82 10-{a}-{b}", f"010 -{a}- {b}"]))

    def _home_phone(self, d: _Draft) -> str:
        r = self.rng
        area = r.choice(["02", "02", "02", "031", "032", "033", "041", "051", "061"])
        a = r.choice("345789") + str(r.randint(10, 99) if r.random() < 0.5 else r.randint(100, 999))
        b = f"{r.randint(1000, 9999)}"
        return d.private("home_phone", r.choice([f"{area}-{a}-{b}", f"({area}){a}-{b}", f"{area}) {a}-{b}",
                                                  f"{area} {a} {b}", f"{area}.{a}.{b}"]))

    def _address(self, d: _Draft) -> str:
        r = self.rng
        district = r.choice(DISTRICT_OFFICES)[0]
        shape = r.random()
        if shape < 0.3:
            road = r.choice(HOME_ROADS) + (f"{r.randint(1, 40)}길" if r.random() < 0.5 else "")
            value = f"{district} {road} {r.randint(1, 199)}"
        elif shape < 0.55:
            value = f"{r.choice(HOME_DONGS)} {r.randint(1, 999)}-{r.randint(1, 99)}"
        elif shape < 0.85:
            value = (f"{r.choice(HOME_DONGS)} {r.choice(APARTMENTS)}{r.choice(['아파트', '', '빌라'])} "
                     f"{r.randint(101, 130)}동 {r.randint(1, 25)}{r.randint(1, 8):02d}호")
        else:
            county, village = r.choice(VILLAGES)
            value = f"{county} {village} {r.randint(1, 899)}{r.choice(['', '-' + str(r.randint(1, 9))])}"
        return d.private("address", value)

    def _account(self, d: _Draft, with_bank: Optional[bool] = None) -> str:
        r = self.rng
        bank, layout = r.choice(BANK_LAYOUTS)
        number = "-".join("".join(str(r.randint(0, 9)) for _ in range(n)) for n in layout)
        if r.random() < 0.15:
            number = number.replace("-", "")
        d.private("bank_account", number)
        if with_bank is None:
            with_bank = r.random() < 0.6
        return f"{bank} {number}" if with_bank else number

    def _email(self, d: _Draft) -> str:
        r = self.rng
        user = "".join(r.choice("abcdefghijklmnoprstuwy") for _ in range(r.randint(4, 8)))
        user += r.choice(["", str(r.randint(1, 99)), "_" + str(r.randint(70, 99))])
        domain = r.choice(PRIVATE_DOMAINS)
        return d.private("email", r.choice([
            f"{user}@{domain}", f"{user}@{domain}", f"{user} at {domain.replace('.', ' dot ')}",
            f"{user} 골뱅이 {domain}", f"{user}(at){domain}", f"{user}[@]{domain}", f"{user} @ {domain}",
            f"{user}@{r.choice(HANGUL_DOMAINS)}"]))

    def _sensitive(self, d: _Draft, name: str) -> str:
        return d.private("sensitive", self.rng.choice([
            f"{name} 씨는 {self.rng.choice(SENSITIVE)}", f"{name}({self.rng.choice(SENSITIVE)})",
            f"대상자 {name}: {self.rng.choice(SENSITIVE)}"]))

    def _office_phone(self, d: _Draft) -> str:
        r = self.rng
        value = r.choice(self.lists.office_phones) if r.random() < 0.5 else f"02-2133-{r.randint(1000, 9999)}"
        return d.public("office_phone", value)

    def _date(self, d: _Draft) -> str:
        r = self.rng
        y, m, day = r.randint(2019, 2026), r.randint(1, 12), r.randint(1, 28)
        return d.public("date", r.choice([f"{y}. {m}. {day}.", f"{y}-{m:02d}-{day:02d}", f"{y}년 {m}월 {day}일",
                                           f"{y}.{m:02d}.{day:02d}."]))

    def _amount(self, d: _Draft) -> str:
        value = self.rng.randint(1, 5000) * 10_000
        return d.public("amount", self.rng.choice([f"{value:,}원", f"금 {value:,}원", f"{value:,}"]))

    def _company(self, d: _Draft) -> str:
        return d.public("company", self.rng.choice(COMPANY_FORMS).format(self.rng.choice(COMPANY_STEMS)))

    def _agency(self, d: _Draft) -> str:
        r = self.rng
        return d.public("agency", r.choice([r.choice(self.lists.agencies), r.choice(self.lists.institutes),
                                            r.choice(self.lists.departments)]))

    def _agency_email(self, d: _Draft) -> str:
        r = self.rng
        return d.public("agency_email", f"{r.choice(AGENCY_MAILBOXES)}{r.choice(['', str(r.randint(1, 9))])}@"
                                        f"{r.choice(AGENCY_DOMAINS)}")

    def _facility(self, d: _Draft) -> str:
        r = self.rng
        if r.random() < 0.6:
            name, address = r.choice(self.lists.facilities)
        else:
            district, road = r.choice(DISTRICT_OFFICES)
            name, address = f"{district}청", f"서울특별시 {district} {road}"
        d.public("place", name)
        return f"{name}({d.public('facility_address', address)})"

    def _law(self, d: _Draft) -> str:
        return d.public("law", self.rng.choice(LAWS))

    def _doc_number(self, d: _Draft) -> str:
        return d.public("document_number", f"{self.rng.choice(self.lists.departments)}-{self.rng.randint(100, 29999)}")

    def _signature_block(self, d: _Draft) -> str:
        r = self.rng
        dept = r.choice(self.lists.departments)
        d.public("agency", dept)
        lines = [f"담당부서: {dept}", f"담당자: {self._official(d)}", f"전화 {self._office_phone(d)}"]
        if r.random() < 0.5:
            lines.append(f"전자우편 {self._agency_email(d)}")
        r.shuffle(lines)
        return "\n".join(lines)

    def _one(self, *options: Callable[[], str]) -> str:
        """One of the wordings, written (and its values planted) only when chosen."""
        return self.rng.choice(options)()

    # tables inside text ------------------------------------------------------
    def _table(self, rows: list[list[str]], header: Optional[list[str]]) -> str:
        r = self.rng
        style = r.choice(["csv", "tab", "pipe", "aligned", "markdown"])
        lines = ([header] if header else []) + rows
        if style == "csv":
            return "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in lines)
        if style == "tab":
            return "\n".join("\t".join(row) for row in lines)
        if style == "pipe":
            return "\n".join("| " + " | ".join(row) + " |" for row in lines)
        if style == "markdown":
            out = ["| " + " | ".join(row) + " |" for row in lines]
            if header:
                out.insert(1, "|" + "|".join("---" for _ in header) + "|")
            return "\n".join(out)
        widths = [max(len(row[i]) for row in lines) + 2 for i in range(len(lines[0]))]
        return "\n".join("".join(c.ljust(w, "\u3000" if _HANGUL.search(c) and r.random() < 0.2 else " ")
                                 for c, w in zip(row, widths)).rstrip() for row in lines)

    def _recipients(self, d: _Draft, columns: list[str], n: int) -> list[list[str]]:
        r = self.rng
        rows = []
        for i in range(1, n + 1):
            row = []
            for column in columns:
                if column in ("연번", "번호", "순번", "No"):
                    row.append(str(i))
                elif column in ("이름", "성명", "수령자", "참여자", "받는 분", "참석자", "예금주", "서명자"):
                    row.append(self._person(d))
                elif column in ("생년월일", "출생"):
                    row.append(self._birth(d))
                elif column in ("주민번호 앞자리", "생년월일(성별)"):
                    row.append(self._partial_rrn(d))
                elif column in ("연락처", "휴대폰", "전화"):
                    row.append(self._mobile(d) if r.random() < 0.7 else self._home_phone(d))
                elif column in ("주소", "거주지"):
                    row.append(self._address(d))
                elif column in ("계좌번호", "입금계좌"):
                    row.append(self._account(d))
                elif column in ("금액", "지급액", "지원금"):
                    row.append(self._amount(d))
                elif column == "서명":
                    row.append(r.choice(["(서명)", "", "인", "✓"]))
                else:
                    row.append(r.choice(["", "-", "참석", "완료", "재학생", "65세 이상"]))
            rows.append(row)
        return rows

    # genres ------------------------------------------------------------------
    def _payment_list(self, d: _Draft) -> str:
        r = self.rng
        program = r.choice(["청년 활동지원금", "주민참여예산 심사위원 수당", "마을공동체 활동비", "재난지원금 추가분",
                            "어르신 일자리 활동비", "설명회 참석 교통비"])
        columns = [r.choice(["연번", "번호", "순번"]), r.choice(["이름", "성명", "수령자", "받는 분"])]
        optional = ["생년월일", "주소", "연락처", "계좌번호", r.choice(["금액", "지급액"]), "비고"]
        columns += r.sample(optional, r.randint(2, 5))
        if not any(c in columns for c in ("금액", "지급액")):
            columns.append("금액")
        rows = self._recipients(d, columns, r.randint(3, 8))
        header = None if r.random() < 0.12 else columns
        intro = r.choice([f"{program} 지급 명단을 아래와 같이 보고합니다.", f"■ {program} 수령자 현황",
                          f"붙임. {program} 지급 대상자 ({len(rows)}명)", f"{program} 지급 내역 (표 계속)"])
        return "\n".join([r.choice(self.lists.doc_titles), f"문서번호 {self._doc_number(d)} ({self._date(d)})", intro,
                          self._table(rows, header), f"총액: {self._amount(d)}. 근거: {self._law(d)}.",
                          self._signature_block(d)]) + "\n"

    def _hearing_minutes(self, d: _Draft) -> str:
        r = self.rng
        topic = r.choice(["재개발 정비구역 지정", "공원 조성 계획", "버스 노선 조정", "하수관로 정비 공사", "도서관 건립"])
        chair, answer = self._official(d, with_department=True), self._official(d)
        place = self._facility(d)
        lines = [f"{topic} 주민설명회 회의록", f"일시: {self._date(d)} 19:00  장소: {place}",
                 f"사회: {chair}", f"참석: {self._politician(d)}, 주민 {r.randint(20, 90)}명"]
        speakers = []
        for _ in range(r.randint(3, 6)):
            name = self._person(d)
            speakers.append(name)
            turn = self._one(
                lambda: f"주민 {name}: \"{r.choice(['공사 소음이 너무 심합니다', '보상 기준을 알려 주세요', '우리 집 앞 도로는 어떻게 됩니까'])}\"",
                lambda: f"{name}({r.randint(25, 88)}세, {r.choice(OCCUPATIONS)}) — 반대 의견을 말함.",
                lambda: f"○ {name} 씨: '주차 문제가 해결되지 않으면 찬성하기 어렵다.'",
                lambda: f"질의 {len(speakers)}. {name}님 ({self._address(d)} 거주)",
                lambda: f"{name}: 연락 주실 번호는 {self._mobile(d)}입니다.",
                lambda: f"「{name}」 어르신께서 '{r.choice(['버스가 끊기면 병원을 못 간다', '나무를 베지 말라'])}'고 말씀하심.")
            lines.append(turn)
            lines.append(f"답변({answer}): {r.choice(['검토하겠습니다.', '관련 부서와 협의하겠습니다.', '다음 회의에서 보고드리겠습니다.'])}")
        again = r.choice(speakers)
        lines.append(r.choice([f"※ {again} 님의 추가 의견은 서면으로 접수함.", f"{again}{_josa(again, '은', '는')} 재차 반대 의견을 밝힘.",
                               f"다음 설명회에 {again}도 참석 예정."]))
        lines.append(f"근거: {self._law(d)}")
        return "\n".join(lines) + "\n"

    def _petition(self, d: _Draft) -> str:
        r = self.rng
        lead = self._person(d)
        lines = [r.choice(["진정서", "집단민원 청원서", "주민 연명 건의서"]),
                 f"{r.choice(['대표', '청원 대표'])}: {lead} ({self._mobile(d)})",
                 f"내용: {self._facility(d)} 주변 {r.choice(['불법 주정차', '소음', '악취', '공사 분진'])} 해결을 요청합니다.",
                 f"수신: {self._agency(d)}", "", r.choice(["[연명부]", "붙임 연명부", "서명자 명단"])]
        columns = r.choice([["연번", "성명", "주소", "서명"], ["번호", "이름", "연락처", "서명"],
                            ["연번", "성명", "생년월일", "주소", "서명"], ["서명자", "주소", "서명"]])
        if r.random() < 0.25:  # signatures written inline: 김서윤 ㊞, 박도윤 (서명) …
            mark = r.choice(["㊞", "(인)", "(서명)", ""])
            signed = (f"{self._person(d)} {mark}".strip() for _ in range(r.randint(3, 8)))
            lines[-1] = f"{lines[-1]}: " + ", ".join(signed)
        else:
            lines.append(self._table(self._recipients(d, columns, r.randint(4, 10)), columns))
        lines.append(f"위 {r.randint(5, 300)}명 일동. {self._date(d)}")
        return "\n".join(lines) + "\n"

    def _comment_log(self, d: _Draft) -> str:
        r = self.rng
        lines = [f"[{r.choice(self.lists.doc_titles)}] 댓글 내보내기"]
        for _ in range(r.randint(3, 7)):
            name = self._person(d)
            stamp = (f"{r.randint(2023, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
                     f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}")
            body = self._one(lambda: f"저는 {self._address(d)}에 사는 {name}입니다. 소음 때문에 잠을 못 잡니다.",
                             lambda: f"{name} 씨 말에 동의합니다. 연락은 {self._email(d)}로 주세요.",
                             lambda: f"답변 부탁드립니다. {self._mobile(d)} ({name})",
                             lambda: f"작성자 {name}: 공원 조성에 찬성합니다.",
                             lambda: f"닉네임 {r.choice(['하늘바라기', '망원동주민', 'seoul_mom', '지나가던이'])}({name}) — 저희 어머니 "
                                     f"{self._person(d)} 여사 댁({self._address(d)})도 피해를 입었습니다.")
            lines.append(r.choice([f"{stamp}\t{name}\t{body}", f"[{stamp}] {body}", f"{stamp} | {name} | {body}"]))
        lines.append(f"└ 답글 {self._official(d, with_department=True)}: 현장 확인 후 조치하겠습니다. 문의 {self._office_phone(d)}")
        return "\n".join(lines) + "\n"

    def _call_transcript(self, d: _Draft) -> str:
        r = self.rng
        name, birth = self._person(d), self._birth(d)
        agent = r.choice(["상담원", "상담사", "A"])
        caller = r.choice(["민원인", "고객", "B"])
        turns = [(agent, "네, 120다산콜센터입니다. 무엇을 도와드릴까요?"),
                 (caller, f"{r.choice(['저 ', ''])}{r.choice(['불법 주차 신고', '재산세 문의', '수도 요금 이의', '폐기물 수거'])} 때문에 전화했어요."),
                 (agent, "성함이 어떻게 되세요?"), (caller, r.choice([f"{name}{_josa(name, '이요', '요')}.", f"{name}입니다.",
                                                                  f"네 {name}{_josa(name, '이라고', '라고')} 합니다."])),
                 (agent, "생년월일 말씀해 주시겠어요?"), (caller, f"{birth}요."),
                 (agent, "연락처 확인하겠습니다."), (caller, self._one(lambda: f"{self._mobile(d)}이요.",
                                                                          lambda: f"집 전화는 {self._home_phone(d)}예요.")),
                 (agent, "주소도 확인 부탁드립니다."), (caller, f"{self._address(d)}요."),
                 (agent, f"{name} {r.choice(['님', '고객님', '선생님'])}, {self._agency(d)}에 이관해 드리겠습니다. "
                         f"담당 부서 번호는 {self._office_phone(d)}입니다.")]
        return (f"120 상담 녹취록 ({self._date(d)})\n"
                + "\n".join(r.choice([f"{who}: {what}", f"{who}) {what}", f"[{who}] {what}"]) for who, what in turns)
                + "\n")

    def _case_note(self, d: _Draft) -> str:
        r = self.rng
        client, child = self._person(d), self._person(d)
        lines = [r.choice(["사례관리 기록지", "통합사례관리 상담일지", "위기가구 방문 상담 기록"]),
                 f"대상자: {client}({r.randint(55, 92)}세, {r.choice(['남', '여'])})  생년월일 {self._birth(d)}",
                 f"주소: {self._address(d)}", f"자택 {self._home_phone(d)} / 휴대전화 {self._mobile(d)}",
                 self._sensitive(d, client) + r.choice(["이며 독거 중임.", ". 병원 동행 필요.", "."]),
                 f"가족: 자녀 {child}({r.randint(25, 60)}세)와 연락 두절. {child}의 연락처 미확보.",
                 r.choice([f"{client} 어르신 댁 방문, 냉장고 비어 있음.", f"{client} 님이 눈물을 보이심.",
                           f"이웃 {self._person(d)} 씨가 {client} 씨를 자주 돌봄."]),
                 f"지원: {self._amount(d)} 긴급지원 결정 ({self._law(d)})",
                 f"담당: {self._official(d, with_department=True)} ({self._office_phone(d)})"]
        lines.insert(r.randint(2, len(lines)), f"기관 연계: {self._facility(d)}")
        return "\n".join(lines) + "\n"

    def _foreign_resident(self, d: _Draft) -> str:
        r = self.rng
        name = d.private("person_name", r.choice(LATIN_NAMES) if r.random() < 0.8 else r.choice(LATIN_IN_HANGUL))
        return "\n".join([r.choice(["외국인 주민 민원 접수", "다문화가족 상담 기록", "외국인 근로자 고충 민원"]),
                          f"{r.choice(['이름', 'Name', '성명(영문)', '민원인'])}: {name} ({r.choice(NATIONS)})",
                          f"{name} said the landlord kept the deposit. 주소 {self._address(d)}",
                          f"Phone {self._mobile(d)}, e-mail {self._email(d)}",
                          f"통역 지원: {self._facility(d)}, 담당 {self._official(d)} ({self._agency_email(d)})",
                          f"처리 기한 {self._date(d)}"]) + "\n"

    def _disclosure_decision(self, d: _Draft) -> str:
        r = self.rng
        requester = self._person(d)
        third = self._person(d) if r.random() < 0.5 else None
        lines = ["정보공개 결정 통지서", f"접수번호 {r.randint(10000000, 99999999)}",
                 r.choice([f"{requester} 귀하", f"청구인: {requester}", f"{requester} 님께"]),
                 f"주소 {self._address(d)}", f"청구 내용: {r.choice(self.lists.doc_titles)}",
                 f"결정: {r.choice(['부분공개', '비공개', '공개'])} ({self._date(d)})",
                 f"비공개 근거: {self._law(d)}"]
        if third:
            lines.append(f"제3자 의견 청취: {third}(관련 업체 직원)에게 {self._date(d)} 통지함.")
        lines.append(self._signature_block(d))
        return "\n".join(lines) + "\n"

    def _tender_result(self, d: _Draft) -> str:
        r = self.rng
        lines = [f"{r.choice(['공사', '용역', '물품'])} 입찰 결과 공고", f"공고번호 {r.randint(2020, 2026)}-{r.randint(100, 999)}",
                 f"발주기관: {self._agency(d)}", f"근거: {self._law(d)}", "개찰 결과"]
        rows = []
        for rank in range(1, r.randint(3, 7)):
            company, number = self._company(d), d.public("business_number", business_number(r))
            # The 대표자 of a bidding company is left unlabelled: whether it is public is the policy's call.
            rows.append([str(rank), company, number, f"{self._korean_name()}", self._amount(d),
                         f"{r.randint(86, 99)}.{r.randint(0, 999):03d}%"])
        lines.append(self._table(rows, ["순위", "업체명", "사업자등록번호", "대표자", "투찰금액", "투찰률"]))
        lines.append(self._signature_block(d))
        return "\n".join(lines) + "\n"

    def _volunteer_payment(self, d: _Draft) -> str:
        r = self.rng
        approvers = " → ".join(self._official(d) for _ in range(r.randint(2, 3)))
        columns = ["연번", r.choice(["성명", "이름", "참여자"]), r.choice(["생년월일(성별)", "주민번호 앞자리", "생년월일"]),
                   r.choice(["계좌번호", "입금계좌"]), r.choice(["지급액", "금액"])]
        rows = self._recipients(d, columns, r.randint(3, 7))
        return "\n".join([r.choice(["자원봉사자 실비 지급(안)", "봉사활동 실비 지급 계획(안)"]),
                          f"결재: {approvers}", f"활동: {self._facility(d)} 환경정비, {self._date(d)}",
                          f"근거: {self._law(d)}", self._table(rows, columns),
                          r.choice(["※ 개인별 계좌로 입금 예정", "※ 실비는 1인당 1일 기준"]),
                          self._signature_block(d)]) + "\n"

    def _safety_report(self, d: _Draft) -> str:
        r = self.rng
        reporter = self._person(d)
        hazard = r.choice(["보도블록 파손", "가로등 고장", "맨홀 뚜껑 이탈", "불법 적치물", "싱크홀 의심"])
        return "\n".join([f"안전신문고 신고 처리 결과 ({self._date(d)})",
                          self._one(lambda: f"신고자 {reporter} / {self._mobile(d)}",
                                    lambda: f"신고인: {reporter}({self._mobile(d)})",
                                    lambda: f"{reporter} 님이 {self._mobile(d)}로 회신을 요청함."),
                          f"신고자 거주지: {self._address(d)}" if r.random() < 0.6 else f"회신 메일 {self._email(d)}",
                          f"위치: {self._facility(d)} 앞 {hazard}",
                          f"처리: {self._agency(d)} 현장 조치 완료, {self._official(d)}",
                          f"관련: {self._law(d)}"]) + "\n"

    def _blank_form(self, d: _Draft) -> str:
        r = self.rng
        labels = r.sample(FORM_LABELS, r.randint(4, 8))
        blank = lambda: r.choice(["", " ", "          ", "(          )", "______", "   년   월   일"])  # noqa: E731
        lines = [r.choice(["[별지 제1호서식] 정보공개 청구서", "개인정보 제공 동의서", "위임장", "지원금 신청서(서식)"])]
        for label in labels:
            written = d.public("form_label", label)
            lines.append(r.choice([f"{written}:{blank()}", f"□ {written} {blank()}", f"| {written} |{blank()}|"]))
        lines.append(f"접수처: {self._agency(d)} ({self._office_phone(d)})")
        return "\n".join(lines) + "\n"


def _josa(word: str, after_consonant: str, after_vowel: str) -> str:
    """The particle's form that follows ``word`` (은/는, 이라고/라고 …)."""
    last = word[-1]
    return after_consonant if "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 else after_vowel


def _consistent(doc: Document) -> bool:
    """No value inside another (a private name inside an official's name
    would score a masking as a leak), and every Hangul name stands as a word
    of its own wherever it occurs (not inside 서명, 주민 …)."""
    private = {v for k, v in doc.private if k != "sensitive"}  # a sensitive span holds its person's name
    distinct = private | {v for _k, v in doc.public}
    for a in private:
        for b in distinct:
            if a != b and (a in b or b in a):
                return False
    for kind, name in doc.private:
        if kind != "person_name" or not _HANGUL.match(name):
            continue
        for m in re.finditer(re.escape(name), doc.text):
            before = doc.text[m.start() - 1:m.start()]
            after = re.match(r"[가-힣]*", doc.text[m.end():]).group(0)
            if _HANGUL.match(before) or after not in NAME_FOLLOWERS:
                return False
    return all(v in doc.text for v in distinct)


@dataclass(frozen=True)
class ListChange:
    """A cell of a real list that masking changes: the list (its folder), the
    column, the cell as written and as published, and the path (``record``:
    a harvested record's field; ``table``: the list loaded as a table)."""
    source: str
    column: str
    value: str
    published: str
    path: str


def real_list_changes(lists: Path = SEOUL_LISTS) -> tuple[int, list[ListChange]]:
    """Every distinct text cell (with a letter in it) of the city's real lists
    (``lists/*/*.csv``) masked as the plaza publishes it: each row's fields as
    a harvested record (``columns.mask_fields``) and each list as a table
    (``columns.TableStream``, as uploads and DataStore tables are). Returns
    the number of distinct cells read and each change, once per list, column,
    value and path. Raises FileNotFoundError when ``lists`` holds no list."""
    from .columns import TableStream, mask_fields  # the masking under test; the generator needs none of it

    paths = sorted(lists.glob("*/*.csv"))
    if not paths:
        raise FileNotFoundError(f"{lists}: no lists (*/*.csv)")
    seen: set[tuple[str, str, str]] = set()
    changes: dict[tuple[str, str, str, str], ListChange] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, stream = rows[0], TableStream()
        stream.mask(header)
        for row in rows[1:]:
            as_record = mask_fields(dict(zip(header, row)))
            as_table = stream.mask(row)
            for column, value, in_table in zip(header, row, as_table):
                if not re.search(r"[^\W\d_]", value):
                    continue
                seen.add((path.parent.name, column, value))
                for where, published in (("record", as_record[column]), ("table", in_table)):
                    if published != value:
                        changes[(path.parent.name, column, value, where)] = ListChange(
                            path.parent.name, column, value, published, where)
    return len(seen), list(changes.values())
