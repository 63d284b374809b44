"""``kinchain checkin``: apply check-ins to a client's program and print what changed.
Translation only: the work happens in :mod:`kinchain.services.program`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from kinchain.cli import EXIT_INPUT, app, console, fail, parse_as_of, translate_errors
from kinchain.cli._database import DATABASE_OPTION, actor, open_database
from kinchain.cli.program import _print_referral

if TYPE_CHECKING:
    from kinchain.program import CheckinOutcome

__all__ = ["checkin"]


def _print_outcome(outcome: CheckinOutcome, client: str, count: int) -> None:
    console.print(f"[bold]{escape(client)}: {count} check-in(s) applied[/bold]")
    for note in outcome.notes:
        console.print(f"Note: {escape(note)}")
    if not outcome.changes:
        console.print("No item changed.")
    for c in outcome.changes:
        arrow = f" -> {c.to}" if c.to else ""
        what = f"habit {c.exercise}" if c.kind == "habit" else c.exercise
        console.print(
            f"- {c.date}: [bold]{c.action}[/bold] {escape(what)}{arrow}: "
            f"{escape(c.reason)} (rule: {escape(c.rule)})"
        )
    if outcome.instruments:
        console.print("\n[bold]Re-assessed questionnaires[/bold]")
        for d in outcome.instruments:
            before = "none" if d.before is None else f"{d.before:g}"
            mcid = "" if d.mcid is None else f", minimal important difference {d.mcid:g}"
            console.print(
                f"- {d.date} {d.instrument} {d.value}: {before} -> {d.after:g}{mcid}: {d.verdict}"
            )
    console.print("\n[bold]Routine now[/bold]")
    for item in outcome.program.routine:
        dose = item.dose_json()["text"]  # the same words `kinchain program` prints
        extra = "" if item.exercise.dose.minutes is not None else f", {item.minutes:g} min"
        console.print(
            f"- {escape(item.exercise.name)} ({escape(dose)}{extra})"
            f"  [dim]id: {escape(item.exercise.id)}[/dim]"
        )
    if outcome.paused:
        console.print("\n[bold]Paused for now[/bold]")
        for p in outcome.paused:
            cause = f" ({p.cause.replace('_', ' ')})" if p.cause else ""
            console.print(
                f"- {escape(p.item.exercise.name)}: {p.why}{escape(cause)} since {p.since}"
                f"  [dim]id: {escape(p.item.exercise.id)}[/dim]"
            )


@app.command()
@translate_errors
def checkin(
    file: Path = typer.Argument(..., metavar="FILE", help="The client's intake file."),
    checkins: list[Path] = typer.Argument(
        ..., metavar="CHECKIN", help="Check-in files (YAML), applied in date order."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="The day the program was built (default: today, or the first check-in if earlier).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
    key: str | None = typer.Option(
        None, "--key", help="With `checkin add`: an idempotency key; sent twice, stored once."
    ),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Apply check-ins to a client's program and print what changed; or, as
    `kinchain checkin add CLIENT FILE`, store a check-in of a stored client.

    A check-in file holds a date (not after today), how the routine felt (easy, ok, hard), pain
    0-10 per site, the exercise ids done (`kinchain program` shows each id), what a flare was put
    down to (flare_with: [carrying]), and optionally re-assessed questionnaires. Pain up 2 or
    more points eases the items working that site; two easy check-ins in a row with pain not
    rising progress an item (not while the red-flag screening is not done); a flare pauses the
    items and habits of its kind; paused items come back once they fit and are safe. Every
    problem of a bad check-in file is listed at once and the command exits 2. docs/program.md
    documents the format.

    Examples:

      kinchain checkin examples/maria.yaml examples/checkin-maria-1.yaml \\
        examples/checkin-maria-2.yaml

      kinchain checkin examples/maria.yaml examples/checkin-maria-*.yaml --json

      kinchain checkin add cl_0192f3a4b5c6_9f8e7d6c5b examples/checkin-maria-1.yaml
    """
    if str(file) == "add":
        _add(checkins, key=key, database=database, as_json=as_json)
        return
    from kinchain.services.program import checkin_file  # loaded when the command runs

    view = checkin_file(file, checkins, as_of=parse_as_of(as_of) if as_of else None)
    if as_json:
        console.print_json(json.dumps(view.to_json()))
        return
    if view.outcome is None:
        _print_referral(view.referral, view.client)
        return
    _print_outcome(view.outcome, view.client, len(checkins))


def _add(args: list[Path], *, key: str | None, database: str | None, as_json: bool) -> None:
    """``kinchain checkin add CLIENT FILE``: store one check-in and print what changed."""
    from kinchain.intake.files import read_intake_data
    from kinchain.services.records import add_checkin

    if len(args) != 2:
        raise fail("error: checkin add: expected CLIENT FILE (a client id and one check-in "
                   f"file); received {len(args)} argument(s)", EXIT_INPUT)  # fmt: skip
    client, path = str(args[0]), args[1]
    db = open_database(database)
    data = read_intake_data(path, kind="check-in")
    where = db.practice_of_client(client)
    added = add_checkin(db.unit_of_work(where, actor=actor()), client, data, key=key,
                        source=str(path))  # fmt: skip
    outcome = added.evaluation.outcome
    if as_json:
        console.print_json(json.dumps({"checkin": added.checkin_id, "new": added.new,
                                       "changes": added.changes()}))  # fmt: skip
        return
    if not added.new:
        console.print(f"Already stored as {added.checkin_id}: nothing changed.")
        return
    if outcome is None:
        console.print(f"Stored {added.checkin_id}; the program is suspended (referral).")
        return
    _print_outcome(outcome, added.evaluation.intake.client.name, len(added.evaluation.checkins))
