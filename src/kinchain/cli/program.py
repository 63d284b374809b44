"""``kinchain program``: print a client's program (``kinchain checkin`` lives in
:mod:`kinchain.cli.checkin`). Translation only: the work happens in
:mod:`kinchain.services.program`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from kinchain.cli import app, console, parse_as_of, translate_errors
from kinchain.services.program import program_file

__all__ = ["program"]




def _sides(targets: list[Mapping[str, Any]]) -> str:
    parts = []
    for t in targets:
        name = str(t["site"]).replace("_", " ")
        parts.append(f"{t['side']} {name}" if t["side"] else name)
    return ", ".join(parts)


def _print_referral(referral: Mapping[str, Any] | None, client: str) -> None:
    lines = [f"[bold]No exercises for {escape(client)} until a clinician has seen them.[/bold]"]
    if referral:
        lines.append(f"Urgency: {escape(str(referral.get('urgency')))}")
        for key in ("advice", "safety_net"):
            if referral.get(key):
                lines.append(escape(str(referral[key])))
        for reason in referral.get("reasons", []):
            lines.append(f"- {escape(str(reason))}")
    console.print(Panel("\n".join(lines), title="Program suspended", border_style="red"))


def _print_program(doc: Mapping[str, Any], client: str) -> None:
    console.print(
        f"[bold]{escape(client)}: daily routine[/bold] "
        f"({doc['minutes']:g} of {doc['daily_minutes']} minutes, as of {doc['as_of']})"
    )
    table = Table(show_header=True, header_style="bold")
    for col in ("#", "exercise", "for", "dose", "min"):
        table.add_column(col)
    for n, item in enumerate(doc["routine"], 1):
        table.add_row(
            str(n),
            escape(item["name"]),
            escape(", ".join(item.get("serves") or ()) or _sides(item["targets"])),
            escape(item["dose"]["text"]),
            f"{item['minutes']:g}",
        )
    console.print(table)
    for n, item in enumerate(doc["routine"], 1):
        console.print(
            f"\n[bold]{n}. {escape(item['name'])}[/bold] ({item['dose']['text']})"
            f"  [dim]id: {escape(item['exercise'])}[/dim]"
        )
        console.print(f"   Why: {escape(item['explanation'])}")
        for i, step in enumerate(item["instructions"], 1):
            console.print(f"   {i}. {escape(step)}")
        console.print(f"   Remember: {escape('; '.join(item['cues']))}")
        console.print(f"   Evidence: {escape(item['evidence']['says'])}")
    if doc["left_out"]:
        console.print("\n[bold]Left out for now[/bold]")
        for o in doc["left_out"]:
            why = o.get("reason_words") or o["reason"]
            console.print(f"- {escape(o['focus'])}: {escape(o['detail'])} ({escape(why)})")
    console.print("\n[bold]Habit changes[/bold]")
    for h in doc["habits"]:
        ev = h["evidence"]
        console.print(f"- [bold]{h['area_label']}[/bold]: {escape(h['advice'])}")
        console.print(f"  Evidence ({ev['grade']}): {escape(ev['says'])}")
    console.print("\n[bold]The 12 weeks[/bold]")
    for p in doc["phases"]:
        first, last = p["weeks"]
        console.print(f"- Weeks {first}-{last}, {escape(p['name'])}: {escape(p['focus'])}")
        console.print(f"  Move on when: {escape(' '.join(p['criteria_to_advance']))}")
    for note in doc.get("notes", []):
        console.print(f"\nNote: {escape(note)}")
    for note in doc.get("coach_notes", []):
        console.print(f"\n[italic]{escape(note)}[/italic]")


@app.command()
@translate_errors
def program(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="The client's intake file (YAML or JSON)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Build the program as of this day (YYYY-MM-DD)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the program as JSON."),
) -> None:
    """Print a client's program: the daily routine within their minutes, habits and phases.

    Each routine item shows its dose, minutes, the steps to do it and why it is there, tied to
    the client's own history. Items that did not fit the daily minutes, or that a
    contraindication (pregnancy, postpartum weeks, severe pain, recent surgery) rules out, are
    listed with the reason. When red flags suspend the program, the referral is printed and no
    exercises are given. The rules are in docs/program.md.

    Examples:

      kinchain program examples/maria.yaml

      kinchain program examples/tom.yaml --as-of 2026-11-25 --json
    """
    view = program_file(file, as_of=parse_as_of(as_of))
    if as_json:
        console.print_json(json.dumps(view.to_json()))
        return
    if view.program is None:
        _print_referral(view.referral, view.client)
        return
    _print_program(view.program.to_json(), view.client)
