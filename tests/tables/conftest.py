import csv
import io

import pytest

from ckan.lib import jobs
from ckan.tests import factories, helpers

from tests.conftest import PLUGINS

# What a steward's spreadsheet of the 업무추진비 list looks like: Korean headers,
# one the plaza does not know (비고), CP949 as Korean Excel saves CSV.
HEADERS = ["관리번호", "부서명", "집행연도", "집행월", "집행일시", "장소", "집행목적", "대상", "결제방법", "금액(원)", "비고"]
SOURCE = ["nid", "dept_nm_full", "exec_yr", "exec_month", "exec_dt", "exec_loc", "exec_purpose", "target_nm",
          "payment_method", "exec_amount"]
PHONE = "010-9876-5432"
CP949_ONLY = "똠방각하 뷁"  # syllables EUC-KR lacks: decoded as EUC-KR they fail


@pytest.fixture
def expense_rows(seoul_data):
    """The real 업무추진비 rows as the steward's sheet has them; the first row's
    비고 holds a citizen's phone number, the second's a CP949-only place name."""
    path = next((seoul_data / "expense_list2020").glob("*.csv"))
    with path.open(encoding="utf-8", newline="") as f:
        rows = [[row[c] for c in SOURCE] + [""] for row in csv.DictReader(f)]
    rows[0][-1] = f"문의 {PHONE}"
    rows[1][5] = CP949_ONLY
    return rows


def csv_bytes(rows, encoding="cp949"):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def xloader_site(harvest_db, live_server, ckan_config, monkeypatch, create_with_upload, clean_redis, with_test_worker):
    """upload(content, filename): a steward uploads a table to a public 공공데이터
    record; xloader's job runs (in this process) against the live test app,
    as the portal's jobs worker does; returns the resource."""
    admin = factories.SysadminWithToken()
    monkeypatch.setitem(ckan_config, "ckanext.xloader.site_url", live_server)
    monkeypatch.setitem(ckan_config, "ckanext.xloader.api_token", admin["token"])
    org = factories.Organization()
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="업무추진비 집행내역",
                                department="재무과", production_date="2020-12-31", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="UPLOAD-1")

    def upload(content, filename, **kwargs):
        action = {"action": "resource_patch", "id": kwargs.pop("id")} if "id" in kwargs else \
            {"package_id": dataset["id"], "url": filename}
        resource = create_with_upload(content, filename, context={"user": admin["name"]}, **action, **kwargs)
        jobs.Worker(["default"]).work(burst=True)
        return resource

    return upload


PLUGINS_WITH_XLOADER = PLUGINS + " xloader"


def fields_of(resource_id):
    """{column id: (type, label)} of a DataStore table, ``_id`` left out."""
    info = helpers.call_action("datastore_info", id=resource_id)
    return {f["id"]: (f["type"], (f.get("info") or {}).get("label")) for f in info["fields"] if f["id"] != "_id"}


def rows_of(resource_id, **search):
    """The records ``datastore_search`` gives (up to 1,000)."""
    return helpers.call_action("datastore_search", resource_id=resource_id, limit=1000, **search)["records"]
