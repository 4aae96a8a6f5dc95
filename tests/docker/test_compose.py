"""The production compose files: valid against the Compose specification's
JSON schema, complete (every dependency, volume and health check in place)
and free of secrets. No Docker engine runs here; this is what can be checked."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from .compose import DOCKER, UnsetVariable, example_env, interpolate, load, project

ROOT = DOCKER.parent
# The Compose specification's schema (where it comes from: schema/README.md).
SCHEMA = Path(__file__).parent / "schema" / "compose-spec.json"
FILES = ["compose.yaml", "compose.solrcloud.yaml", "compose.replicas.yaml"]
VARIANTS = {"single": (), "solrcloud": ("compose.solrcloud.yaml",), "replicas": ("compose.replicas.yaml",),
            "both": ("compose.solrcloud.yaml", "compose.replicas.yaml")}
ONE_SHOT = {"solr-init"}
SECRET_NAMES = re.compile(r"PASSWORD|SECRET")


@pytest.fixture(scope="module")
def validator():
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", FILES)
def test_each_file_is_valid_compose(validator, name):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(load(name, example_env()))]
    assert errors == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_merges_into_a_valid_complete_project(validator, variant):
    model = project(example_env(), *VARIANTS[variant])
    assert list(validator.iter_errors(model)) == []
    services, volumes = model["services"], set(model.get("volumes") or {})
    for name, service in services.items():
        for dependency in service.get("depends_on") or {}:
            assert dependency in services, f"{name} depends on a missing service {dependency}"
        for mount in service.get("volumes") or []:
            source = mount.split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in volumes, f"{name} mounts an undeclared volume {source}"
            else:
                assert (DOCKER / source).resolve().exists(), f"{name} mounts a missing path {source}"
        if name not in ONE_SHOT:
            assert "healthcheck" in service, f"{name} has no health check"
            assert service.get("restart") == "unless-stopped", name


def test_the_roles_and_scaling_are_there():
    model = project(example_env())
    commands = {name: s.get("command") for name, s in model["services"].items()}
    assert {"ckan": ["web"], "worker": ["worker"], "gather": ["gather"], "fetch": ["fetch"],
            "scheduler": ["scheduler"]}.items() <= commands.items()
    assert model["services"]["worker"]["deploy"]["replicas"] == 2
    assert model["services"]["solr"]["environment"]["SOLR_MODULES"] == "analysis-extras"
    entrypoint = (DOCKER / "ckan" / "entrypoint.sh").read_text(encoding="utf-8")
    for role in ("web", "worker", "gather", "fetch", "scheduler"):
        assert re.search(rf"^\s+{role}\)", entrypoint, re.M), f"the entrypoint has no {role} role"


def test_solrcloud_runs_a_zookeeper_ensemble_and_a_sharded_collection():
    model = project(example_env(), "compose.solrcloud.yaml")
    services = model["services"]
    assert {"zoo1", "zoo2", "zoo3", "solr", "solr2", "solr3", "solr-init"} <= set(services)
    assert all(services[n]["environment"]["ZK_HOST"] == "zoo1:2181,zoo2:2181,zoo3:2181"
               for n in ("solr", "solr2", "solr3"))
    init = " ".join(services["solr-init"]["command"])
    assert "zk upconfig" in init and "action=CREATE" in init and "numShards=$SOLR_SHARDS" in init
    assert services["ckan"]["depends_on"]["solr-init"]["condition"] == "service_completed_successfully"


def test_read_replicas_serve_the_datastore_reads():
    model = project(example_env(), "compose.replicas.yaml")
    assert model["services"]["ckan"]["environment"]["POSTGRES_READ_HOST"] == "db-replica"
    assert "wal_level=replica" in model["services"]["db"]["command"]


@pytest.mark.parametrize("name", FILES)
def test_no_secret_is_written_in_a_compose_file(name):
    yaml_lines = (DOCKER / name).read_text(encoding="utf-8").splitlines()
    for line in yaml_lines:
        key, _, value = line.strip().partition(":")
        if SECRET_NAMES.search(key) and value.strip():
            assert value.strip().startswith("${"), f"{name}: {line.strip()}"
    assert yaml_lines


def test_the_secrets_are_required_not_defaulted():
    env = example_env()
    for secret in ("CKAN_SECRET_KEY", "POSTGRES_PASSWORD", "CKAN_DB_PASSWORD", "DATASTORE_READONLY_PASSWORD"):
        without = {k: v for k, v in env.items() if k != secret}
        with pytest.raises(UnsetVariable, match=secret):
            interpolate((DOCKER / "compose.yaml").read_text(encoding="utf-8"), without)


def test_the_env_example_holds_no_secret_values():
    for line in (DOCKER / ".env.example").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if SECRET_NAMES.search(key) and not line.startswith("#"):
            assert value == "", line
    assert "docker/.env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_the_schema_check_can_fail(validator):
    model = project(example_env())
    model["services"]["ckan"]["restart_policy"] = "always"   # not a Compose key
    model["services"]["worker"]["depends_on"] = "ckan"              # a list or a mapping
    messages = " ".join(e.message for e in validator.iter_errors(model))
    assert "'restart_policy' was unexpected" in messages and "'ckan' is not valid" in messages


def test_one_service_builds_the_image_the_other_roles_run():
    services = project(example_env())["services"]
    builders = [name for name, service in services.items() if "build" in service]
    assert builders == ["ckan"]
    image = services["ckan"]["image"]
    assert all(services[role]["image"] == image for role in ("worker", "gather", "fetch", "scheduler"))
