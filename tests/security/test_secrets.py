"""Issue 17, Low: ``SECRET_KEY`` was the sysadmin's password, and config/ckan.ini
(with the sysadmin's token) and .local/secret were world-readable.

bin/setup's own functions run here in a temporary root (bin/lib.sh beside a
copy of the template), from the state an older install left: independent
secrets, files only root reads, idempotent. Then the account step
(``ckan seoulplaza sysadmin``) on the test database moves that install's
admin to the new secrets: its old password and token stop working, and the
stored token is rewritten and works.
"""
from __future__ import annotations

import configparser
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from ckan import model
from ckan.tests import factories

from ckanext.seoulplaza.sysadmin_account import ensure_sysadmin

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("secret_key", "jwt_secret", "admin.password")
LEGACY = "legacy-one-secret-for-everything"


@pytest.fixture
def install(tmp_path):
    """A temporary root with bin/lib.sh and the template, as an older bin/setup
    left it: one secret in a world-readable .local/secret and ckan.ini."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "config").mkdir()
    shutil.copy(ROOT / "bin" / "lib.sh", tmp_path / "bin" / "lib.sh")
    shutil.copy(ROOT / "config" / "ckan.ini.tmpl", tmp_path / "config" / "ckan.ini.tmpl")
    (tmp_path / ".local").mkdir()
    (tmp_path / ".local" / "secret").write_text(LEGACY)
    (tmp_path / "config" / "ckan.ini").write_text(f"SECRET_KEY = {LEGACY}\n")
    for path in (tmp_path / ".local" / "secret", tmp_path / "config" / "ckan.ini"):
        path.chmod(0o644)
    return tmp_path


def run_setup_steps(root: Path) -> None:
    subprocess.run(["bash", "-c", f'source "{root}/bin/lib.sh"; ensure_secrets; write_ckan_ini'],
                   check=True, capture_output=True)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _app_main(root: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(root / "config" / "ckan.ini", encoding="utf-8")
    return parser["app:main"]


def test_setup_writes_independent_secrets_only_root_reads(install):
    run_setup_steps(install)
    local = install / ".local"
    values = {name: (local / name).read_text().strip() for name in SECRETS}
    assert not (local / "secret").exists()
    assert all(len(value) >= 32 for value in values.values()), values
    assert len(set(values.values()) | {LEGACY}) == len(SECRETS) + 1
    assert {name: _mode(local / name) for name in SECRETS} == dict.fromkeys(SECRETS, 0o600)
    assert _mode(install / "config" / "ckan.ini") == 0o600

    ini = _app_main(install)
    assert ini["SECRET_KEY"] == values["secret_key"]
    assert ini["api_token.jwt.encode.secret"] == ini["api_token.jwt.decode.secret"] == f"string:{values['jwt_secret']}"
    assert values["admin.password"] not in (install / "config" / "ckan.ini").read_text()


def test_setup_keeps_its_secrets_when_run_again(install):
    run_setup_steps(install)
    first = {name: (install / ".local" / name).read_text() for name in SECRETS}
    (install / ".local" / "jwt_secret").chmod(0o644)  # loosened by hand: tightened again
    run_setup_steps(install)
    assert {name: (install / ".local" / name).read_text() for name in SECRETS} == first
    assert _mode(install / ".local" / "jwt_secret") == 0o600
    assert _app_main(install)["SECRET_KEY"] == first["secret_key"].strip()


def _as_sysadmin(app, token: str) -> int:
    """The status of a sysadmin-only API call made with ``token``."""
    return app.get("/api/3/action/config_option_list", headers={"Authorization": token}).status_code


@pytest.mark.usefixtures("clean_db")
def test_an_older_install_moves_to_the_new_secrets(app, ckan_config, monkeypatch, tmp_path):
    for key in ("api_token.jwt.encode.secret", "api_token.jwt.decode.secret"):
        monkeypatch.setitem(ckan_config, key, f"string:{LEGACY}")
    token_file = tmp_path / "sysadmin.token"
    factories.Sysadmin(name="admin", password=LEGACY)
    assert ensure_sysadmin("admin", "admin@seoulplaza.local", LEGACY, token_file)
    old_token = token_file.read_text().strip()
    assert _as_sysadmin(app, old_token) == 200

    new_password = "a-new-independent-password-123"
    for key in ("api_token.jwt.encode.secret", "api_token.jwt.decode.secret"):
        monkeypatch.setitem(ckan_config, key, "string:a-new-independent-token-key")
    assert ensure_sysadmin("admin", "admin@seoulplaza.local", new_password, token_file)

    admin = model.User.get("admin")
    assert admin.sysadmin and admin.validate_password(new_password) and not admin.validate_password(LEGACY)
    new_token = token_file.read_text().strip()
    assert new_token != old_token and _mode(token_file) == 0o600
    assert _as_sysadmin(app, new_token) == 200
    assert _as_sysadmin(app, old_token) == 403
    for key in ("api_token.jwt.encode.secret", "api_token.jwt.decode.secret"):
        monkeypatch.setitem(ckan_config, key, f"string:{LEGACY}")
    assert _as_sysadmin(app, old_token) == 403  # revoked, not only unverifiable


@pytest.mark.usefixtures("clean_db")
def test_a_working_token_is_kept(app, tmp_path):
    token_file = tmp_path / "sysadmin.token"
    assert ensure_sysadmin("admin", "admin@seoulplaza.local", "password-1234567", token_file)
    token = token_file.read_text()
    token_file.chmod(0o644)
    assert not ensure_sysadmin("admin", "admin@seoulplaza.local", "password-1234567", token_file)
    assert token_file.read_text() == token and _mode(token_file) == 0o600
    assert _as_sysadmin(app, token.strip()) == 200
