"""The ckan.ini the containers render from the environment has the shape the
tests use: every service, content and search option of test.ini, the same
schemas and presets, the portal's plugins, and production's values."""
from __future__ import annotations

import configparser
import importlib.util

import pytest

from tests.conftest import PLUGINS

from .compose import DOCKER, example_env

ROOT = DOCKER.parent
# Options only the test configuration sets (fixtures, test switches, CKAN's test defaults).
TEST_ONLY = {
    "debug", "ckan.site_id", "ckan.site_title", "ckan.harvest.mq.redis_db",
    "ckan.auth.user_create_organizations", "ckan.auth.user_create_groups", "ckan.auth.create_user_via_api",
    "ckan.auth.create_user_via_web", "ckan.auth.create_dataset_if_not_in_organization",
    "ckan.auth.anon_create_dataset", "ckan.auth.user_delete_groups", "ckan.auth.user_delete_organizations",
    "ckan.auth.create_unowned_dataset", "ckan.cache_validation_enabled", "ckan.cache_enabled",
    "wtf_csrf_enabled", "ckan.locale_default", "ckan.datasets_per_page", "ckan.extra_resource_fields",
    "smtp.test_server", "smtp.mail_from",
}


def _render_ini_module():
    spec = importlib.util.spec_from_file_location("render_ini", DOCKER / "ckan" / "render_ini.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_ini = _render_ini_module()


def _parse(text):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.read_string(text)
    return parser


def _rendered(env=None):
    template = (ROOT / "config" / "ckan.ini.tmpl").read_text(encoding="utf-8")
    return render_ini.render(template, example_env() if env is None else env)


def test_it_sets_every_option_the_tests_configure():
    rendered, tests = _parse(_rendered())["app:main"], _parse((ROOT / "test.ini").read_text())["app:main"]
    missing = sorted(set(tests) - set(rendered) - TEST_ONLY)
    assert missing == []
    for key in ("scheming.dataset_schemas", "scheming.presets", "ckan.harvest.mq.type"):
        assert rendered[key].split() == tests[key].split(), key


def test_it_loads_the_portals_plugins():
    plugins = _parse(_rendered())["app:main"]["ckan.plugins"].split()
    assert set(PLUGINS.split()) <= set(plugins)
    assert plugins.index("seoulplaza") < plugins.index("scheming_datasets")  # our templates first


def test_it_points_at_the_production_services():
    env = dict(example_env(), POSTGRES_READ_HOST="db-replica")
    app = _parse(_rendered(env))["app:main"]
    assert app["ckanext.seoulplaza.search_backend"] == "solr"
    assert app["solr_url"] == "http://solr:8983/solr/ckan"
    assert app["sqlalchemy.url"] == f"postgresql://ckan:{env['CKAN_DB_PASSWORD']}@db:5432/ckan"
    assert app["ckan.datastore.read_url"].endswith("@db-replica:5432/datastore")
    assert app["ckan.redis.url"] == "redis://redis:6379/0" and app["ckan.harvest.mq.hostname"] == "redis"
    assert app["ckan.site_url"] == env["CKAN_SITE_URL"] and app["ckan.storage_path"] == "/var/lib/ckan"
    assert app["ckanext.seoulplaza.source_urls"].split() == env["SEOULPLAZA_SOURCE_URLS"].split()
    assert "@" not in app["licenses_group_url"] and app["licenses_group_url"].endswith("/config/licenses.json")


def test_a_missing_secret_is_named():
    env = {k: v for k, v in example_env().items() if k != "CKAN_SECRET_KEY"}
    with pytest.raises(render_ini.MissingSetting, match="CKAN_SECRET_KEY"):
        _rendered(env)


def test_secrets_can_come_from_docker_secret_files(tmp_path):
    secret = tmp_path / "db_password"
    secret.write_text("from-a-secret-file\n")
    env = {k: v for k, v in example_env().items() if k != "CKAN_DB_PASSWORD"}
    env["CKAN_DB_PASSWORD_FILE"] = str(secret)
    assert ":from-a-secret-file@db:5432/ckan" in _parse(_rendered(env))["app:main"]["sqlalchemy.url"]


def test_api_tokens_have_their_own_key_when_given():
    apart = _parse(_rendered({**example_env(), "CKAN_JWT_SECRET": "token-key"}))["app:main"]
    assert apart["api_token.jwt.encode.secret"] == apart["api_token.jwt.decode.secret"] == "string:token-key"
    assert apart["SECRET_KEY"] != "token-key"
    shared = _parse(_rendered({**example_env(), "CKAN_JWT_SECRET": ""}))["app:main"]
    assert shared["api_token.jwt.decode.secret"] == f"string:{shared['SECRET_KEY']}"
