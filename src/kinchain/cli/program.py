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

from kinchain.body import site_label
from kinchain.cli import COUNTRY_HELP, app, console, parse_as_of, translate_errors

__all__ = ["program"]




def _sides(targets: list[Mapping[str, Any]]) -> str:
    parts = []
    for t in targets:
        parts.append(site_label(str(t["site"]), t["side"] or None))
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


#: what the client reads on a program built before red-flag screening is complete
PROVISIONAL = (
    "This routine is provisional until your coach has asked you the red-flag screening "
    "questions. If any answer is yes, stop and see a doctor before going on."
)


def _print_lead(screening: Mapping[str, Any] | None, referral: Mapping[str, Any] | None) -> None:
    """The first lines: screening not done, then any clinician's clearance."""
    if screening and screening.get("status") != "complete":
        console.print(escape(str(screening["message"])), style="bold red")
    for c in (referral or {}).get("cleared", []):
        console.print(
            f"Cleared after a referral: {escape(str(c['key']).replace('_', ' '))}, by "
            f"{escape(str(c['by']))} on {c['date']}: \"{escape(str(c['said']))}\""
        )


def _print_questions(screening: Mapping[str, Any] | None) -> None:
    questions = (screening or {}).get("questions") or []
    if questions:
        console.print("\n[bold]Red-flag questions to ask before starting[/bold]")
        for q in questions:
            console.print(f"- {escape(str(q))}")


def _print_warning_signs(signs: Mapping[str, Any] | None) -> None:
    if not signs:
        return
    lines = [str(signs["intro"]), *(f"- {s}" for s in signs["signs"]), str(signs["emergency"])]
    console.print(Panel(escape("\n".join(lines)), title=escape(str(signs["title"]))))


def _print_program(doc: Mapping[str, Any], client: str) -> None:
    if doc.get("provisional"):
        console.print(Panel(escape(PROVISIONAL), title="Provisional", border_style="yellow"))
    for note in doc.get("notes", []):  # what must be read first (a clinician leads, ...)
        console.print(f"Note: {escape(note)}\n")
    console.print(
        f"[bold]{escape(client)}: daily routine[/bold] "
        f"({doc['minutes']:g} of {doc['daily_minutes']} minutes, as of {doc['as_of']})"
    )
    if not doc["routine"]:
        console.print("No exercises for now.")
    _print_routine(doc)
    _print_left_out_and_habits(doc)
    if doc["routine"]:
        _print_phases(doc)
    for note in doc.get("coach_notes", []):
        console.print(f"\n[italic]{escape(note)}[/italic]")


def _print_routine(doc: Mapping[str, Any]) -> None:
    if not doc["routine"]:
        return
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


def _print_left_out_and_habits(doc: Mapping[str, Any]) -> None:
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


def _print_phases(doc: Mapping[str, Any]) -> None:
    console.print("\n[bold]The 12 weeks[/bold]")
    for p in doc["phases"]:
        first, last = p["weeks"]
        console.print(f"- Weeks {first}-{last}, {escape(p['name'])}: {escape(p['focus'])}")
        console.print(f"  Move on when: {escape(' '.join(p['criteria_to_advance']))}")


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
    country: str | None = typer.Option(
        None, "--country", metavar="CODE", envvar="KINCHAIN_COUNTRY", help=COUNTRY_HELP
    ),
) -> None:
    """Print a client's program: the daily routine within their minutes, habits and phases.

    Each routine item shows its dose, minutes, the steps to do it and why it is there, tied to
    the client's own history. Items that did not fit the daily minutes, or that a
    contraindication (pregnancy, postpartum weeks, severe pain, recent surgery) rules out, are
    listed with the reason. While red-flag screening is incomplete the first lines say so and the
    routine is marked provisional. When red flags suspend the program, the referral is printed
    and no exercises are given until a clinician's clearance is recorded in the intake. The
    rules are in docs/program.md.

    Examples:

      kinchain program examples/maria.yaml

      kinchain program examples/tom.yaml --as-of 2026-11-25 --json
    """
    from kinchain.services.program import program_file  # loaded when the command runs

    view = program_file(file, as_of=parse_as_of(as_of), country=country)
    if as_json:
        console.print_json(json.dumps(view.to_json()))
        return
    _print_lead(view.screening, view.referral)
    if view.program is None:
        _print_referral(view.referral, view.client)
    else:
        _print_program(view.program.to_json(), view.client)
    _print_warning_signs(view.warning_signs)
    _print_questions(view.screening)

