"""``kinchain fhir``: a stored client's record as FHIR, and a FHIR Bundle as a new client."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.markup import escape

from kinchain.cli import EXIT_INPUT, app, console, err_console, translate_errors
from kinchain.cli._database import DATABASE_OPTION, actor, open_database

__all__ = ["fhir_app"]

fhir_app = typer.Typer(
    help=(
        "FHIR R4B / R5 export and import.\n\n"
        "Examples:\n\n"
        "  kinchain fhir export CLIENT --release R4B"
    ),
    no_args_is_help=True,
)
app.add_typer(fhir_app, name="fhir")


@fhir_app.command("export")
@translate_errors
def fhir_export_command(
    client: str = typer.Argument(..., metavar="CLIENT", help="The client's id."),
    release: str = typer.Option("R4B", "--release", help="R4B or R5."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write here (default: standard output)."
    ),
    transaction: bool = typer.Option(False, "--transaction", help="A transaction Bundle."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Write a stored client's record as one FHIR Bundle (docs/fhir.md lists what it holds).

    Examples:

      kinchain fhir export cl_0192f3a4b5c6_9f8e7d6c5b --release R4B --out maria.fhir.json
    """
    from kinchain.services.fhir_records import fhir_export

    db = open_database(database)
    uow = db.unit_of_work(db.practice_of_client(client), actor=actor())
    text = json.dumps(fhir_export(uow, client, release=release, transaction=transaction),
                      indent=2, ensure_ascii=False)
    if out is None:
        sys.stdout.write(text + "\n")
        return
    out.write_text(text + "\n", encoding="utf-8")
    console.print(f"Wrote {escape(str(out))}", soft_wrap=True)


@fhir_app.command("import")
@translate_errors
def fhir_import_command(
    file: Path = typer.Argument(..., metavar="FILE", help="A FHIR Bundle (JSON)."),
    practice: str = typer.Option(..., "--practice", metavar="NAME", help="The practice."),
    release: str = typer.Option("R4B", "--release", help="R4B or R5."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Read a FHIR Bundle (Patient, Condition, Observation, QuestionnaireResponse) into a new
    client. Prints what it could not map, field by field; nothing is stored unless the intake
    it gives validates.

    Examples:

      kinchain fhir import maria.fhir.json --practice "Harbour Movement"
    """
    from kinchain.services.fhir_records import fhir_import

    db = open_database(database)
    data = file.read_text(encoding="utf-8")
    done = fhir_import(db.unit_of_work(practice, actor=actor()), data, release=release,
                       source=str(file))
    for line in done.unmapped:
        console.print(f"not mapped: {escape(line)}", soft_wrap=True)
    if done.imported is None:
        for line in done.problems:
            err_console.print(f"{file}: {line}", markup=False, soft_wrap=True)
        err_console.print(f"{file}: refused, nothing stored", markup=False)
        raise typer.Exit(EXIT_INPUT)
    client = done.imported.client
    console.print(f"Imported {escape(client.name)} as {client.id}", soft_wrap=True)
