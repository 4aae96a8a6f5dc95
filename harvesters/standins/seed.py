"""What each stand-in system holds: the real Seoul lists as the records those
systems exported, with document bodies, tables and the missing record kinds
from deterministic generators (``masking.corpus``: planted personal data and
marked non-public sections). Same data folder and day, same records and bytes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path
from typing import Any, Callable, Iterator

from masking.corpus import Document, Generator

from .files import docx, html_page, hwpx, reportlab_pdf
from .store import Store

LISTS = {  # record kind -> the real Seoul list its records come from
    "sanction": "info_list2021/20210104_20210110_info_list2.csv",
    "proactive": "public_list2020/20201101_20201130_public_list.csv",
    "research": "research_list2020/20201101_20201130_research_list.csv",
    "expense": "expense_list2020/202012_expense_list.csv",
}
SYSTEMS = {  # stand-in name -> the source system it stands in for
    "edms": "업무관리시스템", "minutes": "회의록관리시스템", "budget": "예산관리시스템", "admin": "내부행정시스템"}
FORMATS = ("pdf", "docx", "hwpx", "html")
SECRET_NOTE = "내부 검토 의견: 협상 상대방과의 단가 조정 전략 {n}안은 계약 체결 전까지 외부에 알리지 않는다."
EXPENSE_COLUMNS = [
    ("nid", "text", "사전정보공표 관리번호"), ("title", "text", "게시물 제목"), ("url", "text", "게시물 URL"),
    ("dept_nm_lvl_1", "text", "부서 1단계"), ("dept_nm_lvl_2", "text", "부서 2단계"),
    ("dept_nm_lvl_3", "text", "부서 3단계"), ("dept_nm_lvl_4", "text", "부서 4단계"),
    ("dept_nm_lvl_5", "text", "부서 5단계"), ("exec_yr", "int", "집행연도"), ("exec_month", "int", "집행월"),
    ("dept_nm_full", "text", "부서명"), ("exec_dt", "timestamp", "집행일시"), ("exec_loc", "text", "장소"),
    ("exec_purpose", "text", "집행목적"), ("target_nm", "text", "대상"),
    ("payment_method", "text", "결제방법"), ("exec_amount", "numeric", "금액(원)"),
]
COMMITTEES = [("도시계획위원회", "도시계획과"), ("청년정책위원회", "청년정책과"), ("예산정책협의회", "예산담당관"),
              ("주거정책심의위원회", "주택정책과"), ("안전관리위원회", "안전총괄과"), ("정보공개심의회", "정보공개정책과")]
AGENDAS = ["용도지역 변경 결정안 심의", "청년수당 지원 기준 개정", "추가경정예산 편성 방향", "공공임대주택 공급 계획",
           "겨울철 제설 대책 점검", "정보공개 청구 이의신청 심의", "도시재생 활성화 지역 지정", "청년 주거비 지원 확대"]
PROJECTS = ["청년수당 지원", "공공자전거 따릉이 운영", "제설 장비 구입", "도시재생 뉴딜사업", "한강공원 정비",
            "어린이집 확충", "공공와이파이 구축", "노후 상수관 교체", "미세먼지 저감 사업", "정보공개시스템 고도화"]
PRESS_TITLES = ["서울시, 청년수당 지원 대상 확대", "한강공원 야간 안전 순찰 강화", "따릉이 신규 대여소 200곳 설치",
                "겨울철 제설 대책 본격 가동", "정보소통광장 결재문서 공개 확대", "공공임대주택 입주자 모집",
                "미세먼지 비상저감조치 시행", "어린이 보호구역 안전 점검 결과"]


def read_list(data_dir: Path, kind: str) -> list[dict[str, str]]:
    with (data_dir / LISTS[kind]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _stamp(day: str, i: int) -> str:
    """A deterministic modification time: the record's day plus its position."""
    moment = dt.datetime.fromisoformat(day[:10]) + dt.timedelta(hours=9, seconds=i)
    return moment.replace(tzinfo=dt.timezone.utc).isoformat()


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _render(fmt: str, title: str, text: str) -> Callable[[], bytes]:
    lines = _lines(text)
    return {"pdf": lambda: reportlab_pdf(lines), "docx": lambda: docx(lines),
            "hwpx": lambda: hwpx(lines), "html": lambda: html_page(title, lines)}[fmt]


def _attach(store: Store, record: dict[str, Any], fmt: str, doc: Document, extra_private=()) -> None:
    file_id = f"{record['id']}.{fmt}"
    record["attachments"] = [{"id": file_id, "name": f"{record['fields'].get('title') or record['id']}.{fmt}",
                              "format": fmt.upper()}]
    store.add(record, {file_id: _render(fmt, record["fields"].get("title", ""), doc.text)},
              doc.private + list(extra_private))


def _public() -> dict[str, Any]:
    return {"class": "공개", "ground": None, "opens_on": None, "nonpublic": []}


def approval_system(data_dir: Path, today: dt.date) -> Store:
    """업무관리시스템: 결재문서 with approval metadata and one attachment each.
    The list says which are 부분공개/비공개; the system also knows the ground,
    the opening date and, for 부분공개, which section it withholds."""
    store = Store(SYSTEMS["edms"])
    for i, row in enumerate(read_list(data_dir, "sanction")):
        rng = random.Random(f"edms-{row['package_id']}")
        day = f"{row['doc_prdctn_dt'][:4]}-{row['doc_prdctn_dt'][4:6]}-{row['doc_prdctn_dt'][6:8]}"
        fields = dict(row, approval_date=day, approval_line=f"기안 {row['writer']} → 검토 팀장 → 결재 {row['rspnber_dept_nm']}장")
        doc = Generator(rng.randrange(2**31), titles=[row["title"]]).document()
        disclosure, secret = _public(), []
        klass = row["othbc_se"] or "공개"
        if klass != "공개":
            ground = rng.choice([5, 6, 7])
            opens = dt.date(int(day[:4]) + rng.choice([4, 5, 10]), int(day[5:7]), int(day[8:10]))
            disclosure = {"class": klass, "ground": ground, "opens_on": opens.isoformat() if ground == 5 else None,
                          "nonpublic": []}
            if klass == "부분공개":
                note = SECRET_NOTE.format(n=i)
                doc.text += note + "\n"
                disclosure["nonpublic"] = [{"text": note, "ground": ground}]
                secret = [("nonpublic", note)]
        record = {"id": row["package_id"], "kind": "sanction", "modified_at": _stamp(day, i),
                  "fields": fields, "disclosure": disclosure}
        _attach(store, record, FORMATS[i % len(FORMATS)], doc, secret)
    return store


def minutes_system(data_dir: Path, today: dt.date) -> Store:
    """회의록관리시스템: meetings from four months back to six weeks ahead.
    Held meetings carry minutes (with a member of the public who spoke) and a
    video link; yesterday's is 진행 (minutes not yet filed); later ones 예정."""
    store = Store(SYSTEMS["minutes"])
    for k in range(24):
        committee, department = COMMITTEES[k % len(COMMITTEES)]
        offset = -120 + 7 * k
        day = today + dt.timedelta(days=offset)
        status = "완료" if offset < -1 else "진행" if offset == -1 else "예정"
        agenda = AGENDAS[k % len(AGENDAS)]
        record_id = f"MTG-{day:%Y%m%d}-{k:02d}"
        fields = {"title": f"{committee} {day.year}년 제{k // len(COMMITTEES) + 1}차 회의", "committee": committee,
                  "department": department, "official": "간사 주무관", "meeting_datetime": f"{day}T14:00:00",
                  "meeting_place": "서울시청 본관 8층 다목적홀", "agenda": agenda, "meeting_status": status,
                  "video_url": f"https://tv.seoul.go.kr/vod/{record_id}" if status == "완료" else None}
        announced = min(day - dt.timedelta(days=14), today - dt.timedelta(days=7))
        record = {"id": record_id, "kind": "meeting", "modified_at": _stamp(str(announced), k),
                  "fields": fields, "disclosure": _public(), "attachments": []}
        if status == "완료":
            record["modified_at"] = _stamp(str(day + dt.timedelta(days=1)), k)
            doc = Generator(k, titles=[agenda]).meeting_minutes(committee, agenda)
            _attach(store, record, FORMATS[k % len(FORMATS)], doc)
        else:
            store.add(record)
    return store


def _csv(columns: list[str], rows: Iterator[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def budget_system(data_dir: Path, today: dt.date) -> Store:
    """예산관리시스템: 업무추진비 spendings (one record each, and the month as a
    table), 사업별 지출내역 per project, and the 예산설명서 with its table."""
    store = Store(SYSTEMS["budget"])
    rows = read_list(data_dir, "expense")
    for i, row in enumerate(rows):
        store.add({"id": f"{row['nid']}-{i:03d}", "kind": "expense", "modified_at": _stamp(row["exec_dt"], i),
                   "fields": row, "disclosure": _public(), "attachments": []})
    names = [name for name, _kind, _label in EXPENSE_COLUMNS]
    table_id = "expense-202012.csv"
    store.add({"id": "expense-2020-12", "kind": "table", "modified_at": _stamp("2021-01-05", 0),
               "fields": {"dataset_type": "opendata", "title": "업무추진비 집행내역 (2020년 12월)",
                          "department": "재무과", "production_date": "2020-12-31", "update_cycle": "월",
                          "theme": "세금재정", "tags": "업무추진비,재정정보",
                          "notes": "서울시 부서별 업무추진비 집행 건별 내역 (예산관리시스템)."},
               "disclosure": _public(), "attachments": [],
               "table": {"id": table_id, "name": "업무추진비 집행내역 2020-12",
                         "columns": [{"id": n, "type": t, "label": label} for n, t, label in EXPENSE_COLUMNS]}},
              {table_id: lambda: _csv(names, ([row.get(n, "") for n in names] for row in rows))})
    rng = random.Random("budget")
    for k, project in enumerate(PROJECTS * 3):
        budget = rng.randrange(50, 5000) * 1_000_000
        spent_day = dt.date(2020, 1 + k % 12, 1 + rng.randrange(28))
        store.add({"id": f"SP-2020-{k:03d}", "kind": "spending", "modified_at": _stamp(str(spent_day), k),
                   "fields": {"title": f"2020년 {project} 사업 지출내역 ({k // len(PROJECTS) + 1}분기)",
                              "project_name": project, "department": COMMITTEES[k % len(COMMITTEES)][1],
                              "fiscal_year": "2020", "budget_amount": str(budget),
                              "spent_amount": str(budget * rng.randrange(40, 100) // 100),
                              "spend_date": str(spent_day)},
                   "disclosure": _public(), "attachments": []})
    items = [[COMMITTEES[k % len(COMMITTEES)][1], project, rng.randrange(100, 90000) * 1000,
              rng.randrange(-30, 40)] for k, project in enumerate(PROJECTS * 6)]
    explanation = Generator(7, titles=["2021년도 예산설명서"]).document()
    record = {"id": "BUDGET-2021-GENERAL", "kind": "budget", "modified_at": _stamp("2020-12-20", 0),
              "fields": {"title": "2021년도 서울특별시 예산설명서 (일반회계)", "department": "예산담당관",
                         "fiscal_year": "2021", "account_type": "일반회계", "budget_stage": "본예산",
                         "production_date": "2020-12-20"},
              "disclosure": _public(),
              "table": {"id": "budget-2021.csv", "name": "2021년도 세출예산 사업별 내역",
                        "columns": [{"id": "dept", "type": "text", "label": "부서"},
                                    {"id": "project", "type": "text", "label": "사업명"},
                                    {"id": "amount", "type": "numeric", "label": "예산액(원)"},
                                    {"id": "change_pct", "type": "int", "label": "전년 대비 증감(%)"}]}}
    store.files["budget-2021.csv"] = lambda: _csv(["dept", "project", "amount", "change_pct"], iter(items))
    _attach(store, record, "pdf", explanation)
    return store


def admin_system(data_dir: Path, today: dt.date) -> Store:
    """내부행정시스템: 사전정보공표 and 정책연구자료 (the real lists, metadata
    only) and 보도자료 with their HTML bodies."""
    store = Store(SYSTEMS["admin"])
    for i, row in enumerate(read_list(data_dir, "proactive")):
        store.add({"id": row["nid"], "kind": "proactive", "fields": row, "attachments": [],
                   "modified_at": _stamp(f"{row['regist_dt'][:4]}-{row['regist_dt'][4:6]}-{row['regist_dt'][6:8]}", i),
                   "disclosure": _public()})
    for i, row in enumerate(read_list(data_dir, "research")):
        store.add({"id": row["nid"], "kind": "research", "fields": row, "attachments": [],
                   "modified_at": _stamp(f"{row['regist_dt'][:4]}-{row['regist_dt'][4:6]}-{row['regist_dt'][6:8]}", i),
                   "disclosure": _public()})
    for k, title in enumerate(PRESS_TITLES * 2):
        day = dt.date(2020, 11, 1) + dt.timedelta(days=2 * k)
        department = COMMITTEES[k % len(COMMITTEES)][1]
        record = {"id": f"PRESS-{day:%Y%m%d}-{k:02d}", "kind": "press", "modified_at": _stamp(str(day), k),
                  "fields": {"title": title if k < len(PRESS_TITLES) else f"{title} (후속)", "department": department,
                             "official": "홍보 담당 주무관", "released_at": f"{day}T06:00:00",
                             "contact_phone": f"02-2133-{5000 + k:04d}"},
                  "disclosure": _public()}
        _attach(store, record, "html", Generator(100 + k).press_release(record["fields"]["title"]))
    return store


BUILDERS: dict[str, Callable[[Path, dt.date], Store]] = {
    "edms": approval_system, "minutes": minutes_system, "budget": budget_system, "admin": admin_system}


def build(system: str, data_dir: Path, today: dt.date | None = None) -> Store:
    return BUILDERS[system](data_dir, today or dt.date.today())
