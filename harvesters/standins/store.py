"""A stand-in system's records: what its export serves and what tests change.

A record is a dict with ``id``, ``kind``, ``modified_at`` (UTC, ISO 8601),
``fields`` (the system's own columns), ``disclosure`` and ``attachments``; a
withdrawn record stays listed as a tombstone so incremental clients see it go.
Attachment bytes are built on first request from a recipe, so a system of
thousands of documents starts at once and serves the same bytes every time.
"""
from __future__ import annotations

import copy
import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Optional


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


@dataclass
class Store:
    system: str
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    # planted private values per record, for tests and benchmarks only (never served)
    planted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _built: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: dict[str, Any], files: Optional[dict[str, Callable[[], bytes]]] = None,
            planted: Optional[list[tuple[str, str]]] = None) -> None:
        record.setdefault("withdrawn", False)
        self.records[record["id"]] = record
        self.files.update(files or {})
        if planted:
            self.planted[record["id"]] = planted

    def listing(self, since: Optional[str]) -> list[dict[str, Any]]:
        """Entries modified at or after ``since``, oldest first (stable paging)."""
        chosen = [r for r in self.records.values() if since is None or r["modified_at"] >= since]
        chosen.sort(key=lambda r: (r["modified_at"], r["id"]))
        return [{"id": r["id"], "kind": r["kind"], "modified_at": r["modified_at"],
                 "withdrawn": r["withdrawn"]} for r in chosen]

    def record(self, record_id: str) -> Optional[dict[str, Any]]:
        record = self.records.get(record_id)
        return None if record is None or record["withdrawn"] else copy.deepcopy(record)

    def file(self, file_id: str) -> Optional[bytes]:
        with self._lock:
            if file_id not in self._built:
                recipe = self.files.get(file_id)
                if recipe is None:
                    return None
                self._built[file_id] = recipe()
            return self._built[file_id]

    # changes at the source (tests, demos) --------------------------------
    def change(self, record_id: str, **fields: Any) -> None:
        record = self.records[record_id]
        for key, value in fields.items():
            if key in ("disclosure", "attachments", "table"):
                record[key] = value
            else:
                record["fields"][key] = value
        record["modified_at"] = utc_now()

    def replace_file(self, file_id: str, data: bytes) -> None:
        with self._lock:
            self._built[file_id] = data
            self.files[file_id] = lambda: data

    def withdraw(self, record_id: str) -> None:
        self.records[record_id]["withdrawn"] = True
        self.records[record_id]["modified_at"] = utc_now()
