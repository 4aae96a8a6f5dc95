"""Which pages of a published document were withheld for a steward's review.

``masking.redact_document`` reads a PDF page by page: from its text layer, by
OCR, or — where OCR cannot read it with confidence — not at all; that page is
published as the notice "이미지 페이지 — 검토 후 공개" (``RedactionResult.
page_sources``, ``withheld_pages``). Both publishing paths (the harvest,
``harvesters.publish``, and a steward's upload, ``uploads``) keep the report on
the published resource in a compact form (``resource_fields``), declared in
every schema's ``resource_fields`` (``schemas/presets.yaml``):

* ``pages``: the published PDF's page count;
* ``pages_withheld``: the withheld pages, 1-based, ascending (``[3, 7]``);
* ``page_sources``: how the pages were read, ``text 12 · OCR 2 · withheld 1``.

Citizens see the page count and "일부 페이지(3, 7쪽)는 검토 후 공개됩니다"
(``citizen_line``); the record's stewards a notice per resource on the record
page (``steward_notices``), and ``ckan seoulplaza documents withheld`` lists
every resource awaiting review (``awaiting_review``).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Optional

FIELDS = ("pages", "pages_withheld", "page_sources")
# masking's page sources as the compact summary names them, in this order
SUMMARY_NAMES = {"text layer": "text", "OCR": "OCR", "withheld": "withheld"}


def resource_fields(result: Any) -> dict[str, Any]:
    """The resource fields for a ``masking.RedactionResult``: ``pages``
    always; ``pages_withheld`` and ``page_sources`` for a PDF read page by
    page (its ``page_sources``), empty list / "" for any other document."""
    counts = Counter(page.source for page in result.page_sources)
    summary = " · ".join(f"{short} {counts[source]}" for source, short in SUMMARY_NAMES.items()
                         if counts[source] or source == "text layer") if result.page_sources else ""
    return {"pages": result.pages, "pages_withheld": list(result.withheld_pages), "page_sources": summary}


def keep_report(current: dict[str, Any], resource: dict[str, Any]) -> None:
    """An edit of ``current`` into ``resource`` that leaves its file as it
    was keeps the page report the edit does not carry (the resource form has
    no such fields); one the edit sends is its own."""
    def file(r: dict[str, Any]) -> str:  # package_show gives an upload's full URL, the form its name
        return str(r.get("url") or "").rsplit("/", 1)[-1]

    if "url" not in resource or file(resource) == file(current):
        for key in FIELDS:
            if key not in resource and key in current:
                resource[key] = current[key]


def withheld_pages(resource: dict[str, Any]) -> list[int]:
    """The resource's withheld pages (``pages_withheld``: a list, or its JSON
    as an API client may have sent it); anything else is no page."""
    value = resource.get("pages_withheld")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    if not isinstance(value, list):
        return []
    return sorted({int(p) for p in value if isinstance(p, int) or (isinstance(p, str) and p.isdigit())})


def page_list(pages: Iterable[int]) -> str:
    """``3, 7``: page numbers as a sentence lists them."""
    return ", ".join(str(p) for p in pages)


def citizen_line(resource: dict[str, Any]) -> Optional[str]:
    """"일부 페이지(3, 7쪽)는 검토 후 공개됩니다", or None when no page is withheld."""
    import ckan.plugins.toolkit as tk

    pages = withheld_pages(resource)
    return tk._("Some pages ({pages}) will be published after review").format(pages=page_list(pages)) \
        if pages else None


def steward_notices(pkg: dict[str, Any]) -> list[str]:
    """For the record's stewards, one line per resource with withheld pages:
    its name, which pages of how many, and how its pages were read."""
    import ckan.plugins.toolkit as tk

    notices = []
    for resource in pkg.get("resources") or []:
        pages = withheld_pages(resource)
        if pages:
            notices.append(tk._("{name}: pages {pages} of {total} withheld for review ({sources})").format(
                name=resource.get("name") or resource["id"], pages=page_list(pages),
                total=resource.get("pages") or "?", sources=resource.get("page_sources") or ""))
    return notices


@dataclass(frozen=True)
class AwaitingReview:
    """One published resource with withheld pages: its record (name, title,
    organization name), the resource (id, name), the withheld pages and the
    published page count (None when not recorded)."""
    record: str
    title: str
    organization: str
    resource_id: str
    resource: str
    pages: list[int]
    total: Optional[int]


def awaiting_review() -> list[AwaitingReview]:
    """Every active resource of an active record that has withheld pages,
    by organization, record and resource name. Reads the database (resource
    extras), not the search index."""
    from ckan import model
    from sqlalchemy import UnicodeText, cast

    rows = (model.Session.query(model.Resource, model.Package, model.Group.name)
            .join(model.Package, model.Package.id == model.Resource.package_id)
            .outerjoin(model.Group, model.Group.id == model.Package.owner_org)
            .filter(model.Resource.state == "active", model.Package.state == "active",
                    cast(model.Resource.extras, UnicodeText).like('%"pages_withheld": [%')))
    found = []
    for resource, package, organization in rows:
        extras = resource.extras or {}
        pages = withheld_pages(extras)
        if pages:
            total = extras.get("pages")
            found.append(AwaitingReview(package.name, package.title or "", organization or "", resource.id,
                                        resource.name or "", pages, int(total) if str(total).isdigit() else None))
    return sorted(found, key=lambda r: (r.organization, r.record, r.resource))
