"""``ckan seoulplaza …`` commands."""
from __future__ import annotations

from pathlib import Path

import click
import ckan.plugins.toolkit as tk

from . import demo
from .themes import ensure_theme_groups

__all__ = ["seoulplaza"]  # blanket.cli exports only these (click groups are not functions)

LISTS = {  # information type -> the Seoul list it is loaded from
    "sanction": "info_list2021/20210104_20210110_info_list2.csv",
    "proactive": "public_list2020/20201101_20201130_public_list.csv",
    "research": "research_list2020/20201101_20201130_research_list.csv",
    "expense": "expense_list2020/202012_expense_list.csv",
}


@click.group(short_help="Seoul Plaza commands")
def seoulplaza() -> None:
    """Seoul Plaza: demo data and maintenance."""


@seoulplaza.group("demo")
def demo_group() -> None:
    """Demo data from the real Seoul lists."""


@demo_group.command("load")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the Seoul lists (default: ckanext.seoulplaza.demo_data_dir).")
def demo_load(data_dir: Path | None) -> None:
    """Load agencies, themes and the four Seoul lists (idempotent)."""
    data_dir = data_dir or Path(tk.config["ckanext.seoulplaza.demo_data_dir"])
    for name in LISTS.values():
        if not (data_dir / name).is_file():
            raise click.ClickException(f"missing demo file {data_dir / name}")
    context = demo.site_context()
    click.echo(f"분야 (theme groups): {ensure_theme_groups(context)} created")
    agencies = demo.load_agencies(context, data_dir / LISTS["expense"])
    for dataset_type, name in LISTS.items():
        def progress(i: int, n: int, what: str = dataset_type) -> None:
            if i == n or i % 50 == 0:
                click.echo(f"\r  {what} {i}/{n}", nl=i == n)
        report(f"{dataset_type} datasets", demo.load_rows(context, data_dir / name, dataset_type, agencies, progress))
    report("업무추진비 DataStore table rows", demo.load_expense_table(data_dir / LISTS["expense"]))
    click.echo(agencies.line() + " (agencies and the departments the lists name)")


def report(what: str, summary: demo.Summary) -> None:
    click.echo(summary.line(what))
    for problem in summary.skipped:
        click.echo(f"  skipped {problem}", err=True)
    for warning in summary.warnings:
        click.echo(f"  warning {warning}", err=True)
