"""Nothing non-public reaches a citizen's page: not a private record (by
title, count, facet or neighbour) and not a masked value (by snippet, page or
download)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from ckan.tests import helpers

from ckanext.seoulplaza import demo

from harvesters.standins.seed import SECRET_NOTE
from tests.conftest import PLUGINS

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.usefixtures("with_plugins")]
SECRET_TITLE = "유출금지"


def _results(app, q):
    """The result list of a search (the search box echoes the query, so not the whole page)."""
    soup = BeautifulSoup(app.get(f"/dataset/?q={quote(q)}").body, "html.parser")
    return str(soup.select_one("ul.dataset-list") or "")


def test_a_private_record_is_on_no_page_and_in_no_count(app, plaza, private_record):
    assert helpers.call_action("package_search", q=SECRET_TITLE, include_private=True,
                               context={"ignore_auth": True})["count"] == 1  # it is indexed
    assert _results(app, SECRET_TITLE) == "" and _results(app, "비밀과-999") == ""
    pages = ["/", "/status", "/dataset/", "/sanction/", f"/sanction/{plaza.public}", "/organization/"]
    for url in pages:
        body = app.get(url).body
        assert SECRET_TITLE not in body and "비밀과-999" not in body, url
    front = app.get("/").body
    assert '<span>결재문서</span><span class="count">4</span>' in front
    status = app.get("/status").body
    assert private_record["organization"]["title"] not in status
    app.get(f"/sanction/{private_record['name']}", status=404)
    app.get(f"/disclosure-request?record={private_record['name']}", status=404)


def test_a_private_record_is_no_ones_neighbour(app, plaza, private_record):
    public = helpers.call_action("package_show", id=plaza.public)
    helpers.call_action("package_patch", id=private_record["id"], unit_task=public["unit_task"],
                        context=demo.site_context())
    body = app.get(f"/sanction/{plaza.public}").body
    assert SECRET_TITLE not in body


def test_masked_values_appear_in_no_snippet_page_or_download(app, plaza):
    assert plaza.planted, "the stand-in plants private values in the originals"
    names = [plaza.public, plaza.partial, plaza.withheld]
    pages = {name: app.get(f"/sanction/{name}").body for name in names}
    for value in plaza.planted:
        assert value not in _results(app, value), value
        for name, body in pages.items():
            assert value not in body, (name, value)
    secret = SECRET_NOTE.split("{n}")[0][:20]
    for name in names:
        record = helpers.call_action("package_show", id=name)
        for resource in record["resources"]:
            data = app.get(resource["url"].replace("http://test.ckan.net", "")).data
            assert secret.encode() not in data
            for value in plaza.planted:
                assert value.encode() not in data, (name, resource["resource_role"], value)
    assert secret not in _results(app, "협상 상대방")


def test_a_withheld_record_offers_nothing_to_download(app, plaza):
    record = helpers.call_action("package_show", id=plaza.withheld)
    assert record["resources"] == []
    body = app.get(f"/sanction/{plaza.withheld}").body
    assert "data-pdf-preview" not in body and "download" not in body.split('id="withholding-heading"')[1]
