"""``ckan seoulplaza …`` commands."""
from __future__ import annotations

import time
from pathlib import Path

import click
import ckan.plugins.toolkit as tk
from ckan import model

from harvesters import run as harvest_run
from harvesters.standins.seed import LISTS

from . import demo, document_pages, dumps
from . import sysadmin_account
from .themes import ensure_theme_groups

__all__ = ["seoulplaza"]  # blanket.cli exports only these (click groups are not functions)


@click.group(short_help="Seoul Plaza commands")
def seoulplaza() -> None:
    """Seoul Plaza: demo data, harvests and scheduled disclosure."""


@seoulplaza.command("init")
def init() -> None:
    """A production site's groundwork (idempotent): the theme groups, the
    maintained agencies and one harvest source per configured source system;
    the scheduler then harvests them."""
    context = demo.site_context()
    click.echo(f"분야 (theme groups): {ensure_theme_groups(context)} created")
    click.echo(demo.load_agencies(context).line())
    sources = harvest_run.ensure_sources(demo.source_urls())
    click.echo(f"harvest sources: {', '.join(sources) or 'none (ckanext.seoulplaza.source_urls is empty)'}")


@seoulplaza.command("sysadmin")
@click.argument("name")
@click.option("--email", required=True, help="The account's e-mail address, when it is created.")
@click.option("--password-file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the password (kept off the command line, which every local user sees).")
@click.option("--token-file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where its API token is kept (mode 0600); rewritten when it no longer works.")
def sysadmin(name: str, email: str, password_file: Path, token_file: Path) -> None:
    """The sysadmin NAME with the password in PASSWORD_FILE and a working API
    token in TOKEN_FILE (idempotent; bin/setup runs it)."""
    written = sysadmin_account.ensure_sysadmin(name, email, password_file.read_text(encoding="utf-8").strip(),
                                            token_file)
    click.echo(f"sysadmin {name}: {'new API token written to' if written else 'API token kept in'} {token_file}")


@seoulplaza.group("dumps")
def dumps_group() -> None:
    """Whole-type downloads (CSV and JSON Lines) of the public records."""


@dumps_group.command("build")
@click.argument("types", nargs=-1)
@click.option("--now", is_flag=True, help="Write them in this process instead of queueing jobs.")
def dumps_build(types: tuple[str, ...], now: bool) -> None:
    """Queue (or, with --now, write) the dumps of TYPES (default: every type)."""
    wanted = list(types) or dumps.all_types()
    unknown = sorted(set(wanted) - set(dumps.all_types()))
    if unknown:
        raise click.ClickException(f"unknown information types: {', '.join(unknown)}")
    if not now:
        ids = dumps.enqueue(wanted)
        click.echo(f"queued {len(ids)} dump jobs for the jobs worker")
        return
    total = 0
    for dataset_type in wanted:
        manifest = dumps.write_type_dump(
            dataset_type, progress=lambda n, t=dataset_type: click.echo(f"\r  {t} {n}", nl=False))
        total += manifest["records"]
        click.echo(f"\r{dataset_type}: {manifest['records']} records "
                   f"({', '.join(f'{k} {v:,} bytes' for k, v in manifest['files'].items())})")
    click.echo(f"{len(wanted)} types, {total} records")


@seoulplaza.group("demo")
def demo_group() -> None:
    """Demo data from the real Seoul lists, through the stand-in source systems."""


@demo_group.command("load")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the Seoul lists (default: ckanext.seoulplaza.demo_data_dir).")
def demo_load(data_dir: Path | None) -> None:
    """Themes, agencies, one harvest source per stand-in system, then harvest them all (idempotent)."""
    data_dir = data_dir or Path(tk.config["ckanext.seoulplaza.demo_data_dir"])
    expense_list = data_dir / LISTS["expense"]
    if not expense_list.is_file():
        raise click.ClickException(f"missing demo file {expense_list}")
    context = demo.site_context()
    click.echo(f"분야 (theme groups): {ensure_theme_groups(context)} created")
    agencies = demo.load_agencies(context, expense_list)
    click.echo(agencies.line() + " (agencies and the departments the expense list names)")
    urls = demo.source_urls()
    if not urls:
        raise click.ClickException("ckanext.seoulplaza.source_urls names no source system")
    _run(harvest_run.ensure_sources(urls))


@seoulplaza.group("harvest")
def harvest_group() -> None:
    """Harvest the source systems (in process, with progress and a summary)."""


@harvest_group.command("run")
@click.argument("sources", nargs=-1)
def harvest_run_command(sources: tuple[str, ...]) -> None:
    """Harvest SOURCES (harvest source names; default: every source of ckanext.seoulplaza.source_urls)."""
    _run(list(sources) or harvest_run.ensure_sources(demo.source_urls()))


@seoulplaza.group("disclosure")
def disclosure_group() -> None:
    """Scheduled disclosure."""


@disclosure_group.command("open-due")
def open_due() -> None:
    """Publish as 공개 the records whose planned disclosure date has come (run daily, e.g. from cron)."""
    summaries = harvest_run.open_due(_progress("opening"))
    for summary in summaries:
        _report(summary)
    if not summaries:
        click.echo("no record is due for opening")


@seoulplaza.group("documents")
def documents_group() -> None:
    """Published documents and their pages."""


@documents_group.command("withheld")
def documents_withheld() -> None:
    """List the documents with pages withheld for a steward's review
    (published as "이미지 페이지 — 검토 후 공개"): organization, record,
    resource, the pages; then the counts."""
    found = document_pages.awaiting_review()
    for item in found:
        of = f" of {item.total}" if item.total else ""
        click.echo(f"{item.organization or '-'}\t{item.record}\t{item.resource} ({item.resource_id})\t"
                   f"pages {document_pages.page_list(item.pages)} ({len(item.pages)}{of} withheld)")
    click.echo(f"{len(found)} documents in {len({i.record for i in found})} records await review: "
               f"{sum(len(i.pages) for i in found)} pages withheld")


@seoulplaza.group("datastore")
def datastore_group() -> None:
    """DataStore tables."""


@datastore_group.command("reindex")
def datastore_reindex() -> None:
    """Index every DataStore table's rows anew for Korean search (words and
    bigrams): once, for tables written before the plaza indexed bigrams."""
    from .datastore_fulltext import reindex
    tables, rows = reindex(click.echo)
    click.echo(f"reindexed: {tables} tables, {rows:,} rows")


@seoulplaza.command("remask")
@click.option("--dry-run", is_flag=True, help="Count what would be masked; write nothing.")
@click.option("--type", "dataset_type", help="Only datasets of this information type (e.g. sanction).")
@click.option("--organization", help="Only datasets of this organization (name or id).")
def remask_command(dry_run: bool, dataset_type: str | None, organization: str | None) -> None:
    """Re-run today's masking over the published datasets' text, files and
    DataStore tables, writing only what changed (a masking fix never reaches
    records a harvest does not fetch again)."""
    from . import remask

    try:
        names = remask.dataset_names(dataset_type, organization)
    except tk.ObjectNotFound as e:
        raise click.ClickException(f"not found: {e}")
    summary = remask.remask(demo.site_context(), names, dry_run, _progress("remask"))
    click.echo(("dry run (nothing written): " if dry_run else "") + summary.line())
    for failure in summary.failures:
        click.echo(f"  failed {failure}", err=True)


@seoulplaza.group("search-index")
def search_index_group() -> None:
    """The search index against the database."""


@search_index_group.command("check")
@click.option("--repair", is_flag=True, help="Reindex missing and stale datasets and delete orphaned documents.")
def search_index_check(repair: bool) -> None:
    """Report every difference between the database and the search index —
    datasets missing from it, stale documents (changed, or without their
    harvest source), orphaned documents — and with --repair mend them. Exits
    with status 1 while a difference remains."""
    from . import index_check

    report = index_check.check(_counting())
    click.echo("", err=True)
    for package_id in report.missing:
        click.echo(f"missing {package_id}")
    for package_id, what in report.stale.items():
        click.echo(f"stale {package_id}: {what}")
    for package_id in report.orphaned:
        click.echo(f"orphaned {package_id}")
    click.echo(report.line())
    if repair and report.differences:
        index_check.repair(report, _counting())
        click.echo("", err=True)
        for failure in report.failed:
            click.echo(f"  failed {failure}", err=True)
        after = index_check.check()
        click.echo(f"repaired {report.repaired}, failed {len(report.failed)}; now: {after.line()}")
        report = after
    if report.differences:
        raise SystemExit(1)


@seoulplaza.group("nfc")
def nfc_group() -> None:
    """Stored text in one Unicode form (NFC), as the plaza now makes all text that enters it."""


@nfc_group.command("check")
@click.option("--repair", is_flag=True, help="Rewrite what was found in NFC and reindex the datasets it changes.")
def nfc_check(repair: bool) -> None:
    """Count the stored catalogue text entered in another form than NFC
    (decomposed Hangul from macOS and some copy-paste) — titles, descriptions,
    extras, resource names, organization and group text, tags — and with
    --repair rewrite it (an NFD tag merges into its NFC twin). Exits with
    status 1 while such text remains."""
    from . import nfc_repair

    report = nfc_repair.check(repair, _counting())
    click.echo("", err=True)
    for failure in report.failed:
        click.echo(f"  failed {failure}", err=True)
    click.echo(("" if repair else "dry run (nothing written): ") + report.line())
    if repair:
        report = nfc_repair.check()
        click.echo(f"now: {report.line()}")
    if report.values:
        raise SystemExit(1)


def _counting():
    def show(stage: str, n: int) -> None:
        click.echo(f"\r  {stage} {n}", nl=False, err=True)
    return show


@seoulplaza.group("participation")
def participation_group() -> None:
    """Citizen participation: 문의하기 forwarding, 응답소 status, notification mail."""


@participation_group.command("sync")
@click.option("--every", type=int, default=0, help="repeat every N seconds (0: once)")
def participation_sync(every: int) -> None:
    """Forward queued 문의하기 to 응답소, read the status of open ones and send waiting mail."""
    from .participation import sync

    while True:
        counts = sync.run()
        if not every or any(counts.values()):  # on a timer, only passes that did something
            click.echo(sync.line(counts), err=bool(every))
        if not every:
            return
        model.Session.remove()  # each pass reads the tables afresh
        time.sleep(every)


def _progress(what: str):
    def show(i: int, n: int) -> None:
        if i == n or i % 50 == 0:
            click.echo(f"\r  {what} {i}/{n}", nl=i == n)
    return show


def _run(names: list[str]) -> None:
    failed = 0
    for name in names:
        summary = harvest_run.run_source(name, _progress(name))
        _report(summary)
        failed += len(summary.errors)
    if failed:
        click.echo(f"{failed} records were reported and skipped; see the harvest sources at /harvest", err=True)


def _report(summary: harvest_run.RunSummary) -> None:
    click.echo(summary.line())
    for problem in summary.errors:
        click.echo(f"  error {problem}", err=True)
    for warning in summary.warnings:  # published without a malformed optional field
        click.echo(f"  {warning}", err=True)
