"""`ckan seoulplaza remask`: today's masking reaches records published before it.

Records are harvested from the 업무관리시스템 stand-in, then given what an older
release let through — a private name written with no role word, in the title,
the masked text file and a DataStore table — the way that release stored it:
through CKAN's actions with the harvest's "already masked" context, the file
put in place on disk. The command is run as the scheduler would run it.
"""
from pathlib import Path

import pytest
from ckan.lib.uploader import ResourceUpload
from ckan.tests import helpers
from ckanext.activity.model import Activity
from ckan import model
from pdfminer.high_level import extract_text

from ckanext.seoulplaza.cli import seoulplaza
from ckanext.seoulplaza.demo import site_context
from ckanext.seoulplaza.security import MASKED
from harvesters import run
from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "app")]

NAME, PHONE = "탁말순", "010-2345-6789"
LEAK = f"{NAME} 어르신 댁 방문, 연락처 {PHONE}"  # names before 어르신 leaked before issue 18


def _path(resource):
    return Path(ResourceUpload({}).get_path(resource["id"]))


def _as_an_old_release_stored(package_id):
    """The record with the leak in its title, its masked text and a DataStore table."""
    context = dict(site_context(), **{MASKED: True})
    dataset = helpers.call_action("package_show", id=package_id)
    helpers.call_action("package_patch", context=dict(context), id=package_id, title=f"{dataset['title']} ({LEAK})")
    original = next(r for r in dataset["resources"] if r["resource_role"] == "original")
    _path(original).write_bytes(_path(original).read_bytes() + f"\n면담 기록: {LEAK}\n".encode("utf-8"))
    table = helpers.call_action("datastore_create", context=dict(context), force=True,
                                resource={"package_id": package_id, "name": "면담 명단"},
                                fields=[{"id": "성명", "type": "text"}, {"id": "비고", "type": "text"}],
                                records=[{"성명": NAME, "비고": LEAK}, {"성명": "[성명]", "비고": "이상 없음"}])
    return original, table["resource_id"]


def test_remask_masks_what_an_older_release_published_and_reindexes(standin, cli):
    served = standin("edms", 2)
    assert run.run_source(served.source).created == 2
    fixed_id, bad_id = (f"sanction-{guid}" for guid in served.store.records)
    original, table_id = _as_an_old_release_stored(fixed_id)
    assert helpers.call_action("package_search", q=NAME)["count"] == 1
    bad = next(r for r in helpers.call_action("package_show", id=bad_id)["resources"]
               if r["resource_role"] == "original")
    _path(bad).write_bytes(b"\x00\xff\xfe" * 200)  # a file no reader can open: the pass names it and goes on

    dry = cli.invoke(seoulplaza, ["remask", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "dry run" in dry.output and "records checked 2, changed 1" in dry.output, dry.output
    assert NAME in helpers.call_action("package_show", id=fixed_id)["title"]

    result = cli.invoke(seoulplaza, ["remask", "--type", "sanction"])
    assert result.exit_code == 0, result.output
    assert "records checked 2, changed 1" in result.output and "성명" in result.output, result.output
    assert "failures 1" in result.output and bad_id in result.output, result.output

    dataset = helpers.call_action("package_show", id=fixed_id)
    assert NAME not in dataset["title"] and PHONE not in dataset["title"] and "[성명]" in dataset["title"]
    text = _path(original).read_text(encoding="utf-8")
    assert NAME not in text and PHONE not in text and "[휴대전화번호]" in text
    pdf = next(r for r in dataset["resources"] if r["resource_role"] == "published_pdf")
    assert NAME not in extract_text(str(_path(pdf))) and "[성명]" in extract_text(str(_path(pdf)))
    rows = helpers.call_action("datastore_search", resource_id=table_id, sort="_id")["records"]
    assert [(r["성명"], NAME in r["비고"]) for r in rows] == [("[성명]", False), ("[성명]", False)]
    assert helpers.call_action("package_search", q=NAME)["count"] == 0          # reindexed
    assert helpers.call_action("package_search", q="방문")["count"] == 1
    activities = model.Session.query(Activity).filter(Activity.object_id == dataset["id"]).all()
    assert not [a for a in activities if NAME in str(a.data)]                  # no old copy keeps it
    newest = max(activities, key=lambda a: a.timestamp)
    assert newest.data["message"].startswith("개인정보 가림 재적용") and "성명" in newest.data["message"]

    again = cli.invoke(seoulplaza, ["remask", "--organization", dataset["organization"]["name"]])
    assert again.exit_code == 0 and "changed 0" in again.output, again.output


def test_remask_refuses_an_unknown_organization(cli, clean_db):
    result = cli.invoke(seoulplaza, ["remask", "--organization", "no-such-agency"])
    assert result.exit_code != 0 and "no-such-agency" in result.output
