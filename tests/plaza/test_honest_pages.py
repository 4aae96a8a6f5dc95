"""Honest counts and no empty rows (issue 23, item 7), on the harvested plaza
in Korean: /status counts what it says it counts, a record shows only the
fields it has, a withheld record names no licence, a search without results
draws no empty filter boxes, and /organization is the agency tree."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers

from ckanext.seoulplaza import demo
from ckanext.seoulplaza.agencies import SEOUL, agency_name
from ckanext.seoulplaza.labels import type_label
from tests.conftest import PLUGINS, screenshot

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN, pytest.mark.usefixtures("with_plugins")]


def _soup(app, url):
    return BeautifulSoup(app.get(url, status=200).body, "html.parser")


def _chart(soup, title):
    table = next(t for t in soup.select("table.plaza-chart") if t.find_previous("h2").get_text(strip=True) == title)
    return {th.get_text(strip=True): (int(td.get_text().replace(",", "")), th.a["href"])
            for th, td in zip(table.select("tbody th"), table.select("tbody td.num"))}


def _records():
    return helpers.call_action("package_search", rows=1000)["results"]


def test_status_counts_the_public_records_and_no_later_year(app, plaza):
    records = _records()
    counted = [r for r in records if r.get("disclosure_class") == "공개"]
    assert len(counted) < len(records)          # the plaza has 부분공개 and 비공개 records
    this_year = str(dt.date.today().year)
    meeting = helpers.call_action("package_show", id=plaza.meetings["예정"])
    helpers.call_action("package_patch", context=demo.site_context(), id=meeting["id"],
                        production_date=f"{int(this_year) + 1}-03-02")
    soup = _soup(app, "/status")
    assert soup.select(".plaza-totals strong")[0].get_text(strip=True) == str(len(counted))
    by_type = _chart(soup, "정보유형별")
    assert {label: n for label, (n, _href) in by_type.items()} == dict(Counter(type_label(r["type"]) for r in counted))
    years = _chart(soup, "생산연도별")
    assert max(years) <= this_year and sum(n for n, _ in years.values()) == len(counted) - 1
    assert "1건" in soup.select_one("#status-later").get_text()
    for label, (count, href) in by_type.items():        # each bar's search finds what it counts
        query = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
        assert query["disclosure_class"] == "공개"
        assert helpers.call_action("package_search", fq=" AND ".join(f'{k}:"{v}"' for k, v in query.items())
                                   )["count"] == count, label
    scope = soup.select_one("#status-scope").get_text(" ", strip=True)
    listed = Counter(r.get("disclosure_class") for r in records)
    assert f"부분공개 {listed['부분공개']}건" in scope and f"비공개 {listed['비공개']}건" in scope
    assert "공개구분별" not in soup.get_text()          # no chart of one bar


def test_a_record_shows_only_the_fields_it_has_and_a_withheld_one_no_licence(app, plaza):
    public = _soup(app, f"/sanction/{plaza.public}")
    rows = {th.get_text(strip=True): td.get_text(strip=True) for th, td in
            zip(public.select("th.dataset-label"), public.select("td.dataset-details"))}
    assert rows and all(rows.values())                                   # no empty row
    assert "비공개 근거" not in rows and "공개예정일" not in rows
    assert public.select_one("section.license") is not None              # a 공개 record keeps its licence
    withheld = _soup(app, f"/sanction/{plaza.withheld}")
    rows = {th.get_text(strip=True) for th in withheld.select("th.dataset-label")}
    assert {"비공개 근거", "공개예정일"} <= rows
    assert withheld.select_one("section.license") is None
    assert "CC BY" not in withheld.get_text() and "공공누리" not in withheld.get_text()


def test_a_search_without_results_draws_no_empty_filter_boxes(app, plaza):
    empty = _soup(app, "/dataset/?q=존재하지않는검색어zzqx")
    assert "기록이 없습니다" in empty.select_one(".search-form").get_text() and empty.select(".filters section.module") == []
    found = _soup(app, "/dataset/")
    boxes = found.select(".filters section.module")
    assert boxes and all(box.select("li.nav-item, nav li") for box in boxes)
    org = helpers.call_action("package_show", id=plaza.public)["organization"]["name"]
    assert _soup(app, f"/organization/{org}?q=존재하지않는검색어zzqx").select(".filters section.module") == []


def test_the_agencies_are_a_tree_not_pages_of_cards(app, plaza):
    department = factories.Organization(title="트리시험과", extras=[
        {"key": "parent_agency", "value": agency_name(SEOUL)}])
    soup = _soup(app, "/organization/")
    tree = soup.select_one("#agency-tree")
    assert tree is not None and soup.select(".pagination") == [] and soup.select("li.media-item") == []
    names = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in tree.select("a")}
    every = helpers.call_action("organization_list")
    assert set(every) == names
    seoul = tree.find("a", string=SEOUL).find_parent("details")
    assert seoul.has_attr("open") and seoul.find("a", string="트리시험과") is not None   # under its parent
    assert tree.find("a", string="트리시험과").find_parent("details") is seoul
    # the number beside an agency counts its departments' records too
    record = helpers.call_action("package_show", id=plaza.public)
    seoul_count = seoul.summary.select_one(".count").get_text()
    assert f"{helpers.call_action('package_search', fq='agency:seoul')['count']}건" in seoul_count
    assert record["organization"]["title"] in tree.get_text()
    searched = _soup(app, f"/organization/?q={department['title']}")
    assert searched.select_one("#agency-tree") is None and department["title"] in searched.get_text()


def test_the_agency_tree_folds_and_unfolds_in_a_browser(live_server, browser, plaza):
    office = factories.Organization(name="tree-office", title="시험정책실", extras=[
        {"key": "parent_agency", "value": agency_name(SEOUL)}, {"key": "agency_type", "value": "본청"}])
    factories.Organization(title="시험정책과", extras=[{"key": "parent_agency", "value": office["name"]}])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/organization/")
    group = page.locator("#agency-tree details details").first        # 본청 실·국·본부 under 서울특별시, folded
    assert "본청 실·국·본부" in group.locator(":scope > summary").inner_text()
    office_item = group.locator(":scope > ul > li").first
    assert not office_item.is_visible()
    group.locator(":scope > summary").click()
    assert office_item.is_visible() and "시험정책실" in office_item.inner_text()
    office_item.locator("summary").click()
    assert office_item.locator("a", has_text="시험정책과").is_visible()
    screenshot(page, "organization-tree")
