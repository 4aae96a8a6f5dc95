"""Demo set-up around the harvest: the site context the loaders act in, the
agencies (``data/agencies.yaml`` plus the departments the expense list names)
and the four harvest sources pointing at the stand-in systems.

The records themselves come from harvesting the stand-ins (``harvesters/``),
which are seeded from the real Seoul lists.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterator, Optional

import ckan.plugins.toolkit as tk
from harvesters.mapping import expense_path

from .agencies import AgencyRegister, agencies_from_paths, maintained_agencies


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def load_agencies(context: dict[str, Any], expense_list: Optional[Path] = None) -> AgencyRegister:
    """The maintained agencies, then those the expense list's paths add (if given)."""
    register = AgencyRegister(context)
    listed = agencies_from_paths(expense_path(r) for r in read_csv(expense_list)) if expense_list else []
    for agency in maintained_agencies() + listed:
        register.ensure(agency)
    return register


def source_urls() -> dict[str, str]:
    """``ckanext.seoulplaza.source_urls``: harvester name=URL pairs."""
    pairs = tk.aslist(tk.config.get("ckanext.seoulplaza.source_urls"))
    return dict(pair.split("=", 1) for pair in pairs if "=" in pair)
