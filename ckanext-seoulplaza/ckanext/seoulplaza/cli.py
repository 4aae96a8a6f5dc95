"""``ckan seoulplaza …`` commands."""
from __future__ import annotations

from pathlib import Path

import click
import ckan.plugins.toolkit as tk

from . import demo

__all__ = ["seoulplaza"]  # blanket.cli exports only these (click groups are not functions)

INFO_LIST = "info_list2021/20210104_20210110_info_list2.csv"
EXPENSE_LIST = "expense_list2020/202012_expense_list.csv"


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
    """Load approval documents and the expense table (idempotent)."""
    data_dir = data_dir or Path(tk.config["ckanext.seoulplaza.demo_data_dir"])
    for name in (INFO_LIST, EXPENSE_LIST):
        if not (data_dir / name).is_file():
            raise click.ClickException(f"missing demo file {data_dir / name}")

    def progress(i: int, n: int) -> None:
        if i == n or i % 25 == 0:
            click.echo(f"\r  결재문서 {i}/{n}", nl=i == n)

    results = [
        ("결재문서 (sanction datasets)", demo.load_sanctions(data_dir / INFO_LIST, progress)),
        ("업무추진비 (DataStore rows)", demo.load_expenses(data_dir / EXPENSE_LIST)),
    ]
    for what, summary in results:
        click.echo(summary.line(what))
        for problem in summary.skipped:
            click.echo(f"  skipped {problem}", err=True)
