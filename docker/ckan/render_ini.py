"""Render the container's ckan.ini from config/ckan.ini.tmpl and the environment.

The same template as the embedded portal (so the two cannot drift apart),
with the production settings the environment gives: database, DataStore,
Redis, Solr, site URL, storage, source systems, 응답소 and mail. Secrets come from
environment variables or, for Docker secrets, from the file a ``NAME_FILE``
variable names; none is ever written into an image or a compose file.

    python render_ini.py TEMPLATE OUTPUT
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Mapping

# Placeholders of the template that production fills (the rest are overridden below).
PLACEHOLDERS = {"@PORT@": "5000", "@ROOT@": "/srv/app/seoulplaza"}
REQUIRED = ("CKAN_SECRET_KEY", "CKAN_SITE_URL", "CKAN_DB_PASSWORD", "DATASTORE_READONLY_PASSWORD")


class MissingSetting(Exception):
    """A required environment variable is not set."""


def setting(env: Mapping[str, str], name: str, default: str | None = None) -> str:
    """``name`` from the environment, or from the file ``name_FILE`` points at (Docker secrets)."""
    if env.get(f"{name}_FILE"):
        return Path(env[f"{name}_FILE"]).read_text(encoding="utf-8").strip()
    value = env.get(name, default)
    if value is None:
        raise MissingSetting(f"environment variable {name} (or {name}_FILE) is required")
    return value


def production_options(env: Mapping[str, str]) -> dict[str, str]:
    """The options production sets, by the environment."""
    db_host = setting(env, "POSTGRES_HOST", "db")
    read_host = setting(env, "POSTGRES_READ_HOST", db_host)  # a read replica serves DataStore reads
    ckan_db, ckan_user = setting(env, "CKAN_DB", "ckan"), setting(env, "CKAN_DB_USER", "ckan")
    ds_db, ds_reader = setting(env, "DATASTORE_DB", "datastore"), setting(env, "DATASTORE_READONLY_USER", "datastore_ro")
    password, reader_password = setting(env, "CKAN_DB_PASSWORD"), setting(env, "DATASTORE_READONLY_PASSWORD")
    redis_host, redis_port = setting(env, "REDIS_HOST", "redis"), setting(env, "REDIS_PORT", "6379")
    secret = setting(env, "CKAN_SECRET_KEY")
    # API tokens' own signing key, so sessions and tokens can be replaced apart (else the session key)
    token_secret = setting(env, "CKAN_JWT_SECRET", "") or secret
    return {
        "ckan.site_url": setting(env, "CKAN_SITE_URL"),
        "SECRET_KEY": secret,
        "api_token.jwt.encode.secret": f"string:{token_secret}",
        "api_token.jwt.decode.secret": f"string:{token_secret}",
        "sqlalchemy.url": f"postgresql://{ckan_user}:{password}@{db_host}:5432/{ckan_db}",
        "ckan.datastore.write_url": f"postgresql://{ckan_user}:{password}@{db_host}:5432/{ds_db}",
        "ckan.datastore.read_url": f"postgresql://{ds_reader}:{reader_password}@{read_host}:5432/{ds_db}",
        "ckanext.xloader.jobs_db.uri": f"postgresql://{ckan_user}:{password}@{db_host}:5432/{ckan_db}",
        # xloader's jobs fetch uploads with this token (`ckan user token add <sysadmin> xloader`).
        "ckanext.xloader.api_token": setting(env, "XLOADER_API_TOKEN", "NOT_SET") or "NOT_SET",
        "ckan.redis.url": f"redis://{redis_host}:{redis_port}/0",
        "ckan.harvest.mq.hostname": redis_host,
        "ckan.harvest.mq.port": redis_port,
        "ckan.storage_path": "/var/lib/ckan",
        "cache_dir": "/tmp/ckan-cache",
        "ckanext.seoulplaza.search_backend": "solr",
        "solr_url": setting(env, "SOLR_URL", "http://solr:8983/solr/ckan"),
        "ckanext.seoulplaza.source_urls": setting(env, "SEOULPLAZA_SOURCE_URLS", ""),
        "ckanext.seoulplaza.demo_data_dir": "/srv/app/seoulplaza/data",
        # Participation: 응답소's API, and the city's mail relay for notices.
        "ckanext.seoulplaza.complaints_url": setting(env, "SEOULPLAZA_COMPLAINTS_URL", ""),
        "ckanext.seoulplaza.participation.desk_email": setting(env, "SEOULPLAZA_DESK_EMAIL", ""),
        "smtp.server": setting(env, "SMTP_SERVER", "localhost:25"),
        "smtp.starttls": setting(env, "SMTP_STARTTLS", "true"),
        "smtp.user": setting(env, "SMTP_USER", ""),
        "smtp.password": setting(env, "SMTP_PASSWORD", ""),
        "smtp.mail_from": setting(env, "SMTP_MAIL_FROM", "noreply@localhost"),
    }


def set_option(text: str, key: str, value: str) -> str:
    """Replace ``key = …`` (with its continuation lines) in [app:main], or add it there."""
    line = f"{key} = {value}".rstrip()
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*(?:\n[ \t]+\S.*)*", re.M)
    if pattern.search(text):
        return pattern.sub(lambda _m: line, text, count=1)
    return re.sub(r"^\[app:main\]\n", lambda m: m.group(0) + line + "\n", text, count=1, flags=re.M)


def render(template: str, env: Mapping[str, str]) -> str:
    missing = [name for name in REQUIRED if not (env.get(name) or env.get(f"{name}_FILE"))]
    if missing:
        raise MissingSetting("required environment variables are not set: " + ", ".join(missing))
    text = template
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    for key, value in production_options(env).items():
        text = set_option(text, key, value)
    leftover = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if leftover:
        raise MissingSetting(f"template placeholders left unfilled: {', '.join(leftover)}")
    return text


if __name__ == "__main__":
    template_path, output_path = sys.argv[1:3]
    try:
        rendered = render(Path(template_path).read_text(encoding="utf-8"), os.environ)
    except MissingSetting as e:
        sys.exit(f"render_ini: {e}")
    Path(output_path).write_text(rendered, encoding="utf-8")
    os.chmod(output_path, 0o600)  # it holds the secrets
