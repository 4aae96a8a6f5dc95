"""Tables masked by what their columns mean, as well as by pattern.

A name in a ``성명`` column has no role word before it and a home phone no
mobile prefix: pattern masking cannot see them, the header can. ``classify``
reads a table's headers (Korean, English, the public-data standard's
abbreviations such as ``flnm``/``telno``, and xloader's romanised ids such as
``seongmyeong``; a header is read without its bracketed qualifier, which then
says whose where it can: 성명(한자) and 이름 (서명) are name columns, 주소(시설) a
place's address; a verb phrase such as 받는 사람 or 신청한 사람 names a person by
the role its stem names, a private person when it names none) and says which
columns hold a private person's data; a ``TableMasker`` replaces those cells
whole with the kind's label (``[성명]``) and passes every other text cell
through ``masking.redact``.

Whose data a column holds is decided by the table, because the same header
names officials in one table and citizens in another:

* identity and financial numbers (주민/외국인등록번호, 여권, 운전면허, 카드,
  계좌), dates of birth and mobile numbers are private in every table;
* a role (민원인, 신청인, 대표자, 수령인 … 명/성명) names a private person, so
  does a prefix such as ``신청인 연락처``, ``자택 주소``;
* a plain name column (성명, 이름, 성함, 참석자, name) is an official's only
  beside a rank column (직위, 직급, 직책 …): a staff table. Beside a department
  column alone it is still private (citizens also have an 소속);
* an author column (작성자, 등록자) is an official's beside a rank or a
  department column, as in the city's document lists, and a citizen's
  elsewhere (a board's export); 담당자 and its kin, and ``writer`` (담당자 in
  every list the city publishes), always are: officials acting in office
  stay public, as in text, so names in their cells are kept (a mobile number
  typed there is masked all the same);
* a place column (장소, 위치, ``exec_loc``, place) names where an event was
  held or public money spent — a restaurant, a hall: the addresses in its cells
  are the places' and kept unless a private person's cue says otherwise
  (``AddressRecognizer(place=True)``);
* contact columns (연락처, 전화번호, 주소, 이메일, 차량번호) follow the people of
  the table: private when it names a private person, public when it is about
  officials (rank, department or 담당자 columns) or places and organisations
  (시설명, 업체명, 기관명 …) and names no private person, and private when
  nothing tells (err on the side of not leaking).

Record fields are free text and never masked whole; ``field_recognizers``
reads a field's name the same way (``official``/``writer``: an official's name,
``place``/``exec_loc``: a place) for the harvest and ``remask``.

A public column still goes through pattern masking: a mobile number typed
into an office-phone column is masked all the same. Column meaning guards
against a steward publishing a list of citizens as it is; whoever names the
columns can always name them so that nothing is private (an editor can type
a name into any free-text cell too), which is why pattern masking stays on.

Three callers, one masker:

* a CSV/TSV file or a sheet, streamed: ``TableStream().mask(row)`` for each
  row, header first (title rows above the header and merged header rows are
  read, see ``TableStream``);
* DataStore records: ``TableMasker.for_fields(fields, record_keys)`` with
  the resource's fields (``datastore_info`` gives them with their labels),
  then ``mask_record(record)`` for each;
* harvested tables: ``TableMasker.for_fields(columns)`` and ``mask_cell``.

``found`` on either counts what was masked by kind, as ``redact`` reports.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

from unidecode import unidecode

from .analyzer import scan
from .anonymizer import redact
from .recognizers import DEFAULT_RECOGNIZERS, LABELS, AddressRecognizer
from .recognizers.names import NAME, occurrences
from .recognizers.offices import APPROVAL_TITLES, names_a_private_person

# --- vocabulary: Korean words; their romanisations are added below ------------

PRIVATE_ROLES = """민원인 신청인 신청자 청구인 신고인 진정인 고소인 고발인 피고소인 피해자 가해자 대표자 수령인 수취인
예금주 보호자 세대주 소유자 응시자 수상자 의뢰인 계약자 가입자 이용자 환자 입주자 임차인 임대인 구매자 당첨자 수급자
수혜자 대상자 지원자 제보자 요청자 문의자 상담자 방문자 질의자 고객 회원 수신인 발신인 주문자 예약자 제안자 추천인
추천자 납부자 납세자 체납자 위반자 확진자 접촉자 사망자 부상자 실종자 수강생 수강자 학부모 구직자 후원자 기부자""".split() + [
    "applicant", "complainant", "petitioner", "requester", "representative", "recipient", "owner", "customer",
    "member", "patient", "student", "guardian", "victim", "reporter", "beneficiary", "aplcnt", "rqstr", "rprsntv",
    "sender", "receiver", "addressee", "payer", "taxpayer", "donor"]
# 수신자/발신자 are left out: in the city's document lists they are offices (수신자 참조).
PERSONAL = "개인 본인 자택 집 실거주".split() + ["personal", "private", "home"]  # 자택 주소: whose, not a name
GENERIC_NAMES = """성명 이름 성함 실명 한글성명 영문성명 한자성명 국문성명 한글이름 영문이름 한자이름 참석자 참가자""".split() + [
    "name", "fullname", "personname", "flnm", "nm", "koreanname", "englishname", "firstname", "lastname",
    "givenname", "surname", "attendee", "participant"]
AUTHOR_NAMES = "작성자 작성인 등록자 게시자".split() + ["author", "registrant"]
# ``writer`` is 담당자 in every list the city publishes (info_list, public_list, research_list).
OFFICIAL_NAMES = """담당자 담당 담당공무원 담당직원 담당관 기안자 결재자 처리자 처리담당자 책임자 공무원 직원""".split() + [
    "writer", "wrter", "charger", "chrg", "officer", "official", "staff", "drafter", "approver", "manager"]
RANKS = "직위 직급 직책 직렬 직명 계급 직종".split() + ["position", "rank", "jobtitle", "grade", "ofcps", "clsf"]
DEPARTMENTS = "부서 부서명 담당부서 소속부서 처리부서 소관부서 실국 실국명 과명 소속기관".split() + [
    "dept", "deptnm", "deptname", "department", "rspnberdeptnm", "insttnm", "agency", "agencynm"]
ENTITIES = """시설 업소 업체 상호 사업장 사업체 법인 단체 회사 점포 병원 약국 학교 기업 기관 업종 사무실 사무소""".split() + [
    "facility", "fclty", "company", "cmp", "store", "shop", "business", "bplc", "organization", "institution",
    "hospital", "school", "bssh"]
NAME_TAILS = "명 성명 이름 성함".split() + ["name", "nm"]
# Where something happened: an event's venue, the shop where public money was spent.
PLACES = "장소 장소명 집행장소 사용장소 개최장소 행사장소 회의장소 방문장소 위치".split() + [
    "place", "location", "venue", "loc", "execloc", "meetingplace", "eventplace", "plc"]

# (kind, words, private in every table): what a column can hold, in the order tried.
ATTRIBUTES: tuple[tuple[str, list[str], bool], ...] = (
    ("resident_registration_number", "주민등록번호 주민번호 주민등록".split()
     + ["rrn", "rrno", "ihidnum", "jumin", "juminno", "ssn", "residentno", "residentnumber",
        "residentregistrationnumber"], True),
    ("alien_registration_number", "외국인등록번호 외국인번호".split()
     + ["alienregistrationnumber", "alienno", "arcno", "frgnrregno"], True),
    ("passport_number", "여권번호 여권".split() + ["passport", "passportno", "passportnumber", "psptno"], True),
    ("driver_license", "운전면허번호 운전면허 면허번호".split()
     + ["driverlicense", "driverslicense", "licenseno", "licensenumber", "drvrlcnsno"], True),
    ("card_number", "카드번호 신용카드번호 체크카드번호 신용카드".split()
     + ["cardno", "cardnumber", "creditcard", "creditcardno"], True),
    ("bank_account", "계좌번호 계좌 입금계좌 환불계좌 은행계좌".split()
     + ["accountno", "accountnumber", "bankaccount", "acntno", "actno", "acnutno"], True),
    ("birth_date", "생년월일 생일 출생일 출생연월일 생년".split()
     + ["birth", "birthday", "birthdate", "dateofbirth", "dob", "brdt"], True),
    ("mobile_phone", "휴대폰 핸드폰 휴대전화 이동전화".split()
     + ["mobile", "mobileno", "mobilenumber", "cellphone", "cell", "hp", "hpno", "mbtlnum", "mbltelno"], True),
    ("email", "이메일 전자우편 메일 이메일주소 전자우편주소 email주소 e메일".split()
     + ["email", "emailaddress", "mail", "emladdr"], False),
    ("phone_number", "연락처 전화 전화번호 연락전화 유선전화 집전화 자택전화".split()
     + ["tel", "telno", "telephone", "phone", "phoneno", "phonenumber", "contact", "contactno", "cttpc"], False),
    ("vehicle_plate", "차량번호 자동차번호 차량등록번호 번호판 차번호".split()
     + ["carno", "carnumber", "vehicleno", "vehiclenumber", "plateno", "platenumber", "vhclno"], False),
    ("address", "주소 주소지 거주지 도로명주소 지번주소 상세주소 자택주소 집주소 현주소 실거주지 주민등록주소 등록기준지 본적 거소".split()
     + ["address", "addr", "adres", "rnaddr", "roadaddr", "homeaddress"], False),
)
MOBILE_WORDS = dict((kind, words) for kind, words, _always in ATTRIBUTES)["mobile_phone"]
HOME = "거주지 자택 집 현주소 실거주 주민등록주소 등록기준지 본적 거소".split() + ["home"]  # an address that is a home's
TAILS = "번호 정보 한글 영문 국문 전체 상세 앞자리 뒷자리 앞6자리 뒤7자리 도로명 지번 휴대폰 핸드폰 휴대전화 자택 유선 1 2 3".split() + [
    "no", "number", "num", "info"] + "한자 한문 로마자 서명 자필 정자 표기".split()  # how a name is written: 성명 한자
PRIVATE_ALWAYS = frozenset(kind for kind, _words, always in ATTRIBUTES if always)
# A cell that says there is no value is kept as it is (a token would claim one).
NO_VALUE = frozenset("없음 해당없음 해당 미기재 미상 비공개 무 na n/a none null -".split())
# A value already masked at the source (조*아, 홍○동, 010-****-5678, 900101-1******) is
# published as it is, as in text: a name with one to three syllables hidden, any
# other value with three or more characters hidden and no more than seven digits left
# (a registration number's birth date and sex digit, a phone's prefix and four digits).
MASK_CHARS = "*＊○●◯■□×"
_MASKED_NAME = re.compile(rf"[가-힣]{{1,2}}[{MASK_CHARS}]{{1,3}}[가-힣]?")
MAX_DIGITS_LEFT = 7


def header_key(header: Any) -> str:
    """A header as compared: NFKC, case-folded, letters and digits only
    (``대표자(명)`` → ``대표자명``, ``E-Mail`` → ``email``, ``dept_nm`` → ``deptnm``)."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header)).casefold()
    return re.sub(r"[^0-9a-z가-힣]+", "", text)


def _romanised(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", unidecode(word).lower())


def _any(*word_lists: Iterable[str]) -> str:
    """A regex group matching any of the words or the romanisations of the
    Korean ones (xloader names a column 성명 ``seongmyeong``), longest first."""
    words = [w for words in word_lists for w in words]
    forms = {header_key(w) for w in words} | {_romanised(w) for w in words if not w.isascii()}
    return "(?:" + "|".join(sorted(map(re.escape, forms - {""}), key=lambda f: (-len(f), f))) + ")"


_TAIL, _INFO = _any(TAILS) + "*", _any(["정보"]) + "?"
_NAMED = _any(NAME_TAILS, GENERIC_NAMES) + "?"
_WHOSE = (rf"(?:(?:(?P<private>{_any(PRIVATE_ROLES, PERSONAL)})|(?P<official>{_any(OFFICIAL_NAMES)})"
          rf"|(?P<entity>{_any(ENTITIES)}{_any(NAME_TAILS)}?)|(?P<person>{_any(GENERIC_NAMES)})){_INFO})")
_ATTRIBUTE_COLUMNS = [(kind, always, re.compile(rf"{_WHOSE}?{_any(words)}{_TAIL}"))
                      for kind, words, always in ATTRIBUTES]
# (what the header says, pattern): names and the columns that tell whose they are, in the order tried.
_NAME_COLUMNS = [
    (("person_name", "private", None), re.compile(rf"{_any(PRIVATE_ROLES)}{_INFO}{_NAMED}{_TAIL}")),
    ((None, None, "official"), re.compile(rf"{_any(OFFICIAL_NAMES)}{_NAMED}{_TAIL}")),
    (("person_name", "author", None), re.compile(rf"{_any(AUTHOR_NAMES)}{_NAMED}{_TAIL}")),
    ((None, None, "rank"), re.compile(rf"{_any(RANKS)}{_TAIL}")),
    ((None, None, "department"), re.compile(rf"{_any(DEPARTMENTS)}(?:{_any(TAILS)}|lvl\d|\d단계|full)*")),
    ((None, None, "entity"), re.compile(rf"{_any(ENTITIES)}{_NAMED}{_TAIL}")),
    ((None, None, "place"), re.compile(rf"{_any(PLACES)}{_TAIL}")),
    (("person_name", "person", None), re.compile(rf"{_any(GENERIC_NAMES)}{_NAMED}{_TAIL}")),
]
_HOME = re.compile(_any(HOME))
_MOBILE = re.compile(_any(MOBILE_WORDS))


@dataclass(frozen=True)
class Header:
    """What one header says on its own: the ``kind`` of personal data its
    cells hold (None: not personal); ``subject``, whose: private, person (a
    name that is an official's in a staff table), author, official, entity
    or None (the table decides); ``context``, what a non-personal column
    tells of the table: rank, department, official, entity or place."""
    kind: Optional[str] = None
    subject: Optional[str] = None
    context: Optional[str] = None

    @property
    def known(self) -> bool:
        return bool(self.kind or self.context)


# A qualifier in brackets: 성명(한자), (필수) 성명, 성명 【영문】, 주소(시설).
_BRACKETED = re.compile(r"[(\[{<【〔「『]([^()\[\]{}<>【】〔〕「」『』]*)[)\]}>】〕」』]")
# Who did something, said with a verb: 받는 사람, 신청한 사람, 주문하신 분, 받는 이, 받는 사람 연락처.
_VERB_PERSON = re.compile(r"(?P<stem>[가-힣]+?)(?P<ending>[가-힣])(?P<who>사람|분|이)(?P<rest>.*)")
_POLITE_ENDINGS = ("하시", "으시", "하", "으", "시")   # 신청하신 → 신청, 받으실 → 받
_ENDINGS_BEFORE_BUN = frozenset("는은한신실던")          # 받는 분, 하신 분; not 이월분, 정산분, 분할분
_FINAL_N_OR_L = (4, 8)  # a Hangul syllable's final consonant index: ㄴ, ㄹ
_ROMANISED_PERSON = re.compile(r"[a-z]{2,}saram(?P<rest>.*)")  # xloader's id for 받는 사람: badneun_saram


PRIVATE_PERSON = Header("person_name", "private")


@lru_cache(maxsize=4096)
def read_header(header: Any) -> Header:
    """One header by its words alone (``classify`` adds what the table says):
    as written; else without its bracketed qualifiers (성명(한자) is a name
    column, 주소(시설) a place's address); else as a verb phrase naming a
    person (받는 사람: a private person; 처리한 사람: whoever 처리자 is)."""
    key = header_key(header)
    if not key:
        return Header()
    said = _read_key(key)
    if said.known:
        return said
    text = unicodedata.normalize("NFKC", str(header))
    if _BRACKETED.search(text):
        base = read_header(_BRACKETED.sub(" ", text))
        if base.known:
            for qualifier in _BRACKETED.findall(text):
                base = combine(read_header(qualifier), base)
            return base
    return _read_verb_phrase(key)


def _read_key(key: str) -> Header:
    for kind, always, pattern in _ATTRIBUTE_COLUMNS:
        m = pattern.fullmatch(key)
        if m:
            if kind == "phone_number" and _MOBILE.search(key):
                kind, always = "mobile_phone", True  # 연락처(휴대폰)
            whose = next((s for s in ("private", "official", "entity", "person") if m.group(s)), None)
            private = always or whose in ("private", "person") or (kind == "address" and _HOME.search(key))
            return Header(kind, "private" if private else whose)
    for (name_kind, subject, context), pattern in _NAME_COLUMNS:
        if pattern.fullmatch(key):
            return Header(name_kind, subject, context)
    return Header()


def _read_verb_phrase(key: str) -> Header:
    """받는사람, 신청한사람연락처, badneunsaram: the person, read by the role the
    verb's stem names or a private person; an attribute after it (연락처) is
    that person's."""
    m = _VERB_PERSON.fullmatch(key)
    if m and _is_modifier(m["ending"], m["who"]):
        role, rest = _role_of(m["stem"]), m["rest"]
    elif m := _ROMANISED_PERSON.fullmatch(key):
        role, rest = PRIVATE_PERSON, m["rest"]
    else:
        return Header()
    if not rest:
        return role
    attribute = _read_key(rest)
    return combine(role, attribute) if attribute.kind else Header()


def _is_modifier(ending: str, who: str) -> bool:
    """Whether a syllable ends a verb's modifier before 사람 (a final ㄴ or ㄹ:
    받는, 신청한, 받을), or before 분 and 이 (only 는 은 한 신 실 던: 이월분 and
    정산분 are portions, not persons)."""
    if who == "사람":
        return (ord(ending) - 0xAC00) % 28 in _FINAL_N_OR_L
    return ending in _ENDINGS_BEFORE_BUN


def _role_of(stem: str) -> Header:
    """The role a verb's stem names (신청하 → 신청자, 처리 → 처리자, 담당하 →
    담당자), a private person when it names none (받, 보내)."""
    stem = next((stem[:-len(e)] for e in _POLITE_ENDINGS if stem.endswith(e) and len(stem) > len(e)), stem)
    return next((h for h in map(_read_key, (stem + "자", stem + "인")) if h.kind == "person_name" or h.context),
                PRIVATE_PERSON)


def combine(parent: Header, child: Header) -> Header:
    """A header under a merged parent (``신청인`` over ``성명 | 연락처``,
    ``담당자`` over ``성명 | 전화``): the parent says whose, the child what."""
    if not child.known:
        return parent if parent.kind else child
    if not parent.known or child.kind in PRIVATE_ALWAYS or child.subject == "private" or child.kind is None:
        return child
    whose = parent.subject if parent.kind == "person_name" else parent.context
    if whose == "private":
        return Header(child.kind, "private")
    if whose in ("official", "rank", "department", "entity"):
        side = "entity" if whose == "entity" else "official"
        return Header(None, None, side) if child.kind == "person_name" else Header(child.kind, side)
    return child


@dataclass(frozen=True)
class Column:
    """A column's meaning in its table: ``private`` columns are masked whole
    with the label of ``kind``; ``reason`` says why, for reports and logs."""
    header: str
    kind: Optional[str]
    private: bool
    reason: str
    context: Optional[str] = None  # an official's or a place's column: what pattern masking keeps (``RECOGNIZERS``)


def classify(headers: Sequence[Any], read: Optional[Sequence[Header]] = None) -> list[Column]:
    """The meaning of each column of one table from all its headers (the
    rules are in the module's docstring); ``read`` overrides what each header
    says on its own (merged header rows)."""
    read = list(read) if read is not None else [read_header(h) for h in headers]
    contexts = {h.context for h in read}
    rank, department = "rank" in contexts, "department" in contexts
    about_officials_or_places = bool(contexts & {"rank", "department", "official", "entity", "place"})

    def name_is_private(h: Header) -> bool:
        return h.subject == "private" or (h.subject == "person" and not rank) or \
            (h.subject == "author" and not (rank or department))

    private_people = any(h.kind == "person_name" and name_is_private(h) for h in read)
    columns = []
    for header, h in zip(headers, read):
        name = "" if header is None else str(header)
        if h.kind is None:
            columns.append(Column(name, None, False, f"{h.context} column" if h.context else "not personal", h.context))
        elif h.kind == "person_name":
            private = name_is_private(h)
            columns.append(Column(name, h.kind, private, "a private person's name" if private
                                  else "officials' names: a rank or department column beside it"))
        elif h.kind in PRIVATE_ALWAYS or h.subject == "private":
            columns.append(Column(name, h.kind, True, "private in every table" if h.kind in PRIVATE_ALWAYS
                                  else "a private person's"))
        elif h.subject in ("official", "entity"):
            columns.append(Column(name, h.kind, False, f"an {h.subject}'s contact"))
        elif private_people:
            columns.append(Column(name, h.kind, True, "the table names private persons"))
        elif about_officials_or_places:
            columns.append(Column(name, h.kind, False, "the table is about officials or places, no private person"))
        else:
            columns.append(Column(name, h.kind, True, "nothing tells whose: masked"))
    return columns


# What an officials' name column is masked by: every recognizer but names (the names are theirs).
OTHER_THAN_NAMES = tuple(r for r in DEFAULT_RECOGNIZERS if getattr(r, "kind", None) != "person_name")
# What a place column is masked by: addresses are the places' unless a person's cue says otherwise.
FOR_PLACES = tuple(AddressRecognizer(place=True) if isinstance(r, AddressRecognizer) else r for r in DEFAULT_RECOGNIZERS)
# The recognizers for the cells of a column by what it tells (None: every recognizer).
RECOGNIZERS: dict[Optional[str], Optional[tuple[Any, ...]]] = {"official": OTHER_THAN_NAMES, "place": FOR_PLACES}


def field_recognizers(name: Any) -> Optional[tuple[Any, ...]]:
    """The recognizers a free-text field called ``name`` (a record field or a
    column id: ``official``, ``writer``, ``담당자``, ``place``, ``exec_loc``,
    ``장소``) is masked with: every recognizer but names for an official's
    name, places' addresses kept for a place, else None (every recognizer,
    ``masking.redact``'s default). Never a reason to mask a field whole."""
    return RECOGNIZERS.get(read_header(name).context)


_OFFICIAL_NAME = re.compile(r"(?<![가-힣])" + NAME)


def official_names(values: Iterable[Any]) -> set[str]:
    """The Korean names (surname and given name) in officials' cells or fields."""
    return {m.group(0) for value in values if isinstance(value, str) for m in _OFFICIAL_NAME.finditer(value)}


def kept_spans(text: str, officials: Iterable[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each occurrence in ``text`` of a name its row or
    record gives as an official's (its 담당자, writer), which masking keeps:
    none when ``text`` names a private person's role (민원인 홍길동: a namesake)."""
    if not officials or names_a_private_person(text):
        return []
    return [span for name in officials for span in occurrences(text, name)]


def mask_fields(fields: Mapping[str, Any], found: Optional[Counter] = None, officials: Iterable[str] = ()) -> dict[str, Any]:
    """A record's fields (``{name: value}``) as they may be published: each
    string masked by pattern with ``field_recognizers(name)``; the names in
    its official's fields (``writer``, ``official``) are officials' in every
    other field too (복명서(12월 이경천) by 이경천, see ``kept_spans``). Other
    values are returned as they are; what was masked is counted by kind in ``found``.
    ``officials``: names the record gives as officials elsewhere (a resource's
    fields are masked with its dataset's)."""
    officials = set(officials) | official_names(
        value for key, value in fields.items() if field_recognizers(key) is OTHER_THAN_NAMES)
    masked = {}
    for key, value in fields.items():
        if isinstance(value, str) and value.strip():
            redaction = redact(value, recognizers=field_recognizers(key), read=kept_spans(value, officials))
            if found is not None:
                found.update(f.kind for f in redaction.findings)
            value = redaction.text
        masked[key] = value
    return masked
TEXT_TYPES = frozenset({"text", "varchar", "char", "citext", "string", ""})


def _already_masked(value: str, kind: str) -> bool:
    value = value.strip()
    if kind == "person_name":
        return bool(_MASKED_NAME.fullmatch(value))
    return sum(ch in MASK_CHARS for ch in value) >= 3 and sum(ch.isdigit() for ch in value) <= MAX_DIGITS_LEFT


def _has_value(value: Any, kind: str) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, str):
        stripped = value.strip()
        if not any(ch.isalnum() for ch in stripped) or stripped.casefold() in NO_VALUE:
            return False
        if kind == "person_name" and stripped.replace(",", "").isdigit():
            return False  # a count (신청인(명): 12), not a name
        return not _already_masked(stripped, kind)
    return not (kind == "person_name" and isinstance(value, (int, float)))


def masked_whole(column: Column, value: Any) -> bool:
    """Whether a cell of ``column`` is replaced whole by its kind's label: the
    column is a private person's and the cell holds a value (not empty, not
    ``없음``/``-``, not a count under a name header, not already masked at the
    source). ``masking.layout`` asks the same of tables written in a text."""
    return column.private and column.kind is not None and _has_value(value, column.kind)


class TableMasker:
    """Masks the cells of one table whose header is known.

    ``headers``: each column's header; ``types``: each column's DataStore
    type (None for a text file or a sheet); ``read``: what each header says
    when it is not the header alone (merged header rows); ``ids``: the keys
    of ``mask_record`` (default: the headers). A private column's cell with a
    value becomes its kind's label (``[성명]``), or None where the column's
    type cannot hold text; every other text cell is redacted by pattern;
    other cells are returned as they are. ``found`` counts what was masked
    by kind, as ``Redaction.findings`` would.
    """

    def __init__(self, headers: Sequence[Any], types: Optional[Sequence[Optional[str]]] = None,
                 read: Optional[Sequence[Header]] = None, ids: Optional[Sequence[str]] = None):
        self.columns = classify(headers, read)
        self.types = list(types) if types is not None else [None] * len(self.columns)
        self.ids = {str(key): i for i, key in enumerate(ids if ids is not None else headers)}
        self.found: Counter = Counter()

    @classmethod
    def for_fields(cls, fields: Iterable[Mapping[str, Any]], record_keys: Iterable[str] = ()) -> "TableMasker":
        """For DataStore fields or harvest columns (``{"id", "type", "label"
        or "info": {"label"}}``; a label that names a known column is read
        before the id), and the record keys the fields do not name (read by
        key, typed as text)."""
        fields = [f for f in fields if f.get("id") != "_id"]
        ids = [str(f["id"]) for f in fields]
        ids += [k for k in dict.fromkeys(map(str, record_keys)) if k not in ids and k != "_id"]
        headers: list[Any] = []
        for f in fields:
            label = f.get("label") or (f.get("info") or {}).get("label")
            headers.append(label if label and read_header(label).known else f["id"])
        headers += ids[len(fields):]
        return cls(headers, [f.get("type") or "text" for f in fields] + ["text"] * (len(ids) - len(fields)), ids=ids)

    @property
    def private_columns(self) -> list[Column]:
        return [c for c in self.columns if c.private]

    def mask_cell(self, index: int, value: Any, officials: Iterable[str] = ()) -> Any:
        """The cell of column ``index`` (0-based) as it may be published;
        ``officials``: names the row gives as officials' (kept, ``kept_spans``)."""
        column = self.columns[index] if 0 <= index < len(self.columns) else None
        if column is not None and column.kind and masked_whole(column, value):
            self.found[column.kind] += 1
            kind = self.types[index]
            return f"[{LABELS.get(column.kind, '개인정보')}]" if kind is None or kind.lower() in TEXT_TYPES else None
        if column is not None and column.kind == "person_name":  # officials' names: the rest of the cell by pattern
            return self._by_pattern(value, OTHER_THAN_NAMES)
        return self._by_pattern(value, RECOGNIZERS.get(column.context) if column is not None else None, officials)

    def _by_pattern(self, value: Any, recognizers: Optional[Sequence[Any]] = None, officials: Iterable[str] = ()) -> Any:
        """A text cell redacted by pattern; a JSON or array cell (a DataStore
        ``json`` or ``_text`` column) with every string inside it redacted alike."""
        if isinstance(value, str) and value.strip():
            redaction = redact(value, recognizers=recognizers, read=kept_spans(value, officials))
            self.found.update(f.kind for f in redaction.findings)
            return redaction.text
        if isinstance(value, list):
            return [self._by_pattern(item, recognizers) for item in value]
        if isinstance(value, dict):
            return {self._by_pattern(key, recognizers): self._by_pattern(item, recognizers) for key, item in value.items()}
        return value

    def _officials(self, cells: Iterable[tuple[int, Any]]) -> set[str]:
        """The names in a row's officials' columns (담당자, writer, a staff table's 성명)."""
        return official_names(value for i, value in cells if 0 <= i < len(self.columns) and (
            self.columns[i].context == "official" or self.columns[i].kind == "person_name" and not self.columns[i].private))

    def mask_row(self, row: Sequence[Any]) -> list[Any]:
        """A data row (cells in column order) as it may be published; its
        officials' names are kept in its other cells too."""
        officials = self._officials(enumerate(row))
        return [self.mask_cell(i, value, officials) for i, value in enumerate(row)]

    def mask_record(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """A record (``{column id: value}``) as it may be published; a key the
        masker does not know is masked by pattern only."""
        officials = self._officials((self.ids.get(str(key), -1), value) for key, value in record.items())
        return {key: self.mask_cell(self.ids.get(str(key), -1), value, officials) for key, value in record.items()}


HEADER_SEARCH = 10       # rows in which a file's header is looked for (title rows come first)
MAX_HEADER_ROWS = 3      # header rows under one another (merged parent headers)
MAX_HEADER_CELL = 60     # characters: a longer cell is data, not a header


def is_header_row(row: Sequence[Any]) -> bool:
    """A row that names columns: a known header among short text cells, no
    numbers, and nothing pattern masking would mask but a word after a role
    (성명(한자) reads as a label and a name; a phone number makes the row data)."""
    cells = [c for c in row if c is not None and str(c).strip()]
    return bool(cells) and all(isinstance(c, str) and len(c) <= MAX_HEADER_CELL for c in cells) \
        and any(read_header(c).known for c in cells) \
        and not any(f.kind != "person_name" for c in cells for f in scan(c))


OFFICIALS_COLUMN = Header(None, None, "official")
_TITLE_WORDS = re.compile(r"[^\s()/·,]+")


def is_approval_row(row: Sequence[Any]) -> bool:
    """A row of an approval box (결재란): two or more cells, each one or more
    approval titles (담당 | 팀장 | 과장 | 국장, 주무관 | 팀장, 기안자 | 검토자 |
    결재권자, 과장(전결)) and nothing else; the names under them are the officials who
    signed. A row with any other header (팀장 | 팀원: a volunteer team) is not one."""
    cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
    return len(cells) >= 2 and all(isinstance(c, str) for c in row if c is not None) and all(
        words and all(w in APPROVAL_TITLES for w in words) for words in map(_TITLE_WORDS.findall, cells))


class TableStream:
    """Masks a table row by row as it streams (CSV/TSV rows; a sheet's rows
    as values). The header is the first row within ``header_search`` rows that
    names a known column, with up to ``MAX_HEADER_ROWS`` header rows right
    under it (a merged parent carries to the right over empty cells: 신청인
    over 성명 | 연락처). Rows before the header are masked by pattern; the
    first header row is kept as written (a header is never masked as data:
    성명(한자) stays); in a header row under it, a cell that is not a known
    header is masked as its column was (so a data row dressed as a header
    leaks nothing). A row of an approval box's titles (``is_approval_row``) is a
    header of officials' columns: the names under it are kept.
    ``found`` counts by kind; ``columns`` is the table's classification."""

    def __init__(self, header_search: int = HEADER_SEARCH):
        self.header_search = header_search
        self.rows_seen = 0
        self.header_rows: list[list[Any]] = []
        self.in_header = False
        self.masker = TableMasker([])
        self.found: Counter = self.masker.found

    @property
    def columns(self) -> list[Column]:
        return self.masker.columns

    def mask(self, row: Sequence[Any]) -> list[Any]:
        """The row as it may be published."""
        self.rows_seen += 1
        searching = self.in_header or (not self.header_rows and self.rows_seen <= self.header_search)
        if searching and len(self.header_rows) < MAX_HEADER_ROWS and (is_header_row(row) or is_approval_row(row)):
            masked = list(row) if not self.header_rows else \
                [value if read_header(value).known else self.masker.mask_cell(i, value) for i, value in enumerate(row)]
            self.header_rows.append(list(row))
            self.in_header = True
            names, read = self._headers()
            self.masker = TableMasker(names, read=read)
            self.masker.found = self.found
            return masked
        self.in_header = False
        return self.masker.mask_row(row)

    def _headers(self) -> tuple[list[str], list[Header]]:
        width = max(map(len, self.header_rows))
        parents = [Header()] * width
        names: list[list[str]] = [[] for _ in range(width)]
        for depth, row in enumerate(self.header_rows):
            carried, carried_name = Header(), None
            approval = is_approval_row(row)  # every column of an approval box is an official's, a blank title's too
            for i in range(width):
                cell = row[i] if i < len(row) else None
                if cell is not None and str(cell).strip():
                    carried, carried_name = OFFICIALS_COLUMN if approval else read_header(cell), str(cell).strip()
                elif depth == len(self.header_rows) - 1:
                    carried, carried_name = OFFICIALS_COLUMN if approval else Header(), None  # not merged parents
                parents[i] = combine(parents[i], carried)
                if carried_name:
                    names[i].append(carried_name)
        return [" ".join(n) for n in names], parents


def mask_rows(rows: Iterable[Sequence[Any]], stream: Optional[TableStream] = None) -> Iterator[list[Any]]:
    """The rows of a CSV/TSV file or a sheet (header first), masked as they
    stream; pass a ``TableStream`` to read its ``found`` and ``columns`` after."""
    stream = stream or TableStream()
    for row in rows:
        yield stream.mask(row)
