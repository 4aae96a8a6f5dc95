"""What xloader loads into the public DataStore: fetched under the outbound
policy, read from storage when uploaded, and masked either way.

xloader downloads a resource's file in its jobs (``jobs._download_resource_data``
and ``jobs.get_response``) with plain ``requests``: a linked URL could name an
internal system (SSRF), and what it returned went into the DataStore unmasked,
while the same file uploaded was masked. It offers no hook around the
download, so the plaza replaces those two functions (as ``tables.py`` wraps
its header naming; ``tests/security/test_seams.py`` fails if an upgrade moves
them):

* a linked URL is fetched with :func:`outbound.fetch` (public addresses only,
  on every redirect), and the table is masked (``uploads.mask_table``) before
  xloader reads it;
* an uploaded file (masked when it was stored) is read from CKAN's storage,
  not over HTTP from the portal itself — so no loopback exception is needed;
* users see the URL and the kind of failure, never addresses or tracebacks
  (``xloader_status`` is chained to drop xloader's traceback line).
"""
from __future__ import annotations

import hashlib
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import requests
from ckan.lib.uploader import get_resource_uploader

from .. import uploads
from . import outbound

CHUNK = 64 * 1024


def configure() -> None:
    """Replace xloader's download with the plaza's (idempotent)."""
    if not p.plugin_loaded("xloader"):
        return
    from ckanext.xloader import jobs
    if getattr(jobs._download_resource_data, "seoulplaza", False):
        return
    jobs._download_resource_data = _downloader(jobs._download_resource_data)
    jobs.get_response = get_response


def get_response(url: str, headers: dict[str, str]) -> requests.Response:
    """xloader's ``get_response(url, headers)`` under the outbound policy: a
    streamed response, HTTPError for an error status, and for any other
    failure a RequestException whose message is :func:`outbound.fetch_error`'s."""
    from ckanext.xloader import jobs
    kwargs: dict[str, Any] = {"headers": headers, "stream": True,
                              "timeout": (outbound.TIMEOUT[0], jobs.DOWNLOAD_TIMEOUT)}
    if jobs.ssl_verify is not None:
        kwargs["verify"] = jobs.ssl_verify
    try:
        response = outbound.fetch(url, **kwargs)
    except outbound.URLNotAllowed:
        raise
    except requests.RequestException as error:
        raise requests.RequestException(outbound.fetch_error(url, error)) from None
    response.raise_for_status()
    return response


def _downloader(download: Any) -> Any:
    def download_resource_data(resource: dict[str, Any], data: dict[str, Any], api_key: str, logger: Any) -> Any:
        """(temporary file, md5) of the table xloader is to load, masked."""
        from ckanext.xloader.job_exceptions import JobError
        if resource.get("url_type") == "upload":
            return _stored_copy(resource, data, logger)
        tmp_file, file_hash = download(resource, data, api_key, logger)
        try:
            _mask_in_place(tmp_file, resource, logger)
        except uploads.UploadRefused as error:
            tmp_file.close()
            raise JobError(f"{resource.get('url')}: {error}") from None
        return tmp_file, file_hash

    download_resource_data.seoulplaza = True  # type: ignore[attr-defined]
    download_resource_data.original = download  # type: ignore[attr-defined]
    return download_resource_data


def _stored_copy(resource: dict[str, Any], data: dict[str, Any], logger: Any) -> Any:
    """A temporary copy of an uploaded file from CKAN's storage, and its md5."""
    from ckanext.xloader import jobs
    path = get_resource_uploader(resource).get_path(resource["id"])
    tmp_file = jobs.get_tmp_file(resource.get("url") or path)
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as stored:
        while chunk := stored.read(CHUNK):
            tmp_file.write(chunk)
            digest.update(chunk)
    tmp_file.flush()
    tmp_file.seek(0)
    data["datastore_contains_all_records_of_source_file"] = True
    logger.info("Read the uploaded file from storage")
    return tmp_file, digest.hexdigest()


def _mask_in_place(tmp_file: Any, resource: dict[str, Any], logger: Any) -> None:
    """Mask the downloaded table (by its format) before xloader reads it."""
    tmp_file.seek(0)
    masked, found = uploads.mask_table(tmp_file.read(), resource.get("format") or "", resource.get("url") or "")
    tmp_file.seek(0)
    tmp_file.truncate()
    tmp_file.write(masked)
    tmp_file.flush()
    tmp_file.seek(0)
    logger.info("Masked before loading: %s", uploads.report(found))


@tk.chained_action
@tk.side_effect_free
def xloader_status(next_action: Any, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """xloader's status without the traceback line xloader adds to a job's
    error (the error's message stays)."""
    status = next_action(context, data_dict)
    detail = status.get("task_info") or {}
    error = detail.get("error")
    if isinstance(error, str):
        detail["error"] = _message_only(error)
    elif isinstance(error, dict) and isinstance(error.get("message"), str):
        error["message"] = _message_only(error["message"])
    return status


def _message_only(error: str) -> str:
    """``  File "…", line N, in f\\n    code\\nJobError('msg')`` → ``msg``."""
    last = error.strip().splitlines()[-1] if error.strip() else error
    for prefix in ("JobError(", "HTTPError(", "LoaderError(", "XLoaderTimeoutError("):
        if last.startswith(prefix) and last.endswith(")"):
            return last[len(prefix):-1].strip("'\"")
    return last


def ACTIONS() -> dict[str, Any]:
    return {"xloader_status": xloader_status} if p.plugin_loaded("xloader") else {}
