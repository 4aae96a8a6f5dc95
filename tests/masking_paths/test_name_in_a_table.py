"""A name in a table, on every way into the plaza (issue 18).

Data stewards paste lists of private persons into what they publish: a
payment list as a text table (CSV-, tab- or space-aligned) whose name column
says 이름, with no role word (민원인, 신청인 …) beside any name. Each path is
driven against the real stack: a harvest run from the 업무관리시스템 stand-in
over HTTP, a steward's upload and an editor's linked file loaded by xloader's
job on the real queue, a citizen's comment through ckanext-comments' actions,
a 문의 through the petition action and the sync pass to the 응답소 stand-in —
CKAN, PostgreSQL, Redis. The same recognizers serve every path, so the same
table must come out masked from each.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from ckan import model
from ckan.lib.uploader import ResourceUpload
from ckan.tests import helpers
from openpyxl import Workbook, load_workbook

from harvesters import run
from harvesters.standins import build
from harvesters.standins.files import html_page
from masking.extract import extract
from tests.conftest import PLUGINS
from tests.plaza.conftest import (PARTICIPATION, as_user, complaints, mailbox, participation_db,  # noqa: F401
                                  people, plaza)
from tests.security.conftest import public_server  # noqa: F401 (fixture)
from tests.security.test_masking_bypass import _commented, commented_record  # noqa: F401 (fixture)
from tests.security.test_ssrf import editor_site  # noqa: F401 (fixture)
from tests.tables.conftest import PLUGINS_WITH_XLOADER, xloader_site  # noqa: F401 (fixture)

NAMES = ("김서윤", "남궁민수", "탁하람", "이솔")
AMOUNTS = ("300,000", "250,000", "250,000", "120,000")
TITLE = "2024년 마을활동비 지급 내역"


def table_text(separator: str = ",") -> str:
    """The payment list as a steward pastes it into text: a title, a header
    with 이름 and no role word, one row per recipient."""
    rows = [["연번", "이름", "금액"]] + [[str(i), name, amount.replace(",", "") if separator == "," else amount]
                                      for i, (name, amount) in enumerate(zip(NAMES, AMOUNTS), 1)]
    if separator == "aligned":
        return TITLE + "\n" + "\n".join(f"{a:<6}{b:<8}{c:>10}" for a, b, c in rows) + "\n"
    return TITLE + "\n" + "\n".join(separator.join(row) for row in rows) + "\n"


def _names_in(text: str) -> list[str]:
    return [name for name in NAMES if name in text]


def with_participation(test):
    for mark in PARTICIPATION:
        test = mark(test)
    return test


# harvest --------------------------------------------------------------------
@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "app")
@pytest.mark.parametrize("separator", [",", "\t", "aligned"])
def test_a_harvested_document_with_a_payment_table_is_published_masked(standin, seoul_data, app, separator):
    edms = build("edms", seoul_data, dt.date.today())
    record_id = next(i for i, r in edms.records.items() if r["disclosure"]["class"] == "공개")
    served = standin("edms", [record_id])
    served.store.files["payments.html"] = lambda: html_page(TITLE, table_text(separator).splitlines())
    served.store.change(record_id, attachments=[{"id": "payments.html", "name": "지급내역.html", "format": "HTML"}])
    summary = run.run_source(served.source)
    assert not summary.errors, summary.line()

    dataset = helpers.call_action("package_show", id=f"sanction-{record_id}")
    places = {"package_show": json.dumps(dataset, ensure_ascii=False)}
    for resource in dataset["resources"]:
        data = Path(ResourceUpload({}).get_path(resource["id"])).read_bytes()
        places[resource["name"]] = extract(data, "x.pdf").text if resource["format"] == "PDF" else data.decode()
    assert any("연번" in text and "금액" in text for text in places.values()), places  # the table was published
    for where, text in places.items():
        assert _names_in(text) == [], (where, text)
    assert helpers.call_action("package_search", q=NAMES[0])["count"] == 0


# upload ---------------------------------------------------------------------
def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A 게시물 list exported by a steward: the payment table was pasted into the 내용 cell.
POSTS = [["번호", "제목", "내용"], ["1", TITLE, table_text("\t")], ["2", "공지", "다음 달 지급 예정"]]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("filename, content", [
    ("posts.csv", _csv(POSTS)),
    ("posts.xlsx", _xlsx(POSTS)),
    ("payments.csv", table_text(",").encode("utf-8")),  # the table itself, its title row first
])
def test_an_uploaded_table_with_a_payment_table_is_stored_masked(xloader_site, app, filename, content):  # noqa: F811
    resource = xloader_site(content, filename, format=filename.rsplit(".", 1)[1].upper())
    download = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/{filename}").data
    if filename.endswith(".xlsx"):
        stored = "\n".join(str(c) for row in load_workbook(io.BytesIO(download)).active.iter_rows(values_only=True)
                           for c in row if c is not None)
    else:
        stored = download.decode("utf-8-sig")
    assert "금액" in stored and _names_in(stored) == [], stored
    rows = helpers.call_action("datastore_search", resource_id=resource["id"], limit=100)["records"]
    assert rows and _names_in(json.dumps(rows, ensure_ascii=False)) == [], rows


# linked file ----------------------------------------------------------------
@pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER)
@pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_redis", "with_test_worker")
@pytest.mark.parametrize("content", [_csv(POSTS), table_text(",").encode("utf-8")], ids=["table-in-a-cell", "table"])
def test_a_linked_table_with_a_payment_table_is_loaded_masked(editor_site, public_server, content):  # noqa: F811
    """An editor links a public URL; xloader's job fetches it and loads it into the DataStore."""
    public_server.routes["/payments.csv"] = (200, {"Content-Type": "text/csv; charset=utf-8"}, content)
    resource, _status = editor_site(f"{public_server.url}/payments.csv")
    assert public_server.hits == ["/payments.csv"]
    rows = helpers.call_action("datastore_search", resource_id=resource["id"], limit=100)["records"]
    assert rows and _names_in(json.dumps(rows, ensure_ascii=False)) == [], rows


# comments -------------------------------------------------------------------
@with_participation
@pytest.mark.parametrize("separator", [",", "\t", "aligned"])
def test_a_payment_table_in_a_comment_is_stored_and_shown_masked(commented_record, separator):  # noqa: F811
    content = "지급 명단이 틀렸습니다. 아래가 맞습니다.\n" + table_text(separator)
    _made, stored, thread = _commented(*commented_record, content)
    assert "연번" in stored and "금액" in stored, stored
    assert _names_in(stored) == [] and _names_in(thread) == [], stored


# petitions ------------------------------------------------------------------
@with_participation
def test_a_payment_table_in_a_petition_is_stored_and_forwarded_masked(app, plaza, people, complaints,  # noqa: F811
                                                                           mailbox):
    from ckanext.seoulplaza.participation import sync
    from ckanext.seoulplaza.participation.model import Petition
    helpers.call_action("seoulplaza_petition_create", context=as_user(people.citizen), package_id=plaza.partial,
                        kind="민원", title="활동비 지급 누락 민원",
                        body="아래 명단 중 저희 동네 분들이 빠졌습니다.\n" + table_text("\t"))
    sync.run()
    petition = model.Session.query(Petition).one()
    assert "금액" in petition.body and _names_in(petition.body) == [], petition.body
    forwarded = [str(p) for p in complaints.store.petitions.values()]
    assert forwarded and _names_in("\n".join(forwarded)) == [], forwarded
