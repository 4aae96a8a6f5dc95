"""A deterministic generator of labelled Korean administrative documents.

Each document plants private data (what the policy masks) and public
look-alikes (what it keeps): officials with titles, office numbers, document
numbers, amounts, business registration numbers, law citations, official
vehicles and addresses, already-masked values. Tests, ``bench/`` and the demo
use it; the same seed gives the same documents.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

from .recognizers.financial import luhn_valid
from .recognizers.identity import business_check_digit

SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
GIVEN = "민서준지현우도윤하은수영재희성진태연경호정훈혜원주아예린채소유나다혁규석승빈동찬상욱"
PRIVATE_MAIL = ("naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com")
BANKS = ("국민은행", "신한은행", "우리은행", "하나은행", "농협", "기업은행", "카카오뱅크")
DEPARTMENTS = ("정보공개정책과", "재무과", "청년정책과", "도로관리과", "복지정책과", "주택정책과", "안전총괄과", "예산담당관")
TITLES = ("주무관", "팀장", "과장", "국장", "사무관")
ROLES = ("민원인", "신청인", "청구인", "대표자", "피해자", "신고인", "성명:", "예금주")
PARTICLES = ("", "", "은", "는", "이", "의", "께서", "씨는", "님의")
ROADS = ("월드컵로", "도봉로", "동일로", "망우로", "시흥대로", "강남대로", "을지로12길", "노량진로", "증산로3길")
DISTRICTS = ("마포구", "도봉구", "노원구", "중랑구", "금천구", "강남구", "중구", "동작구", "은평구")
PLATE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주"
LICENCE_REGIONS = [str(n) for n in range(11, 29)] + ["서울", "경기", "부산"]


@dataclass
class Document:
    kind: str
    text: str
    private: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) that must not survive
    public: list[tuple[str, str]] = field(default_factory=list)   # (kind, value) that must survive


def luhn_digit(body: str) -> str:
    """The check digit that makes ``body`` + digit a valid card number."""
    return next(d for d in "0123456789" if luhn_valid(body + d))


def business_number(rng: random.Random) -> str:
    """A checksum-valid 사업자등록번호 (a company's, public)."""
    body = "".join(str(rng.randint(0, 9)) for _ in range(9))
    digits = body + business_check_digit(body)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


class Generator:
    def __init__(self, seed: int = 0, titles: Optional[Sequence[str]] = None):
        self.rng = random.Random(seed)
        self.titles = list(titles or ["청년수당 지급 계획 보고", "도로 보수 공사 추진 결과", "주민 의견 수렴 결과 보고"])
        self.used_names: set[str] = set()

    # private values ---------------------------------------------------------
    def _name(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(2))
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _registration(self, foreigner: bool = False) -> str:
        r = self.rng
        year = r.randint(1940, 2019)
        digit = (r.choice("56") if year < 2000 else r.choice("78")) if foreigner else \
            (r.choice("12") if year < 2000 else r.choice("34"))
        front = f"{year % 100:02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        back = digit + "".join(str(r.randint(0, 9)) for _ in range(6))  # random back digits, as since 2020
        return front + r.choice(["-", "-", " ", "", " - "]) + back

    def _mobile(self) -> str:
        r = self.rng
        a, b = r.randint(1000, 9999), r.randint(1000, 9999)
        prefix = r.choice(["010", "010", "011", "016", "017", "019"])
        return r.choice([f"{prefix}-{a}-{b}", f"{prefix} {a} {b}", f"{prefix}{a}{b}", f"{prefix}.{a}.{b}",
                         f"+82 {prefix[1:]}-{a}-{b}", f"+82-{prefix[1:]}-{a}-{b}", f"({prefix}){a}-{b}"])

    def _email(self) -> str:
        r = self.rng
        user = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(4, 9))) + str(r.randint(1, 99))
        return f"{user}@{r.choice(PRIVATE_MAIL)}"

    def _card(self) -> str:
        r = self.rng
        body = r.choice("3456") + "".join(str(r.randint(0, 9)) for _ in range(14))
        number = body + luhn_digit(body)
        sep = r.choice(["-", " ", ""])
        return sep.join(number[i:i + 4] for i in range(0, 16, 4))

    def _account(self) -> str:
        r = self.rng
        shape = r.choice([(6, 2, 6), (3, 6, 5), (4, 4, 4, 2), (3, 2, 6)])
        return "-".join("".join(str(r.randint(0, 9)) for _ in range(n)) for n in shape)

    def _passport(self) -> str:
        r = self.rng
        letter = r.choice("MS")
        if r.random() < 0.5:
            return letter + "".join(str(r.randint(0, 9)) for _ in range(8))
        return f"{letter}{r.randint(100, 999)}{r.choice('ABCDEFGH')}{r.randint(1000, 9999)}"

    def _licence(self) -> str:
        r = self.rng
        region = r.choice(LICENCE_REGIONS)
        sep = "-" if region.isdigit() else r.choice([" ", ""])
        return f"{region}{sep}{r.randint(0, 99):02d}-{r.randint(0, 999999):06d}-{r.randint(0, 99):02d}"

    def _plate(self) -> str:
        r = self.rng
        return f"{r.randint(10, 399)}{r.choice(PLATE_LETTERS)}{r.randint(1000, 9999)}"

    def _address(self) -> tuple[str, str]:
        """(full address, the masked part)."""
        r = self.rng
        detail = f"{r.choice(ROADS)} {r.randint(1, 300)}"
        if r.random() < 0.6:
            detail += f", {r.randint(101, 120)}동 {r.randint(101, 2504)}호"
        return f"서울특별시 {r.choice(DISTRICTS)} {detail}", detail

    # public look-alikes ----------------------------------------------------
    def _official(self) -> str:
        return f"{self._name()} {self.rng.choice(TITLES)}"

    def _office_phone(self) -> str:
        return f"02-2133-{self.rng.randint(1000, 9999)}"

    def _doc_number(self) -> str:
        return f"{self.rng.choice(DEPARTMENTS)}-{self.rng.randint(100, 99999)}"

    def _amount(self) -> str:
        return f"{self.rng.randint(10, 9_999_999) * 10:,}원"

    def _date(self) -> str:
        return f"{self.rng.randint(2015, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    # documents -------------------------------------------------------------
    def document(self) -> Document:
        return self.rng.choice([self.approval_report, self.complaint_reply, self.expense_note])()

    def documents(self, n: int) -> Iterator[Document]:
        for _ in range(n):
            yield self.document()

    def _role_name(self, doc: Document, role: str) -> str:
        name = self._name()
        doc.private.append(("person_name", name))
        return f"{role} {name}{self.rng.choice(PARTICLES)}"

    def _public_block(self, doc: Document) -> str:
        official, phone, number = self._official(), self._office_phone(), self._doc_number()
        date, amount, business = self._date(), self._amount(), business_number(self.rng)
        doc.public += [("official", official), ("office_phone", phone), ("document_number", number),
                       ("date", date), ("amount", amount), ("business_number", business),
                       ("law", "제9조 제1항 제6호"), ("call_centre", "120"),
                       ("portal_url", "https://opengov.seoul.go.kr/sanction/" + number[-5:].strip("-")),
                       ("office_address", "서울특별시 중구 세종대로 110"),
                       ("official_vehicle", f"관용차량 {self._plate()}"),
                       ("masked_rrn", "900101-1******"), ("masked_name", "조*아")]
        return (f"문서번호 {number} ({date})\n담당: {official} ☎ {phone}, 다산콜센터 120\n"
                f"금액 {amount}, 계약업체 사업자등록번호 {business}\n"
                f"근거: 정보공개법 제9조 제1항 제6호. 원문: {doc.public[8][1]}\n"
                f"청사: 서울특별시 중구 세종대로 110, {doc.public[10][1]} 운행\n"
                f"이미 가려진 값 900101-1****** 와 조*아 는 그대로 둔다.\n")

    def approval_report(self) -> Document:
        doc = Document("approval_report", "")
        title = self.rng.choice(self.titles)
        rrn, mobile, passport, licence = self._registration(), self._mobile(), self._passport(), self._licence()
        doc.private += [("resident_registration_number", rrn), ("mobile_phone", mobile),
                        ("passport_number", passport), ("driver_license", licence)]
        doc.text = (f"{title}\n\n1. 개요\n{self._role_name(doc, '신청인')} 제출한 서류(주민등록번호 {rrn})를 검토함.\n"
                    f"2. 연락처: {mobile}\n3. 여권번호 {passport}, 운전면허번호 {licence} 확인.\n"
                    + self._public_block(doc))
        return doc

    def complaint_reply(self) -> Document:
        doc = Document("complaint_reply", "")
        address, detail = self._address()
        email, plate, alien = self._email(), self._plate(), self._registration(foreigner=True)
        doc.private += [("address", detail), ("email", email), ("vehicle_plate", plate),
                        ("alien_registration_number", alien)]
        doc.text = (f"민원 회신\n\n{self._role_name(doc, self.rng.choice(ROLES[:6]))} 제기하신 민원에 대하여 회신합니다.\n"
                    f"주소: {address}\n전자우편 {email}로 회신을 요청하셨습니다.\n"
                    f"민원인 차량 {plate}의 주차 위반 건은 취소되었습니다.\n"
                    f"외국인등록번호 {alien} 확인.\n" + self._public_block(doc))
        return doc

    def expense_note(self) -> Document:
        doc = Document("expense_note", "")
        card, account, bank = self._card(), self._account(), self.rng.choice(BANKS)
        doc.private += [("card_number", card), ("bank_account", account)]
        doc.text = (f"업무추진비 집행 내역\n\n간담회 비용을 카드 {card}로 결제함.\n"
                    f"환불 계좌: {bank} {account} ({self._role_name(doc, '예금주')})\n"
                    + self._public_block(doc))
        return doc

    def lookalikes(self) -> Document:
        """Public text that the readings of obfuscated numbers must leave alone:
        date ranges, budget function codes shaped like old mobile numbers,
        counting lists, amounts, Roman and hanja numerals, the native words for
        numbers, letters beside digits in asset codes."""
        r = self.rng
        doc = Document("lookalikes", "")
        start, end = self._date(), self._date()
        field = r.choice((10, 20, 50, 60, 70, 80, 90, 100, 110, 120, 140, 150, 160))
        facts = [
            ("period", f"{start}~{end}"),
            ("period", f"{start.replace('-', '.')}.~{end.replace('-', '.')}."),
            ("budget_code", f"{field:03d}-{field + r.randint(1, 6):03d}-{r.randint(1000, 9999)}"),
            ("counting", " ".join(f"{n:02d}" for n in range(1, r.randint(4, 8)))),
            ("amount", f"{r.randint(1, 9)},{r.randint(100, 999)},{r.randint(100, 999)},{r.randint(100, 999)},"
                       f"{r.randint(100, 999)}원"),
            ("roman_headings", "Ⅰ. 개요 Ⅱ. 추진 실적 Ⅲ. 향후 계획 Ⅳ. 행정사항"),
            ("hanja", "一般會計 三千億 원"),
            ("native_numbers", f"{r.choice(['하나', '둘', '셋', '넷'])} {r.choice(['다섯', '여섯', '일곱'])} 구령"),
            ("asset_code", f"S{r.randint(10, 99)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"),
            ("official_phone", f"{self._office_phone()}\n{r.randint(1, 9)}."),
        ]
        doc.public += facts
        doc.text = "공개 자료 목록\n" + "\n".join(f"{i}. {value}" for i, (_kind, value) in enumerate(facts, 1)) + "\n"
        return doc

    def meeting_minutes(self, committee: str, agenda: str) -> Document:
        """Minutes where a member of the public spoke: the speaker and the
        contact they gave are private; the committee's officials are not."""
        doc = Document("meeting_minutes", "")
        mobile, chair = self._mobile(), self._official()
        doc.private.append(("mobile_phone", mobile))
        block = self._public_block(doc)
        doc.public.append(("official", chair))
        doc.text = (f"{committee} 회의록\n\n안건: {agenda}\n위원장 {chair} 개회 선언.\n"
                    f"방청 {self._role_name(doc, '민원인')} 의견 진술 (연락처 {mobile}).\n"
                    f"의결: 원안 가결.\n" + block)
        return doc

    def press_release(self, title: str) -> Document:
        """A press release quoting a citizen who left a number for follow-up."""
        doc = Document("press_release", "")
        mobile, email = self._mobile(), self._email()
        doc.private += [("mobile_phone", mobile), ("email", email)]
        doc.text = (f"{title}\n\n서울시는 {title} 내용을 발표했다.\n"
                    f"{self._role_name(doc, '신청인')} 참여 소감을 밝혔다. (문의 {mobile}, {email})\n"
                    + self._public_block(doc))
        return doc


# How people write a value to slip it past a filter (see normalize.py): each takes
# the value and a random source and returns the value as written.
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789-.@"})
_CIRCLED = str.maketrans(dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨")))
_KOREAN = str.maketrans(dict(zip("0123456789", "공일이삼사오육칠팔구")))
_HANJA = str.maketrans(dict(zip("0123456789", "〇一二三四五六七八九")))
_ROMAN = str.maketrans(dict(zip("123456789", "ⅠⅡⅢⅣⅤⅥⅦⅧⅨ")))
_NATIVE = ("공", "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉")
_LOOKALIKE_LETTERS = {"0": "O", "1": "l", "2": "Z", "5": "S", "6": "b", "8": "B", "9": "g"}


def _line_break(value: str, rng: random.Random) -> str:
    """A line break after one of the value's separators (or in its middle)."""
    cuts = [i + 1 for i, c in enumerate(value) if c in "-. "] or [len(value) // 2]
    cut = rng.choice(cuts)
    return value[:cut] + ("\n" if value[cut - 1] in "-. " else "-\n") + value[cut:]


def _regrouped(value: str, rng: random.Random) -> str:
    """The digits in twos (010-12-34-56-78), a leading + kept."""
    digits = "".join(c for c in value if c.isdigit())
    return value[:1].strip("0123456789(") + rng.choice(["-", " ", "."]).join(
        digits[i:i + 2] for i in range(0, len(digits), 2))


def _look_alikes(value: str, rng: random.Random) -> str:
    """Up to three digits written as letters that look like them (O1O-l234-S678)."""
    out, left = [], 3
    for c in value:
        if left and c in _LOOKALIKE_LETTERS and rng.random() < 0.5:
            out.append(_LOOKALIKE_LETTERS[c])
            left -= 1
        else:
            out.append(c)
    return "".join(out)


def _mixed_korean(value: str, rng: random.Random) -> str:
    """One or two digits of the prefix in Korean (공1공-1234-5678)."""
    return value.replace("0", "공", rng.choice([1, 2])) if value.startswith("01") else value


DIGIT_DISGUISES = {
    "full_width": lambda v, r: v.translate(_FULL_WIDTH),
    "circled": lambda v, r: v.translate(_CIRCLED),
    "zero_width": lambda v, r: "\u200b".join(v),
    "soft_hyphens": lambda v, r: v.replace("-", "\u00ad-").replace(" ", " \u2060"),
    "odd_separator": lambda v, r: "".join(r.choice(["ㅡ", "~", " - ", "_", "·"]) if c in "-. " else c for c in v),
    "spaced_digits": lambda v, r: v[:1].strip("0123456789(") + " ".join(c for c in v if c.isdigit()),
    "line_break": _line_break,
    "hanja_digits": lambda v, r: v.translate(_HANJA),
    "roman_numerals": lambda v, r: v.translate(_ROMAN),
}
# Numbers whose digits alone say what they are (a bank account needs its context): regrouped.
NUMBER_DISGUISES = {**DIGIT_DISGUISES, "regrouped": _regrouped}
MOBILE_DISGUISES = {**NUMBER_DISGUISES,
                    "korean_digits": lambda v, r: v.translate(_KOREAN),
                    "native_korean": lambda v, r: "".join(_NATIVE[int(c)] if c.isdigit() else c for c in v),
                    "mixed_korean": _mixed_korean,
                    "letter_o": lambda v, r: v.replace("0", "O", 2) if v.startswith("01") else v,
                    "look_alikes": _look_alikes}
MAIL_DISGUISES = {
    "bracketed": lambda v, r: v.replace("@", " [at] ").replace(".", " [dot] "),
    "korean_words": lambda v, r: v.replace("@", " 골뱅이 ").replace(".", " 닷 "),
    "parenthesised_at": lambda v, r: v.replace("@", "(at)"),
    "full_width": lambda v, r: v.translate(_FULL_WIDTH),
}
DISGUISED_KINDS = {"mobile_phone": MOBILE_DISGUISES, "email": MAIL_DISGUISES, "bank_account": DIGIT_DISGUISES,
                   **dict.fromkeys(["resident_registration_number", "alien_registration_number", "card_number"],
                                   NUMBER_DISGUISES)}


def disguised(doc: Document, rng: random.Random) -> Document:
    """The document with each private number and e-mail address written as
    someone hiding it from a filter would (full-width, circled, hanja or
    Roman digits, invisible characters, odd separators, a line break, the
    digits regrouped, Korean digits and words, look-alike letters,
    ``[at]``/``골뱅이``);
    its ``private`` list names the values as written, public facts unchanged."""
    text, private = doc.text, []
    for kind, value in doc.private:
        if kind in DISGUISED_KINDS:
            written = rng.choice(list(DISGUISED_KINDS[kind].values()))(value, rng)
            text = text.replace(value, written)
            value = written
        private.append((kind, value))
    return Document(doc.kind, text, private, list(doc.public))


@dataclass
class Score:
    planted: dict[str, int] = field(default_factory=dict)
    leaked: dict[str, int] = field(default_factory=dict)
    public: int = 0
    over_masked: dict[str, int] = field(default_factory=dict)
    public_planted: dict[str, int] = field(default_factory=dict)  # public facts by kind

    def recall(self, kind: str) -> float:
        return 1 - self.leaked.get(kind, 0) / self.planted[kind]

    def over_masking(self, kind: str) -> float:
        """The share of the public facts of ``kind`` that did not survive."""
        return self.over_masked.get(kind, 0) / self.public_planted[kind]

    @property
    def over_masking_rate(self) -> float:
        return sum(self.over_masked.values()) / self.public if self.public else 0.0


def score(documents: Sequence[Document], outputs: Sequence[str]) -> Score:
    """Leak = a private value still present verbatim; over-masked = a public value gone."""
    result = Score()
    for doc, out in zip(documents, outputs):
        for kind, value in doc.private:
            result.planted[kind] = result.planted.get(kind, 0) + 1
            if value in out:
                result.leaked[kind] = result.leaked.get(kind, 0) + 1
        for kind, value in doc.public:
            result.public += 1
            result.public_planted[kind] = result.public_planted.get(kind, 0) + 1
            if value not in out:
                result.over_masked[kind] = result.over_masked.get(kind, 0) + 1
    return result
