"""``kinchain assess``: a client's assessment, readable or as JSON. Translation only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from kinchain.body import site_label
from kinchain.cli import COUNTRY_HELP, app, console, parse_as_of, translate_errors

__all__ = ["assess"]

_STYLE = {
    "emergency": "bold white on red",
    "same_day": "bold white on red",
    "urgent": "bold red",
    "routine": "yellow",
}
_TOP = 5  # contributors shown per pain in the readable summary




def _place(p: dict[str, Any]) -> str:
    return site_label(p.get("site") or None, p.get("side") or None)


def screening_lines(screening: dict[str, Any]) -> list[str]:
    """The lines every text output starts with while red-flag screening is not complete."""
    if screening["status"] == "complete":
        return []
    return [screening["message"]] + [f"  - {q}" for q in screening["questions"]]


def _screening(result: dict[str, Any], *, questions: bool) -> None:
    """The screening line first; the questions to ask after the referral, so it stays on top."""
    lines = screening_lines(result["screening"])
    if lines and not questions:
        console.print(escape(lines[0]), style="bold red")
    elif lines:
        console.print("Questions to ask before starting:")
        for line in lines[1:]:
            console.print(escape(line))


def _cleared(ref: dict[str, Any]) -> list[str]:
    return [
        f"  - {c['key'].replace('_', ' ')}: cleared by {c['by']} on {c['date']}: \"{c['said']}\""
        for c in ref.get("cleared", [])
    ]


def _referral(result: dict[str, Any]) -> None:
    ref = result["referral"]
    screening = result["screening"]
    if ref is None:
        from kinchain.assessment.screening_notes import no_flag_message

        given = no_flag_message(len(screening["unanswered"]), screening["asked"])
        after = (
            " The program can go ahead."
            if screening["status"] == "complete"
            else " The program is provisional until the questions are answered."
        )
        console.print(f"[green]{escape(given)}[/green]{after}")
        return
    urgency = ref["urgency"]
    lines = [f"See: {ref['see']}", f"How soon: {ref['within']}", "", ref["advice"], "", "Why:"]
    lines += [f"  - {r}" for r in ref["reasons"]]
    lines += ["", f"If things change: {ref['safety_net']}", "", ref["caveat"]]
    if ref.get("cleared"):
        lines += ["", "Cleared by a clinician:", *_cleared(ref)]
    if result["program_suspended"]:
        lines += [
            "",
            "The exercise program is suspended: no exercises until a clinician has seen you "
            "and the coach has recorded their clearance.",
        ]
    elif ref.get("cleared") and ref.get("suspends_program", urgency != "routine"):
        lines += ["", "The program resumes: every flag above is covered by a clearance."]
    title = f"{urgency.replace('_', ' ')} referral".upper()  # short: a long title is cut off
    console.print(
        Panel(escape("\n".join(lines)), title=title, style=_STYLE.get(urgency, ""), expand=False)
    )


def _warning_signs(result: dict[str, Any]) -> None:
    signs = result.get("warning_signs")
    if not signs:
        return
    lines = [signs["intro"], *(f"- {s}" for s in signs["signs"]), signs["emergency"]]
    console.print(Panel(escape("\n".join(lines)), title=signs["title"], expand=False))


def _instruments(result: dict[str, Any]) -> None:
    if not result["instruments"]:
        return
    table = Table(title="Questionnaires", show_lines=False)
    table.add_column("instrument")
    table.add_column("what the score means")
    for key, score in result["instruments"].items():
        table.add_row(score.get("name", key), score["meaning"])
    console.print(table)


def _contributors(result: dict[str, Any]) -> None:
    by_pain: dict[str, list[dict[str, Any]]] = {}
    for c in result["contributors"]:
        by_pain.setdefault(_place(c["pain"]), []).append(c)
    for pain, rows in by_pain.items():
        table = Table(
            title=f"What may add to the {pain} pain (top {min(_TOP, len(rows))} of {len(rows)})"
        )
        table.add_column("score", justify="right")
        table.add_column("source")
        table.add_column("evidence")
        table.add_column("why, in short")
        for c in rows[:_TOP]:
            what = c["label"] + (" (hypothesis)" if c["hypothesis"] else "")
            table.add_row(f"{c['score']:.2f}", what, c["evidence"], c["summary"])
        console.print(table)


def _summary(result: dict[str, Any]) -> None:
    _screening(result, questions=False)
    console.print(f"[bold]Assessment of {result['client']}[/bold] as of {result['as_of']}")
    _referral(result)
    _screening(result, questions=True)
    _warning_signs(result)
    _instruments(result)
    joints = [j for j in result["joints"] if j["stability_deficit"] > 0]
    if joints:
        console.print(
            "Joint stability deficits (0 = as good as new, 1 = none left): "
            + ", ".join(f"{_place(j)} {j['stability_deficit']:.2f}" for j in joints)
        )
    _contributors(result)
    for w in result["weakest_links"]:
        console.print(
            f"Next weakest link above the {_place(w['injury'])}: {_place(w['link'])} "
            f"(margin {w['margin']:.2f}; a hypothesis, not a shown cause)"
        )
    for note in result.get("notes", []):
        console.print(f"[italic]{note}[/italic]")
    console.print(
        "Scores rank candidates for a coach's reasoning; they are not diagnoses. "
        "Use --json for every step of every trail."
    )


@app.command()
@translate_errors
def assess(
    file: Path = typer.Argument(..., metavar="FILE", help="The client's intake (YAML or JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole assessment as JSON."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Assess as of this day (YYYY-MM-DD; default today)."
    ),
    country: str | None = typer.Option(
        None, "--country", metavar="CODE", envvar="KINCHAIN_COUNTRY", help=COUNTRY_HELP
    ),
) -> None:
    """Assess a client: red flags first, questionnaire scores, what may add to each pain.

    While red-flag screening is incomplete, the first lines say so and list the questions to ask.
    A red flag comes next and, when emergency, same-day or urgent, suspends the program until a
    clinician's clearance is recorded: the summary says whom to see, how soon and why, in the
    words of the practice's country (--country, default UK). Then the questionnaire scores,
    each old injury's joint stability deficit, the ranked contributors to each pain with
    their evidence, and each injured joint's next weakest link. --json prints the object of
    docs/assessment.schema.json, with every trail.

    Examples:

      kinchain assess examples/maria.yaml

      kinchain assess examples/ruth.yaml --json --as-of 2026-11-25
    """
    from kinchain.services.assessment import assess_file  # loaded when the command runs

    result = assess_file(file, as_of=parse_as_of(as_of), country=country)
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _summary(result)
