"""The CKAN image's Dockerfile: lint-clean (dockerfile-utils, the linter of
VS Code's Docker support) and built from the official CKAN 2.11 image with
everything the project installs."""
from __future__ import annotations

import ast
import json
import re
import subprocess

import pytest

from .compose import DOCKER

ROOT = DOCKER.parent
DOCKERFILE = DOCKER / "ckan" / "Dockerfile"
LINTER = ROOT / "node_modules" / ".bin" / "dockerfile-utils"


def _lint(path):
    if not LINTER.exists():
        pytest.fail("dockerfile-utils is missing: bin/test installs it (npm ci)")
    done = subprocess.run([str(LINTER), "lint", "--json", str(path)], capture_output=True, text=True)
    return json.loads(done.stdout or "[]")


def test_the_dockerfile_lints_clean():
    assert _lint(DOCKERFILE) == []


def test_the_linter_finds_problems(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("RUN echo hi\nEXPOSE port\nFROM debian\nMAINTAINER me\n")
    assert len(_lint(bad)) == 3


def test_the_image_builds_on_the_official_ckan_211_image():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^ARG CKAN_BASE_IMAGE=ckan/ckan-base:2\.11\.\d+$", text, re.M)
    assert re.search(r"^FROM \$\{CKAN_BASE_IMAGE\}$", text, re.M)
    assert re.findall(r"^USER (\S+)$", text, re.M)[-1] == "ckan"  # not root at run time


def test_the_image_holds_every_package_setup_py_installs():
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    package_dir = next(ast.literal_eval(k.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
                       for k in node.keywords if k.arg == "package_dir")
    copies = re.findall(r"^COPY (?!--from)(.+)$", DOCKERFILE.read_text(encoding="utf-8"), re.M)
    copied = {source for line in copies for source in line.split()[:-1]}
    for folder in package_dir.values():
        assert folder.split("/")[0] in copied, f"{folder} (setup.py) is not copied into the image"
    for needed in ("requirements.txt", "config/ckan.ini.tmpl", "docker/ckan"):
        assert needed in copied, needed


@pytest.mark.parametrize("script", ["ckan/entrypoint.sh", "postgres/init-seoulplaza.sh", "postgres/replica.sh"])
def test_the_container_scripts_parse_and_are_executable(script):
    path = DOCKER / script
    assert subprocess.run(["bash", "-n", str(path)], capture_output=True).returncode == 0
    assert path.stat().st_mode & 0o111
