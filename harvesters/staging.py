"""Masked files between fetch and import, named by their content.

Fetch writes what it masked here; import moves copies into CKAN's resource
storage. Content addressing makes a re-fetch of an unchanged document free
and lets an interrupted run's import start again from what fetch left.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import ckan.plugins.toolkit as tk


def folder() -> Path:
    path = Path(tk.config["ckan.storage_path"]) / "seoulplaza" / "staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def put(data: bytes, suffix: str) -> str:
    """Store ``data``; returns its staged name."""
    name = f"{hashlib.sha256(data).hexdigest()}.{suffix}"
    path = folder() / name
    if not path.exists():
        partial = path.with_name(f".{name}.{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a reader sees the whole file or none
    return name


def read(name: str) -> bytes:
    return (folder() / name).read_bytes()
