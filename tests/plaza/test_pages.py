"""The citizens' pages, rendered by the real app over a harvested plaza, in Korean."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from ckan.tests import helpers

from ckanext.seoulplaza import demo

from tests.conftest import PLUGINS

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.usefixtures("with_plugins")]


def _page(app, url, status=200):
    response = app.get(url, status=status)
    return BeautifulSoup(response.body, "html.parser")


def _text(soup):
    return " ".join(soup.get_text(" ").split())


def test_a_document_number_finds_its_record_with_a_marked_snippet(app, plaza):
    record = helpers.call_action("package_show", id=plaza.public)
    soup = _page(app, f"/dataset/?q={record['document_number']}")
    hits = soup.select("li.dataset-item")
    assert [h.select_one("h2 a")["href"].rsplit("/", 1)[-1] for h in hits] == [plaza.public]
    words = [w for w in re.findall(r"[가-힣]{3,}", record["title"])][:1]
    soup = _page(app, f"/dataset/?q={words[0]}")
    snippet = soup.select_one("li.dataset-item .seoulplaza-snippet")
    assert snippet is not None and snippet.find("mark").get_text() == words[0]
    assert "검색 결과" in _text(soup.select_one(".search-form"))


def test_search_offers_the_plazas_orders_and_facets_in_korean(app, plaza):
    soup = _page(app, "/dataset/")
    orders = [o.get_text(strip=True) for o in soup.select("select[name=sort] option")]
    assert orders[:4] == ["정확도순", "최신순", "오래된순", "제목순"]
    headings = [h.get_text(" ", strip=True) for h in soup.select(".filters .module-heading")]
    assert headings[:6] == ["유형", "기관", "분야", "생산연도", "공개구분", "키워드"]
    newest = _page(app, "/dataset/?sort=production_date desc, metadata_modified desc")
    dates = [m.get_text() for m in newest.select("li.dataset-item .seoulplaza-meta span")
             if re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.get_text())]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 5


def test_the_agency_facet_finds_a_departments_records_under_its_parent(app, plaza):
    record = helpers.call_action("package_show", id=plaza.public)
    parents = helpers.call_action("package_search", fq=f"id:{record['id']}",
                                  **{"facet.field": ["agency"]})["search_facets"]["agency"]["items"]
    lineage = {i["name"]: i for i in parents}
    assert "seoul" in lineage and record["organization"]["name"] in lineage
    assert lineage[record["organization"]["name"]]["depth"] >= 1
    soup = _page(app, "/dataset/?agency=seoul")
    assert plaza.public in [a["href"].rsplit("/", 1)[-1] for a in soup.select("li.dataset-item h2 a")]
    labels = [a.get_text(" ", strip=True) for a in soup.select(".filters nav a")]
    assert any(label.startswith("서울특별시") for label in labels)
    agency_page = _page(app, "/organization/seoul")
    assert agency_page.find("a", string=re.compile("서울특별시 및 하위 부서의 기록 전체 보기"))["href"].endswith(
        "agency=seoul")


def test_a_record_page_shows_who_when_and_the_document(app, plaza):
    record = helpers.call_action("package_show", id=plaza.public)
    soup = _page(app, f"/sanction/{plaza.public}")
    facts = dict(zip([d.get_text(strip=True) for d in soup.select(".record-facts dt")],
                     [d.get_text(" ", strip=True) for d in soup.select(".record-facts dd")]))
    assert facts["정보유형"] == "결재문서" and facts["문서번호"] == record["document_number"]
    assert facts["생산일자"] == record["production_date"] and facts["공개구분"] == "공개"
    preview = soup.select_one("[data-pdf-preview]")
    pdf = app.get(preview["data-pdf-preview"])
    assert pdf.data.startswith(b"%PDF") and pdf.headers["Content-Type"] == "application/pdf"
    assert "attachment" not in pdf.headers.get("Content-Disposition", "")  # inline, for the preview
    downloads = soup.select(".document-actions a[download]")
    assert [a.get_text(" ", strip=True).split(" (")[0] for a in downloads] == [
        "PDF 내려받기", "원문 텍스트 내려받기"]
    assert soup.select_one(".withholding") is None


def test_a_withheld_record_states_its_ground_in_words_and_how_to_ask(app, plaza):
    record = helpers.call_action("package_show", id=plaza.withheld)
    soup = _page(app, f"/sanction/{plaza.withheld}")
    notice = _text(soup.select_one(".withholding"))
    ground = record["nondisclosure_ground"]
    assert f"제9조 제1항 제{ground}호" in notice and "공공기관의 정보공개에 관한 법률" in notice
    assert {"5": "의사결정 과정", "6": "개인에 관한 정보", "7": "영업상 비밀"}[ground] in notice
    assert "2031-01-01" in notice
    assert soup.select("[data-pdf-preview]") == []
    link = soup.select_one(".withholding a")["href"]
    request = _page(app, link)
    assert _text(request.select_one("#request-document-number")) == record["document_number"]


def test_a_partly_public_record_names_the_ground_of_what_is_hidden(app, plaza):
    soup = _page(app, f"/sanction/{plaza.partial}")
    assert "이 기록의 일부는 공개되지 않습니다" in _text(soup.select_one(".withholding"))
    assert soup.select_one("[data-pdf-preview]") is not None


def test_meeting_pages_show_their_stage(app, plaza):
    shown = {}
    for status, name in plaza.meetings.items():
        soup = _page(app, f"/meeting/{name}")
        shown[status] = soup.select_one(".meeting-steps [aria-current=step]").get_text(strip=True)
        minutes = soup.select_one("#documents-heading")
        assert (minutes is not None) == (status == "완료"), status
    assert shown == {s: s for s in ("예정", "진행", "완료")}
    held = _page(app, f"/meeting/{plaza.meetings['완료']}")
    assert held.find("a", string=re.compile("회의 영상 보기"))["href"].startswith("https://tv.seoul.go.kr/")


def test_an_expense_report_shows_its_rows_in_the_table(app, plaza):
    record = helpers.call_action("package_show", id=plaza.expense)
    soup = _page(app, f"/expense/{plaza.expense}")
    heading = next(h for h in soup.select("h2") if h.get_text().startswith("데이터에서 보기"))
    section = heading.find_parent("section")
    headers = [th.get_text(strip=True) for th in section.select("thead th")]
    assert "집행목적" in headers and "금액(원)" in headers
    purposes = [tr.select("td")[headers.index("집행목적")].get_text(strip=True) for tr in section.select("tbody tr")]
    assert record["purpose"] in purposes


def test_related_records_share_the_committee(app, plaza):
    first = helpers.call_action("package_show", id=plaza.meetings["완료"])
    twin = dict(first, id=None, name=first["name"] + "-twin", source_id=first["source_id"] + "-twin",
                resources=[])
    twin.pop("id")
    helpers.call_action("package_create", context=demo.site_context(), **twin)
    soup = _page(app, f"/meeting/{first['name']}")
    related = soup.select_one("#related-heading").find_parent("section")
    assert "같은 위원회" in _text(related)
    listed = [a["href"].rsplit("/", 1)[-1] for a in related.select("li a")]
    assert twin["name"] in listed and first["name"] not in listed
    committees = {helpers.call_action("package_show", id=name)["committee"] for name in listed}
    assert committees == {first["committee"]}


def test_the_front_page_counts_types_and_lists_newest_and_upcoming(app, plaza):
    soup = _page(app, "/")
    counts = {a.select_one("span").get_text(): int(a.select_one(".count").get_text())
              for a in soup.select(".plaza-types a")}
    assert len(counts) == 31 and counts["결재문서"] == 4 and counts["회의정보"] == 3
    upcoming = [a.get_text(strip=True) for a in soup.select("#plaza-meetings-heading ~ ul a")]
    scheduled = helpers.call_action("package_show", id=plaza.meetings["예정"])
    assert scheduled["title"] in upcoming
    newest = soup.select("#plaza-newest-heading ~ ul li")
    assert newest and scheduled["title"] not in _text(soup.select_one("#plaza-newest-heading").parent)


def test_the_status_page_counts_public_records_by_type_year_and_agency(app, plaza):
    soup = _page(app, "/status")
    totals = [s.get_text(strip=True) for s in soup.select(".plaza-totals strong")]
    assert totals[0] == "8"  # 2 공개 결재문서 + 3 회의 + 2 업무추진비 + 1 table (of 10: 부분공개 1, 비공개 1)
    charts = {c.find_previous("h2").get_text(strip=True): {
        th.get_text(strip=True): int(td.get_text().replace(",", ""))
        for th, td in zip(c.select("tbody th"), c.select("tbody td.num"))} for c in soup.select("table.plaza-chart")}
    assert charts["정보유형별"] == {"결재문서": 2, "회의정보": 3, "업무추진비": 2, "공공데이터": 1}
    assert "부분공개 1건" in _text(soup.select_one("#status-scope")) and "공개율 80%" in _text(soup)


def test_korean_addresses_lead_to_the_type_listings(app, plaza):
    response = app.get("/결재문서?q=구급", follow_redirects=False)
    assert response.status_code == 302 and response.headers["Location"].endswith("/sanction/?q=%EA%B5%AC%EA%B8%89") \
        or response.headers["Location"].endswith("/sanction?q=%EA%B5%AC%EA%B8%89")
    soup = _page(app, "/sanction/")
    assert soup.title.get_text().startswith("결재문서")


def test_english_is_one_switch_away(app, plaza):
    soup = _page(app, f"/en/sanction/{plaza.withheld}")
    assert "This record is not public" in _text(soup.select_one(".withholding"))
    assert "Official Information Disclosure Act" in _text(soup.select_one(".withholding"))
