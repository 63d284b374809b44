"""``kinchain validate``: check intake files and list every problem. Translation only."""

from __future__ import annotations

from pathlib import Path

import typer

from kinchain.cli import EXIT_INPUT, app, console, parse_as_of, translate_errors

__all__ = ["validate"]




@app.command()
@translate_errors
def validate(
    files: list[Path] = typer.Argument(
        ..., metavar="FILE", help="Intake or check-in files (YAML or JSON) to check."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Check dates against this day (YYYY-MM-DD)."
    ),
) -> None:
    """Check intake or check-in files: print "ok", or every problem (one per line) and exit 2.

    A file whose keys are a check-in's (date, effort, done, ...) is checked as a check-in
    ("ok (check-in)"); dates may not lie after --as-of (default today).

    Every problem in a file is listed at once, each as FILE: PATH: MESSAGE, for example
    "maria.yaml: pain[0].intensity: 12 is outside 0..10". The format is described in
    docs/intake.md.

    Examples:

      kinchain validate examples/maria.yaml

      kinchain validate intakes/*.yaml --as-of 2026-01-31
    """
    from kinchain.services.intake import check_file  # loaded when the command runs

    day = parse_as_of(as_of)
    failed = False
    for path in files:
        checked = check_file(path, as_of=day)
        failed = failed or bool(checked.problems)
        for line in checked.problems:
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        if not checked.problems:
            ok = "ok" if checked.kind == "intake" else f"ok ({checked.kind})"
            console.print(ok if len(files) == 1 else f"{path}: {ok}", markup=False, highlight=False)
    if failed:
        raise typer.Exit(EXIT_INPUT)
