"""Masking bypasses (issue 17, item 6), replayed against the real stack.

A citizen wrote a phone number in full-width digits in a comment and it was
published; a steward uploaded a CSV whose ``성명`` column kept every name. The
kind: text written so a reader sees a number or an address and a pattern does
not (other digit scripts, invisible characters, odd separators, Korean digits,
spelled-out e-mail addresses), and tables whose personal data is said by the
column header rather than by the value's shape. Comments go through the real
``comments_comment_create``/``_update`` actions (ckanext-comments with the
plaza's chain, PostgreSQL, Redis); uploads through ``resource_create`` and
xloader's job on the real queue, as in tests/tables/; a source system's table
through a real harvest run from the 예산관리시스템 stand-in over HTTP.
"""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from ckan import model
from ckan.logic import ValidationError
from ckan.tests import factories, helpers
from ckanext.comments.model import Comment
from openpyxl import Workbook, load_workbook
from PIL import Image

from masking.extract import extract
from masking.normalize import normalize

from harvesters import run
from harvesters.standins.files import docx, hwpx, reportlab_pdf
from harvesters.standins.store import utc_now
from tests.conftest import PLUGINS
from tests.plaza.conftest import PARTICIPATION, as_user, participation_db  # noqa: F401 (fixture)
from tests.tables.conftest import PLUGINS_WITH_XLOADER, xloader_site  # noqa: F401 (fixture)

# What the attacker typed, and the digits/letters that must not come out in any form.
OBFUSCATED = {
    "０１０－４８２１－７７３０": "48217730",
    "010ㅡ5512ㅡ3309": "55123309",
    "0 1 0 6 6 2 4 1 8 0 5": "66241805",
    "0\u200b1\u200b0-7\u200d731-20\u00ad44": "77312044",
    "공일공 구팔칠육 오사삼이": "98765432",
    "hong77 [at] gmail [dot] com": "hong77",
    "kimsu 골뱅이 네이버 닷컴": "kimsu",
    "주민번호 ９００１０１－１２３４５６７": "1234567",
}
COMMENT = "예산표 출처가 궁금합니다. 답변은 " + ", ".join(OBFUSCATED) + " 로 부탁드립니다. 반딧불이예산"


def _leaks(text: str, planted: dict[str, str] = OBFUSCATED) -> list[str]:
    """The planted values still in ``text``: as typed, or their digits or letters however written."""
    plain = normalize(text).text.replace(" ", "").replace("-", "").replace("\n", "")
    return [typed for typed, secret in planted.items() if typed in text or secret in plain]


@pytest.fixture
def commented_record(participation_db):  # noqa: F811 (the imported fixture)
    org = factories.Organization()
    record = factories.Dataset(type="sanction", owner_org=org["id"], title="예산 편성 결과 보고",
                               department="예산담당관", production_date="2024-01-01", disclosure_class="공개",
                               source_system="업무관리시스템", source_id="MASK-1", document_number="예산담당관-1")
    return record, factories.UserWithToken(email="citizen@example.org")


def _commented(record, citizen, content: str) -> tuple[dict, str, str]:
    """A citizen's comment on the record through the real action: as returned,
    as stored, and the public thread as anyone reads it."""
    made = helpers.call_action("comments_comment_create", context=as_user(citizen), subject_type="package",
                               subject_id=record["id"], content=content)
    thread = helpers.call_action("comments_thread_show", context={"user": "", "ignore_auth": False},
                                 subject_type="package", subject_id=record["id"], include_comments=True)
    return made, model.Session.get(Comment, made["id"]).content, str(thread)


def with_participation(test):
    """The participation tests' plugins and configuration (tests/plaza/conftest.py)."""
    for mark in PARTICIPATION:
        test = mark(test)
    return test


@with_participation
@pytest.mark.ckan_config("ckanext.comments.approved_edits_by_author", "true")  # the edit path, where a site allows it
def test_obfuscated_contacts_in_a_comment_are_masked_in_storage_and_the_api(commented_record):
    record, citizen = commented_record
    made, stored, thread = _commented(record, citizen, COMMENT)
    assert not _leaks(stored), stored
    assert "[휴대전화번호]" in stored and "[전자우편]" in stored and "[주민등록번호]" in stored
    assert stored.startswith("예산표 출처가 궁금합니다. 답변은 ") and stored.endswith(" 로 부탁드립니다. 반딧불이예산")
    assert not _leaks(thread), thread
    assert made["extras"]["masked"] == {"휴대전화번호": 5, "전자우편": 2, "주민등록번호": 1}

    edited = helpers.call_action("comments_comment_update", context=as_user(citizen), id=made["id"],
                                 content="수정: ０１０－４８２１－７７３０ / hong77 [at] gmail [dot] com")
    assert not _leaks(edited["content"]) and not _leaks(model.Session.get(Comment, made["id"]).content)


# A steward's list of applicants: names in a 성명 column, home phones (not
# mobile-shaped), addresses without unit numbers and obfuscated values in the notes.
APPLICANTS = [["김서윤", "02-987-6543", "서울특별시 마포구 월드컵로 123", "1990-03-04", "010ㅡ5512ㅡ3309로 연락"],
              ["박도현", "031-555-7788", "서울특별시 도봉구 도봉로 45", "1985-11-20", "hong77 [at] gmail [dot] com"]]
HEADER = ["성명", "연락처", "주소", "생년월일", "비고"]
SECRETS = ["김서윤", "박도현", "987-6543", "555-7788", "월드컵로 123", "도봉로 45", "1990-03-04", "1985-11-20",
           "5512", "hong77"]


def _csv(rows, delimiter=",", encoding="cp949"):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def _xlsx():
    """As offices save them: a title row, a blank row, then the header."""
    book = Workbook()
    sheet = book.active
    sheet.append(["2024년 청년수당 신청자 명단"])
    sheet.append([])
    sheet.append(HEADER)
    for row in APPLICANTS:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_with_hidden_text():
    """A workbook whose cells are harmless and whose other parts are not: a cell
    comment and its author, the document's properties, a header, a defined name,
    a hyperlink and a sheet named after a person."""
    from openpyxl.comments import Comment as CellComment
    from openpyxl.workbook.defined_name import DefinedName
    book = Workbook()
    sheet = book.active
    sheet.title = "홍길동 010-3141-5926"
    sheet.append(["구분", "건수"])
    sheet.append(["접수", 3])
    sheet["A2"].comment = CellComment("민원인 홍길동 010-2718-2818 확인 필요", "김민원 010-1618-0339")
    sheet["B2"].hyperlink = "mailto:hong.gildong77@gmail.com"
    sheet.oddHeader.center.text = "작성 홍길동 010-1414-2135"
    book.properties.creator = "홍길동 900101-1234567"
    book.properties.keywords = "민원인 홍길동 010-1732-0508"
    book.defined_names["담당"] = DefinedName("담당", attr_text='"민원인 홍길동 010-2236-0679"')
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins")
def test_an_uploaded_workbook_publishes_its_cells_and_nothing_hidden(xloader_site, app):  # noqa: F811
    """A steward's workbook kept a comment with a citizen's phone and its author
    in the published file: only cells are published now, in a new workbook."""
    resource = xloader_site(_xlsx_with_hidden_text(), "hidden.xlsx", format="XLSX")
    download = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/hidden.xlsx").data
    with zipfile.ZipFile(io.BytesIO(download)) as published:
        everything = "".join(published.read(name).decode("utf-8", "replace") for name in published.namelist())
    for secret in ("3141", "2718", "1618", "hong.gildong77", "1414", "1234567", "1732", "2236"):
        assert secret not in everything, secret
    rows = list(load_workbook(io.BytesIO(download)).active.iter_rows(values_only=True))
    assert rows == [("구분", "건수"), ("접수", 3)]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("filename, content", [
    ("applicants.csv", _csv([HEADER] + APPLICANTS)),
    ("applicants.tsv", _csv([HEADER] + APPLICANTS, "\t")),
    ("applicants.xlsx", _xlsx()),
])
def test_an_uploaded_table_with_a_name_column_is_stored_masked(xloader_site, app, filename, content):  # noqa: F811
    resource = xloader_site(content, filename, format=filename.rsplit(".", 1)[1].upper())
    download = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/{filename}").data
    if filename.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(download)).active
        stored = "\n".join(",".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True))
    else:
        stored = download.decode("cp949")
    assert [s for s in SECRETS if s in stored] == [], stored
    assert "성명" in stored and "[성명]" in stored and "[전화번호]" in stored and "[생년월일]" in stored

    rows = helpers.call_action("datastore_search", resource_id=resource["id"], limit=100)["records"]
    assert len(rows) >= len(APPLICANTS) and [s for s in SECRETS if s in str(rows)] == []
    report = helpers.call_action("resource_show", id=resource["id"])["masking_report"]
    assert "성명 2" in report and "전화번호 2" in report


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "app")
def test_a_harvested_table_with_a_name_column_is_published_masked(standin):
    served = standin("budget", ["expense-2020-12"])
    columns = [{"id": "name", "type": "text", "label": "성명"}, {"id": "phone", "type": "text", "label": "연락처"},
               {"id": "birth", "type": "timestamp", "label": "생년월일"},
               {"id": "note", "type": "text", "label": "비고"}, {"id": "amount", "type": "numeric", "label": "지원금액(원)"}]
    rows = [[name, phone, birth, note, "500000"] for name, phone, _address, birth, note in APPLICANTS]
    served.store.add({"id": "applicants-2024", "kind": "table", "modified_at": utc_now(), "attachments": [],
                      "fields": {"dataset_type": "opendata", "title": "청년수당 지원 대상자 명단", "department": "청년정책과",
                                 "production_date": "2024-01-31", "theme": "복지"},
                      "disclosure": {"class": "공개", "ground": None, "opens_on": None, "nonpublic": []},
                      "table": {"id": "applicants.csv", "name": "지원 대상자", "columns": columns}},
                     {"applicants.csv": lambda: _csv([[c["id"] for c in columns]] + rows).decode("cp949").encode()})
    summary = run.run_source(served.source)
    assert not summary.errors, summary.line()
    (resource,) = helpers.call_action("package_show", id="applicants-2024")["resources"]
    records = helpers.call_action("datastore_search", resource_id=resource["id"])["records"]
    assert [(r["name"], r["phone"], r["birth"], float(r["amount"])) for r in records] == [
        ("[성명]", "[전화번호]", None, 500000.0)] * 2
    assert [s for s in SECRETS if s in str(records)] == []


def _written_by_a_steward(app, title: str, fields: list[dict], created: dict, inserted: dict) -> list[dict]:
    """A steward's script creates a public table with one record and inserts
    another, through the API; the rows as stored."""
    steward = factories.UserWithToken()
    org = factories.Organization(users=[{"name": steward["name"], "capacity": "editor"}])
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title=title, department="도시계획과",
                                production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id=f"DS-API-{title}")
    auth = {"Authorization": steward["token"]}
    made = app.post("/api/3/action/datastore_create", headers=auth, json={
        "resource": {"package_id": dataset["id"], "name": title}, "fields": fields, "records": [created]})
    assert made.status_code == 200, made.body[:300]
    resource_id = made.json["result"]["resource_id"]
    upserted = app.post("/api/3/action/datastore_upsert", headers=auth, json={
        "resource_id": resource_id, "method": "insert", "records": [inserted]})
    assert upserted.status_code == 200, upserted.body[:300]
    return helpers.call_action("datastore_search", resource_id=resource_id)["records"]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_datastore")
def test_rows_written_through_the_datastore_api_are_stored_masked(app):
    """A steward's script writes a list of citizens straight into a public table."""
    fields = [{"id": "seongmyeong", "type": "text", "info": {"label": "성명"}},
              {"id": "yeonragceo", "type": "text", "info": {"label": "연락처"}},
              {"id": "bigo", "type": "text", "info": {"label": "비고"}}]
    rows = _written_by_a_steward(
        app, "설명회 참석자", fields,
        {"seongmyeong": "김서윤", "yeonragceo": "02-555-1234", "bigo": "문의 ０１０－４８２１－７７３０"},
        {"seongmyeong": "박도윤", "yeonragceo": "hong77 [at] gmail [dot] com", "bigo": "없음"})
    text = str(rows)
    for secret in ("김서윤", "박도윤", "555-1234", "48217730", "hong77"):
        assert secret not in normalize(text).text.replace("-", ""), (secret, rows)
    assert [r["seongmyeong"] for r in rows] == ["[성명]", "[성명]"]


# A penetration tester's second round, each input with the digits that must not come
# out in any form: a line break inside the number, the digits regrouped, native
# Korean and hanja numerals, Korean and Arabic digits mixed, look-alike letters,
# Roman numerals; and siblings of each.
SECOND_ROUND = {
    "010-2468-\n1357": "24681357",
    "010-86-42-97-53": "86429753",
    "공일공 하나둘셋넷 오육칠팔": "12345678",
    "〇一〇-九八七六-五四三二": "98765432",
    "공1공-3141-5926": "31415926",
    "O1O-l357-S924": "13575924",
    "010-ⅠⅡⅢⅣ-ⅤⅥⅦⅧ": "12345678",
    "0101-472-5836": "14725836",
    "zero one zero two seven one eight two eight one eight": "27182818",
}
SECOND_COMMENT = "예산 문의합니다. " + " / ".join(SECOND_ROUND) + " 로 연락 주세요."


@with_participation
def test_a_testers_second_round_in_a_comment_is_masked(commented_record):
    _made, stored, thread = _commented(*commented_record, SECOND_COMMENT)
    assert not _leaks(stored, SECOND_ROUND), stored
    assert stored.count("[휴대전화번호]") == len(SECOND_ROUND), stored
    assert stored.startswith("예산 문의합니다. ") and stored.endswith(" 로 연락 주세요.")
    assert not _leaks(thread, SECOND_ROUND), thread


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_datastore")
def test_names_under_qualified_and_verb_headers_written_through_the_datastore_api_are_masked(app):
    """성명(한자) and 받는 사람 columns (보내는 사람 by its romanised id alone), and
    hanja numerals in a note, from a steward's script."""
    fields = [{"id": "seongmyeong_hanja", "type": "text", "info": {"label": "성명(한자)"}},
              {"id": "badneun_saram", "type": "text", "info": {"label": "받는 사람"}},
              {"id": "bonaeneun_saram", "type": "text"},
              {"id": "bigo", "type": "text", "info": {"label": "비고"}}]
    rows = _written_by_a_steward(
        app, "우편 발송 대장", fields,
        {"seongmyeong_hanja": "洪吉童", "badneun_saram": "김서윤", "bonaeneun_saram": "Hong Gildong",
         "bigo": "〇一〇-九八七六-五四三二"},
        {"seongmyeong_hanja": "金哲洙", "badneun_saram": "박도윤", "bonaeneun_saram": "KIM CHEOLSU",
         "bigo": "공1공-3141-5926 / O1O-l357-S924"})
    assert [(r["seongmyeong_hanja"], r["badneun_saram"], r["bonaeneun_saram"]) for r in rows] == [
        ("[성명]", "[성명]", "[성명]")] * 2, rows
    for secret in ("洪吉童", "金哲洙", "김서윤", "박도윤", "Hong", "KIM"):
        assert secret not in str(rows), (secret, rows)
    assert not _leaks(str(rows), SECOND_ROUND), rows


@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins")
def test_an_uploaded_table_keeps_its_qualified_headers_and_masks_the_names_under_them(xloader_site, app):  # noqa: F811
    header = ["번호", "성명(한자)", "받는 사람", "이름 (서명)", "비고"]
    rows = [["1", "洪吉童", "김서윤", "Hong Gildong", "〇一〇-九八七六-五四三二 로 연락"],
            ["2", "金哲洙", "박도윤", "KIM CHEOLSU", "010-86-42-97-53"]]
    resource = xloader_site(_csv([header] + rows, encoding="utf-8"), "mailing.csv", format="CSV")  # 〇 is not CP949
    stored = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/mailing.csv").data
    text = stored.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(header), text
    for secret in ("洪吉童", "金哲洙", "김서윤", "박도윤", "Hong", "KIM"):
        assert secret not in text, (secret, text)
    assert not _leaks(text, SECOND_ROUND), text
    records = helpers.call_action("datastore_search", resource_id=resource["id"], limit=100)["records"]
    assert records and not _leaks(str(records), SECOND_ROUND) and "洪吉童" not in str(records), records


@with_participation
def test_what_citizens_and_stewards_write_in_requests_and_petitions_is_stored_masked(app, plaza, people, complaints,
                                                                                     mailbox):
    """문의하기 goes to 응답소 and 정보공개청구 to the department's mailbox: the
    account says who is asking; phone numbers and e-mail typed into the text
    are not kept, forwarded or mailed."""
    typed = "회신은 ０１０－４８２１－７７３０ 또는 hong77 [at] gmail [dot] com 으로 주세요"
    stored, sent = _filed(plaza, people, complaints, mailbox, "자료 문의 ０１０－４８２１－７７３０", typed)
    for text in stored + sent:
        assert not _leaks(text), text
    assert "[휴대전화번호]" in stored[1] and "[전자우편]" in stored[2]


def _filed(plaza, people, complaints, mailbox, title: str, typed: str) -> tuple[list[str], list[str]]:
    """A citizen's 문의 (``title``, ``typed``) and 정보공개청구 (``typed``),
    extended by the steward with ``typed`` in the reason, through the real
    actions: the texts as stored (title, body, request, reason), and as
    forwarded to 응답소 and mailed to the department."""
    from ckanext.seoulplaza.participation import sync
    from ckanext.seoulplaza.participation.model import DisclosureRequest, Petition
    citizen, steward = as_user(people.citizen), as_user(people.steward)
    helpers.call_action("seoulplaza_petition_create", context=citizen, package_id=plaza.partial, kind="문의",
                        title=title, body=typed)
    filed = helpers.call_action("seoulplaza_disclosure_request_create", context=citizen, package_id=plaza.partial,
                                content=typed, method="전자파일")
    helpers.call_action("seoulplaza_disclosure_request_extend", context=steward, id=filed["id"],
                        reason=f"청구인({typed})과 협의 중")
    sync.run()
    petition, request = model.Session.query(Petition).one(), model.Session.get(DisclosureRequest, filed["id"])
    stored = [petition.title, petition.body, request.content, request.extension_reason]
    sent = [str(p) for p in complaints.store.petitions.values()] + [mailbox.text(m) for m in mailbox.messages]
    assert complaints.store.petitions and mailbox.messages
    return stored, sent


@with_participation
def test_a_testers_second_round_in_a_petition_and_a_request_is_not_stored_forwarded_or_mailed(
        app, plaza, people, complaints, mailbox):
    stored, sent = _filed(plaza, people, complaints, mailbox, "자료 문의", "회신 번호: " + ", ".join(SECOND_ROUND))
    for text in stored + sent:
        assert not _leaks(text, SECOND_ROUND), text
    assert [text.count("[휴대전화번호]") for text in stored[1:]] == [len(SECOND_ROUND)] * 3, stored


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_datastore")
def test_data_dictionaries_json_and_array_cells_are_stored_masked(app):
    """The second attack: a column's label and notes, and JSON and array
    cells, were stored as typed; a column *named* with a phone number is
    refused, since the records name their columns."""
    pii = "민원인 홍길동 010-1234-5678 주민 900101-1234567"
    fields = [{"id": "memo", "type": "text", "info": {"label": "메모", "notes": pii}},
              {"id": "j", "type": "json"}, {"id": "arr", "type": "_text"}]
    rows = _written_by_a_steward(app, "JSON 칸", fields,
                                 {"memo": "없음", "j": {"who": pii, "list": [pii]}, "arr": [pii, "b"]},
                                 {"memo": "없음", "j": {pii: 1}, "arr": ["c"]})
    stored = str(rows) + str(helpers.call_action("datastore_info", id=_last_resource_id())["fields"])
    for secret in ("1234-5678", "1234567"):
        assert secret not in stored, (secret, stored)
    steward = factories.UserWithToken()
    org = factories.Organization(users=[{"name": steward["name"], "capacity": "editor"}])
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="칸 이름", department="도시계획과",
                                production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="DS-API-column-name")
    refused = app.post("/api/3/action/datastore_create", headers={"Authorization": steward["token"]}, json={
        "resource": {"package_id": dataset["id"], "name": "표"},
        "fields": [{"id": "연락처 010-1234-5678", "type": "text"}], "records": []})
    assert refused.status_code == 409 and "1" in refused.json["error"]["fields"][0], refused.body[:300]


def _last_resource_id() -> str:
    return model.Session.query(model.Resource).order_by(model.Resource.created.desc()).first().id


_LETTER = ["민원 회신", "민원인 홍길동 (연락처 010-4821-7730) 님의 민원에 회신합니다.", "담당: 주택정책과 주무관 김영수"]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "harvest_db")
@pytest.mark.parametrize("filename, content, published_as", [
    ("reply.pdf", reportlab_pdf(_LETTER), "reply.pdf"),
    ("reply.docx", docx(_LETTER), "reply.pdf"),
    ("reply.hwpx", hwpx(_LETTER), "reply.pdf"),
    ("reply.txt", "\n".join(_LETTER).encode("utf-8"), "reply.txt"),
], ids=["pdf", "docx", "hwpx", "txt"])
def test_an_uploaded_document_is_published_masked(app, create_with_upload, filename, content, published_as):
    """A steward's PDF, DOCX, HWPX or text file was stored and published as it
    came, private persons and all: only tables passed the masking."""
    admin = factories.Sysadmin()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"])
    resource = create_with_upload(content, filename, package_id=dataset["id"], url=filename,
                                  context={"user": admin["name"]})
    assert resource["url"].endswith("/" + published_as)
    download = app.get(resource["url"].split("test.ckan.net", 1)[-1]).data
    published = extract(download, published_as).text
    assert "홍길동" not in published and "4821" not in published and "7730" not in published
    assert "[성명]" in published and "주택정책과" in published and "김영수" in published
    assert "성명 1" in helpers.call_action("resource_show", id=resource["id"])["masking_report"]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "harvest_db")
def test_a_file_no_reader_can_open_is_refused_not_published_unread(create_with_upload):
    """A picture (or an archive) cannot be checked for private data: refused with the reason."""
    admin = factories.Sysadmin()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"])
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(picture, "PNG")
    with pytest.raises(ValidationError, match="읽을 수 없어"):
        create_with_upload(picture.getvalue(), "사진.png", package_id=dataset["id"], url="사진.png",
                           context={"user": admin["name"]})
    assert helpers.call_action("package_show", id=dataset["id"])["resources"] == []
