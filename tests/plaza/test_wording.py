"""The plaza speaks its own words (issue 23, item 6) and each page has one
heading (item 8): every citizen's page, rendered by the real CKAN app over a
harvested plaza, in Korean (/) and in English (/en/), configured as the portal
is (config/ckan.ini.tmpl)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from ckan.tests import helpers

from tests.conftest import PLUGINS

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.ckan_config("ckan.site_title", "서울 정보소통광장"),
              pytest.mark.ckan_config("ckan.site_description", "서울시 행정정보 공개 플랫폼"),
              pytest.mark.ckan_config("ckan.site_logo", ""),
              pytest.mark.ckan_config("ckan.locales_offered", "ko_KR en"),
              pytest.mark.ckan_config("ckan.locale_order", "ko_KR en"),
              pytest.mark.usefixtures("with_plugins")]

# CKAN's words, and English, that a Korean page of the plaza must not show (seen on the pages before).
LEFTOVERS = ["데이터셋", "탐색", "리소스", "조직", "팔로워", "뷰 ", "포맷", "라이선스", "갖을", "CKAN",
             "Twitter", "Facebook", "Datastore active", "Has views", "Package id", "Position", "State",
             "Url type", "Mimetype", "Member", "Dataset", "Not Found", "Forbidden", "permission",
             "You might need", "Click here", "Open Definition", "Open Data", "(Health)", "(Welfare)",
             "published_pdf", "int4", "numeric", "timestamp"]
# Latin words a Korean page may show: formats, abbreviations, and the API's own names on the API guide.
LATIN_ALLOWED = {"PDF", "TXT", "CSV", "TSV", "JSON", "XML", "HTML", "URL", "API", "ISBN", "ISSN", "KiB", "MiB",
                 "TF", "English", "DataStore", "Lines", "GET", "POST", "fq", "rows", "start", "limit", "offset",
                 "JSONL", "format", "year", "success", "result", "type", "info", "label", "filters", "fields", "sort",
                 "all_fields", "true", "Action", "id",
                 "MTG"}  # the minutes system's meeting ids (MTG-20260801-00)


def _pages(plaza, private_record) -> dict[str, tuple[str, int]]:
    record = helpers.call_action("package_show", id=plaza.partial)
    table = helpers.call_action("package_search", fq="dataset_type:opendata")["results"][0]
    return {
        "front": ("/", 200), "search": ("/dataset/?q=민원", 200), "record": (f"/sanction/{plaza.partial}", 200),
        "withheld": (f"/sanction/{plaza.withheld}", 200), "meeting": (f"/meeting/{plaza.meetings['완료']}", 200),
        "resource": (f"/sanction/{plaza.partial}/resource/{record['resources'][0]['id']}", 200),
        "table": (f"/opendata/{table['name']}", 200),
        "table resource": (f"/opendata/{table['name']}/resource/{table['resources'][0]['id']}", 200),
        "agencies": ("/organization/", 200), "agency": (f"/organization/{record['organization']['name']}", 200),
        "themes": ("/group/", 200), "theme": ("/group/welfare", 200), "status": ("/status", 200),
        "api guide": ("/api-guide", 200), "dumps": ("/dumps", 200), "login": ("/user/login", 200),
        "404": ("/no-such-page", 404), "private record": (f"/dataset/{private_record['name']}", 404),
        "403": ("/dataset/new", 403),
    }


def _soup(app, path, status):
    return BeautifulSoup(app.get(path, status=status).body, "html.parser")


def _shown(soup) -> list[str]:
    """The page's text and the attributes people hear or see (title, aria-label,
    alt, placeholder), without scripts, code and the language menu's own names."""
    soup = BeautifulSoup(str(soup), "html.parser")
    for tag in soup(["script", "style", "code", "pre", "noscript"]):
        tag.decompose()
    for option in soup.select("#field-lang-select option"):
        option.decompose()
    texts = [" ".join(t.split()) for t in soup.find_all(string=True)
             if t.strip() and not isinstance(t, (Doctype, Comment))]
    texts += [el[a] for el in soup.find_all(True) for a in ("title", "aria-label", "alt", "placeholder") if el.get(a)]
    return texts


def test_korean_pages_show_no_ckan_or_english_leftovers_and_one_heading(app, plaza, private_record):
    pages = _pages(plaza, private_record)
    # the records' and agencies' own names are theirs (a factory names the private record's agency in English)
    names = {helpers.call_action("package_show", id=n)["title"] for n in (plaza.partial, plaza.withheld)}
    names.add(helpers.call_action("organization_show", id=private_record["owner_org"])["title"])
    found, headings = {}, {}
    for name, (path, status) in pages.items():
        for lang in ("", "/en"):
            soup = _soup(app, lang + path, status)
            headings[lang + path] = len(soup.find_all("h1"))
            if lang:
                continue
            shown = _shown(soup)
            words = [w for w in LEFTOVERS if any(w in t for t in shown)]
            latin = {w for t in shown if not re.match(r"https?://", t) and t not in names
                     for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", t)} - LATIN_ALLOWED
            if name == "api guide":  # the API (CKAN's) and its action and field names are the guide's subject
                latin = {w for w in latin if not re.fullmatch(r"[a-z_]+", w)} - {"CKAN"}
                words = [w for w in words if w != "CKAN"]
            if name.startswith("table"):  # the columns' romanised ids are the API's, shown beside their names
                latin = {w for w in latin if not re.fullmatch(r"[a-z_]+", w)}
            if words or latin:
                found[name] = (words, sorted(latin))
    assert found == {}, "\n".join(f"{name}: {words} {latin}" for name, (words, latin) in found.items())
    assert {path: n for path, n in headings.items() if n != 1} == {}


def test_pages_say_things_in_the_readers_language(app, plaza, private_record):
    pages = _pages(plaza, private_record)
    record, english_record = (_soup(app, lang + pages["record"][0], 200) for lang in ("", "/en"))
    assert record.select_one(".site-title").get_text(strip=True) == "서울 정보소통광장"
    assert english_record.select_one(".site-title").get_text(strip=True) == "Seoul Information Communication Plaza"
    assert english_record.title.get_text().endswith("Seoul Information Communication Plaza")
    facts = {dt_.get_text(strip=True): dt_.find_next("dd").get_text(" ", strip=True)
             for dt_ in english_record.select(".record-facts dt")}
    assert facts["Disclosure"] == "Partially public"
    assert "Partially public" in english_record.select_one("h1 .seoulplaza-class").get_text()
    assert record.select_one("h1 .seoulplaza-class").get_text(strip=True) == "부분공개"
    assert record.select(".social") == [] and record.select("a[href*='twitter.com'], a[href*='facebook.com']") == []

    errors = {name: (_soup(app, pages[name][0], pages[name][1]), _soup(app, "/en" + pages[name][0], pages[name][1]))
              for name in ("404", "private record", "403")}
    assert errors["404"][0].h1.get_text(strip=True) == "페이지를 찾을 수 없습니다"
    assert errors["404"][1].h1.get_text(strip=True) == "Page not found"
    assert "기록을 찾을 수 없거나 볼 권한이 없습니다" in errors["private record"][0].get_text()
    assert "Dataset not found or you have no permission" in errors["private record"][1].get_text()
    assert errors["403"][0].find("a", string="로그인하기") is not None

    more = _soup(app, pages["resource"][0], 200).select(".module-content table tbody th")
    assert [th.get_text(strip=True) for th in more] == [
        "데이터 수정일", "정보 수정일", "등록일", "형식", "이용조건", "자료 구분", "쪽수", "크기"]
    dictionary = _soup(app, pages["table resource"][0], 200).select(".accordion-header .col-4")
    kinds = {d.get_text(strip=True) for d in dictionary}
    assert kinds and kinds <= {"문자", "정수", "숫자", "날짜", "일시"} and "숫자" in kinds

    themes, english_themes = (_soup(app, lang + "/group/", 200) for lang in ("", "/en"))
    names = [h.get_text(strip=True) for h in themes.select(".media-heading")]
    assert len(names) == 12 and "건강" in names and not any("(" in n for n in names)
    assert "Health" in [h.get_text(strip=True) for h in english_themes.select(".media-heading")]
    assert {c.get_text(strip=True) for c in themes.select(".media-item .count")} >= {"기록 0건"}


def test_the_api_guides_scroll_areas_are_keyboard_stops_with_names(app, plaza):
    soup = _soup(app, "/api-guide", 200)
    areas = soup.select(".table-scroll, pre")
    assert len(areas) >= 4
    for area in areas:
        assert area.get("tabindex") == "0" and area.get("role") == "region"
        assert area.get("aria-label") or soup.find(id=area.get("aria-labelledby")) is not None
    types = [" ".join(td.get_text().split()) for td in soup.select("#datastore ~ div table tbody td:nth-child(2)")]
    assert "숫자 (numeric)" in types  # the word, with the API's type for developers


def test_dumps_have_korean_headers_grounds_in_words_and_seoul_times(app, plaza):
    from ckanext.seoulplaza import dumps
    dumps.write_type_dump("sanction")
    rows = list(csv.DictReader(io.StringIO((dumps.folder() / "sanction.csv").read_text(encoding="utf-8-sig"))))
    assert {"문서번호", "공개구분", "비공개 근거", "최종 수정 (서울 시각)", "기록 주소"} <= set(rows[0])
    assert not [h for h in rows[0] if re.fullmatch(r"[a-z_]+", h)]
    withheld = helpers.call_action("package_show", id=plaza.withheld)
    row = next(r for r in rows if r["기록 주소"].endswith(plaza.withheld))
    ground = withheld["nondisclosure_ground"]
    assert row["비공개 근거"].startswith(f"공공기관의 정보공개에 관한 법률 제9조 제1항 제{ground}호: ")
    utc = dt.datetime.fromisoformat(withheld["metadata_modified"]).replace(tzinfo=dt.timezone.utc)
    assert row["최종 수정 (서울 시각)"] == utc.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M:%S")
    records = [json.loads(line) for line in (dumps.folder() / "sanction.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(r for r in records if r["name"] == plaza.withheld)["nondisclosure_ground"] == ground  # the API's form
    manifest = json.loads((dumps.folder() / "sanction.json").read_text(encoding="utf-8"))
    assert manifest["generated_at"].endswith("+09:00")
