"""A reload that fails leaves the previous table as it was.

xloader empties the table of a resource (TRUNCATE, or DROP when the columns
changed) before it loads the new file, so a new file that failed to load left
the resource "active" with no rows, and the old rows gone. Here, within an
xloader job (``jobs.xloader_data_into_datastore_`` wrapped), the first time
xloader would empty the table it is set aside instead: renamed to
``<resource id>__previous`` with its indexes (renamed too, their names kept
in their comments, since CKAN's index names are global). xloader then creates
and loads a new table as for a first load. When the job

* succeeds, the previous table is dropped (views made on it by
  ``datastore_create``'s ``aliases`` are made again on the new table);
* fails, in one transaction the half-loaded table is dropped and the previous
  one renamed back, indexes and all; a first load that fails leaves no table
  and the resource inactive. The job's error (xloader's status, shown to the
  resource's stewards on its page) says, in Korean, that the previous table
  stays and why the load failed.

A previous table left by a job that died mid-way is restored when the next
job for the resource starts. Outside xloader jobs (the harvest, the API)
nothing changes.
"""
from __future__ import annotations

import functools
import logging
import threading
from typing import Any, Optional

import sqlalchemy as sa

log = logging.getLogger(__name__)

SUFFIX = "__previous"
_INDEX_SUFFIX = "_previous"
_MARK = "seoulplaza-previous-name:"
_job = threading.local()  # resource_id, previous (its set-aside table, or None) of this thread's job


def previous_name(resource_id: str) -> str:
    return f"{resource_id}{SUFFIX}"


def _engine() -> Any:
    from ckanext.datastore.backend.postgres import get_write_engine
    return get_write_engine()


def _exists(conn: Any, table: str) -> bool:
    return conn.execute(sa.text("SELECT to_regclass(:t) IS NOT NULL"), {"t": f'public."{table}"'}).scalar()


def _indexes(conn: Any, table: str) -> list[tuple[str, Optional[str]]]:
    """(index name, its comment) of each index of the table."""
    return list(conn.execute(sa.text(
        "SELECT i.relname, obj_description(i.oid, 'pg_class') FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(:t)"), {"t": f'public."{table}"'}))


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def set_aside(resource_id: str) -> None:
    """Rename the resource's table and its indexes out of the way (the
    table loaded next takes the names), unless one is set aside already:
    then the table is this job's own half-loaded one, and is dropped."""
    previous = previous_name(resource_id)
    with _engine().begin() as conn:
        conn.execute(sa.text("SET LOCAL lock_timeout = '15s'"))
        if not _exists(conn, resource_id):
            return
        if getattr(_job, "previous", None):
            conn.execute(sa.text(f"DROP TABLE {_ident(resource_id)} CASCADE"))
            return
        for index, _comment in _indexes(conn, resource_id):
            renamed = index[:63 - len(_INDEX_SUFFIX)] + _INDEX_SUFFIX
            conn.execute(sa.text(f"ALTER INDEX {_ident(index)} RENAME TO {_ident(renamed)}"))
            conn.execute(sa.text(f"COMMENT ON INDEX {_ident(renamed)} IS :c").bindparams(c=_MARK + index))
        conn.execute(sa.text(f"ALTER TABLE {_ident(resource_id)} RENAME TO {_ident(previous)}"))
    _job.previous = previous


def restore(resource_id: str) -> Optional[int]:
    """Drop the half-loaded table and rename the previous one back, in one
    transaction; the previous table's row count, or None when there was none
    (then the resource is marked inactive)."""
    previous = previous_name(resource_id)
    with _engine().begin() as conn:
        conn.execute(sa.text("SET LOCAL lock_timeout = '15s'"))
        had_previous = _exists(conn, previous)
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {_ident(resource_id)} CASCADE"))
        if had_previous:
            conn.execute(sa.text(f"ALTER TABLE {_ident(previous)} RENAME TO {_ident(resource_id)}"))
            for index, comment in _indexes(conn, resource_id):
                if comment and comment.startswith(_MARK):
                    original = comment[len(_MARK):]
                    conn.execute(sa.text(f"ALTER INDEX {_ident(index)} RENAME TO {_ident(original)}"))
                    conn.execute(sa.text(f"COMMENT ON INDEX {_ident(original)} IS NULL"))
            rows = conn.execute(sa.text(f"SELECT count(*) FROM {_ident(resource_id)}")).scalar()
    if not had_previous:
        from ckanext.xloader.utils import set_resource_metadata
        set_resource_metadata({"resource_id": resource_id, "datastore_active": False})
        return None
    return rows


def discard(resource_id: str) -> None:
    """Drop the previous table; views on it (DataStore aliases) are made again on the new one."""
    previous = previous_name(resource_id)
    with _engine().begin() as conn:
        if not _exists(conn, previous):
            return
        views = [row[0] for row in conn.execute(sa.text(
            "SELECT DISTINCT v.relname FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
            "JOIN pg_class v ON v.oid = r.ev_class WHERE d.refobjid = to_regclass(:t) AND v.relkind = 'v'"),
            {"t": f'public."{previous}"'})]
        conn.execute(sa.text(f"DROP TABLE {_ident(previous)} CASCADE"))
        for view in views:
            conn.execute(sa.text(f"CREATE VIEW {_ident(view)} AS SELECT * FROM {_ident(resource_id)}"))


def _in_job(emptying: Any) -> Any:
    """xloader's way of emptying a table, or within a job ``set_aside``."""
    def empty(resource_id: str) -> Any:
        if getattr(_job, "resource_id", None) == resource_id:
            return set_aside(resource_id)
        return emptying(resource_id)
    empty.seoulplaza = True  # type: ignore[attr-defined]
    return empty


def _keeping_previous(run: Any) -> Any:
    @functools.wraps(run)  # (inspect reads xloader's own source through it: tests/security/test_seams.py)
    def run_keeping_previous(input: dict[str, Any], job_dict: dict[str, Any], logger: Any) -> Any:
        from ckanext.xloader import jobs
        from ckanext.xloader.job_exceptions import JobError
        resource_id = input["metadata"]["resource_id"]
        with _engine().connect() as conn:
            left_over = _exists(conn, previous_name(resource_id))
        if left_over:
            restore(resource_id)
            logger.warning("이전 작업이 끝나지 못해 남긴 이전 표를 되살렸습니다.")
        _job.resource_id, _job.previous = resource_id, None
        try:
            result = run(input, job_dict, logger)
        except Exception as error:
            kept = restore(resource_id) if _job.previous else None
            if isinstance(error, jobs.RETRYABLE_ERRORS) and jobs.is_retryable_error(error):
                raise
            reason = str(error).strip() or type(error).__name__
            if kept is not None:
                message = f"새 파일을 표로 불러오지 못해 이전 표({kept:,}행)를 그대로 두었습니다. 까닭: {reason}"
            else:
                message = f"파일을 표로 불러오지 못했습니다. 까닭: {reason}"
            logger.error(message)
            raise JobError(message) from error
        else:
            if _job.previous:
                discard(resource_id)
            return result
        finally:
            _job.resource_id = _job.previous = None
    run_keeping_previous.__doc__ = "xloader's job, with the previous table kept until the new one has loaded."
    run_keeping_previous.seoulplaza = True  # type: ignore[attr-defined]
    return run_keeping_previous


def install() -> None:
    """Wrap xloader's job and its two ways of emptying a table (idempotent)."""
    from ckanext.xloader import jobs, loader
    if getattr(jobs.xloader_data_into_datastore_, "seoulplaza", False):
        return
    jobs.xloader_data_into_datastore_ = _keeping_previous(jobs.xloader_data_into_datastore_)
    loader._clear_datastore_resource = _in_job(loader._clear_datastore_resource)
    loader.delete_datastore_resource = _in_job(loader.delete_datastore_resource)


def load_error(resource: dict[str, Any]) -> Optional[str]:
    """The error of the resource's last xloader job, for those who may edit
    the resource (None for others, or when the last load did not fail)."""
    import ckan.plugins.toolkit as tk
    try:
        tk.check_access("resource_update", {}, {"id": resource["id"]})
        status = tk.get_action("xloader_status")({"ignore_auth": True}, {"resource_id": resource["id"]})
    except (tk.NotAuthorized, tk.ObjectNotFound, KeyError):
        return None
    if status.get("status") != "error":
        return None
    error = (status.get("task_info") or {}).get("error")
    return (error.get("message") if isinstance(error, dict) else error) or None
