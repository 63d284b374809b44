"""The storage commands: ``db``, ``practice``, ``user`` and ``client``. Translation only: the
work happens in :mod:`kinchain.services.records` and :mod:`kinchain.store`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from kinchain.cli import EXIT_INPUT, app, console, err_console, fail, translate_errors
from kinchain.cli._database import DATABASE_OPTION, actor, open_database

if TYPE_CHECKING:
    from kinchain.store import Database, SqlUnitOfWork

__all__ = ["client_app", "db_app", "practice_app", "user_app"]

db_app = typer.Typer(
    help=(
        "Create and upgrade the database.\n\n"
        "Examples:\n\n"
        "  kinchain db upgrade\n\n"
        "  kinchain db status"
    ),
    no_args_is_help=True,
)
practice_app = typer.Typer(
    help=(
        "The practices a database holds.\n\n"
        "Examples:\n\n"
        "  kinchain practice add \"Harbour Movement\"\n\n"
        "  kinchain practice list"
    ),
    no_args_is_help=True,
)
user_app = typer.Typer(
    help=(
        "Accounts of coaches, admins and clients.\n\n"
        "Examples:\n\n"
        "  kinchain user add ana@harbour.example --practice \"Harbour Movement\" --role coach"
    ),
    no_args_is_help=True,
)
client_app = typer.Typer(
    help=(
        "A practice's clients and their records.\n\n"
        "Examples:\n\n"
        "  kinchain client import examples/maria.yaml --practice \"Harbour Movement\"\n\n"
        "  kinchain client list --practice \"Harbour Movement\""
    ),
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")
app.add_typer(practice_app, name="practice")
app.add_typer(user_app, name="user")
app.add_typer(client_app, name="client")

DEMO_PRACTICE = "Demo Practice"
PRACTICE_OPTION = typer.Option(..., "--practice", metavar="NAME", help="The practice's name.")


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


@db_app.command("upgrade")
@translate_errors
def db_upgrade(database: str | None = DATABASE_OPTION) -> None:
    """Create the database's tables, or bring them up to this kinchain's newest schema.

    Safe to run again: a database that is up to date is left as it is.

    Examples:

      kinchain db upgrade

      kinchain db upgrade --database postgresql+psycopg://coach@localhost/kinchain
    """
    from kinchain.store import redacted, schema_status, upgrade

    db = open_database(database, checked=False)
    upgrade(db.engine)
    status = schema_status(db.engine)
    console.print(f"{redacted(str(db.engine.url))}: schema at {status.current} (newest)")


@db_app.command("status")
@translate_errors
def db_status(database: str | None = DATABASE_OPTION) -> None:
    """Say which database is used and whether its schema is up to date.

    Examples:

      kinchain db status
    """
    from kinchain.store import redacted, schema_status

    db = open_database(database, checked=False)
    status = schema_status(db.engine)
    where = redacted(str(db.engine.url))
    if status.up_to_date:
        console.print(f"{where}: up to date (schema {status.head})")
        return
    found = status.current or "no kinchain schema yet"
    console.print(f"{where}: {found}; newest is {status.head}: run `kinchain db upgrade`")
    raise typer.Exit(1)


@db_app.command("seed-demo")
@translate_errors
def db_seed_demo(
    practice: str = typer.Option(DEMO_PRACTICE, "--practice", metavar="NAME",
                                 help="The demo practice's name (must not exist yet)."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Fill the database with a demo practice for the web app: a coach, and Maria, Tom and
    Ruth taken on six weeks ago with a weekly check-in since. Prints the coach's login; the
    password is made fresh each time (never a fixed one a stranger could guess).

    Examples:

      kinchain db upgrade && kinchain db seed-demo
    """
    _seed(open_database(database), practice)


def _seed(db: Database, name: str) -> None:
    import datetime as dt
    import secrets

    from kinchain.services.demo_records import seed_demo
    from kinchain.store import Database

    found = db.add_practice(name)
    password = "-".join(secrets.token_urlsafe(6) for _ in range(3))

    def uow_on(day: dt.date) -> SqlUnitOfWork:
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        return Database(engine=db.engine, clock=lambda: noon).unit_of_work(found, actor=actor())

    demo = seed_demo(uow_on, today=dt.date.today(), password=password)
    console.print(f"Demo practice {escape(found.name)}: {len(demo.clients)} clients, "
                  f"{demo.checkins} check-ins", soft_wrap=True)
    console.print(f"Coach login: {demo.coach.email}  password: {password}", soft_wrap=True)


def seed_demo_if_empty(db: Database) -> None:
    """``kinchain serve --demo``: bring the schema up and seed the demo practice once."""
    from kinchain.store import upgrade

    upgrade(db.engine)
    if any(p.name == DEMO_PRACTICE for p in db.practices()):
        console.print(f"{DEMO_PRACTICE} is already there; its coach is "
                      "coach@demo.kinchain.example (the password was printed when it was made)",
                      soft_wrap=True)
        return
    _seed(db, DEMO_PRACTICE)


@practice_app.command("add")
@translate_errors
def practice_add(
    name: str = typer.Argument(..., metavar="NAME", help="The practice's name."),
    country: str = typer.Option("UK", "--country", help="UK, IE, US or AU: the words for help."),
    coaches_see_all: bool = typer.Option(
        False, "--coaches-see-all", help="Let every coach see the practice's clients."
    ),
    retention_years: int = typer.Option(
        8, "--retention-years", help="How long records are kept after the last contact."
    ),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Add a practice: the tenant every client, user and record belongs to.

    Examples:

      kinchain practice add "Harbour Movement"

      kinchain practice add "Clinic East" --country IE --coaches-see-all
    """
    from kinchain.assessment import country_words

    country_words(country)  # an unknown country is refused before anything is stored
    practice = open_database(database).add_practice(
        name, country=country.upper(), coaches_see_all=coaches_see_all,
        retention_years=retention_years,
    )  # fmt: skip
    console.print(f"Added practice {escape(practice.name)} ({practice.id})")


@practice_app.command("list")
@translate_errors
def practice_list(database: str | None = DATABASE_OPTION) -> None:
    """List the practices in the database.

    Examples:

      kinchain practice list
    """
    for p in open_database(database).practices():
        console.print(f"{escape(p.name)}  ({p.id}, {p.country})")


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise fail("error: password: the two entries differ; nothing was stored", EXIT_INPUT)
    return first


@user_app.command("add")
@translate_errors
def user_add(
    email: str = typer.Argument(..., metavar="EMAIL", help="The login e-mail address."),
    practice: str = PRACTICE_OPTION,
    role: str = typer.Option(..., "--role", help="coach, admin or client."),
    client: str | None = typer.Option(
        None, "--client", metavar="ID", help="The client record a client user is linked to."
    ),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Add an account. The password is read from standard input, or asked for twice; it is
    never an argument (arguments are visible to other users of the machine).

    Examples:

      kinchain user add ana@harbour.example --practice "Harbour Movement" --role coach

      printf '%s\\n' "$PASSWORD" | kinchain user add maria@example.org \\
        --practice "Harbour Movement" --role client --client cl_0192f3a4b5c6_9f8e7d6c5b
    """
    from kinchain.services.people import add_user

    db = open_database(database)
    user = add_user(db.unit_of_work(practice, actor=actor()), email, role, _read_password(),
                    client_id=client)  # fmt: skip
    console.print(f"Added {user.role} {escape(user.email)} ({user.id})")


@client_app.command("import")
@translate_errors
def client_import(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="Intake files (YAML or JSON)."),
    practice: str = PRACTICE_OPTION,
    database: str | None = DATABASE_OPTION,
) -> None:
    """Store clients from intake files. Each file is checked whole first: a bad file imports
    nothing and says why, and the others go on (exit code 2 if any was refused).

    Examples:

      kinchain client import examples/maria.yaml examples/tom.yaml --practice "Harbour Movement"
    """
    from kinchain.services.records import import_files

    db = open_database(database)
    outcomes = import_files(lambda: db.unit_of_work(practice, actor=actor()), files)
    for outcome in outcomes:
        if outcome.refused:
            err_console.print(outcome.refused, markup=False, highlight=False, soft_wrap=True)
        else:
            line = f"Imported {escape(str(outcome.name))} as {outcome.client_id} from "
            console.print(line + escape(str(outcome.source)), soft_wrap=True)
    if any(o.refused for o in outcomes):
        raise typer.Exit(EXIT_INPUT)


@client_app.command("list")
@translate_errors
def client_list(
    practice: str = PRACTICE_OPTION,
    offset: int = typer.Option(0, "--offset", min=0, help="Rows to skip."),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="Rows to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """List a practice's clients by name, with the last check-in and the pain trend.

    Examples:

      kinchain client list --practice "Harbour Movement"

      kinchain client list --practice "Harbour Movement" --json
    """
    from kinchain.services.records import client_page

    db = open_database(database)
    page = client_page(db.unit_of_work(practice, actor=actor()), offset=offset, limit=limit)
    rows = [
        {"id": c.id, "name": c.name, "pain_trend": list(c.pains),
         "last_checkin": c.last_checkin.isoformat() if c.last_checkin else None}
        for c in page.clients
    ]  # fmt: skip
    if as_json:
        _print_json({"total": page.total, "offset": page.offset, "clients": rows})
        return
    for c in page.clients:
        trend = " ".join(map(str, c.pains)) or "no check-in yet"
        last = c.last_checkin.isoformat() if c.last_checkin else "-"
        console.print(f"{c.id}  {escape(c.name)}  last check-in {last}  pain {trend}")  # fmt: skip
    console.print(f"{len(rows)} of {page.total} client(s)")


@client_app.command("show")
@translate_errors
def client_show(
    client: str = typer.Argument(..., metavar="ID", help="The client's id (client list)."),
    practice: str | None = typer.Option(
        None, "--practice", metavar="NAME", help="The practice (default: the client's own)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the whole record as JSON."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Show a client's record: the current intake, the program now and its history.

    Examples:

      kinchain client show cl_0192f3a4b5c6_9f8e7d6c5b

      kinchain client show cl_0192f3a4b5c6_9f8e7d6c5b --json
    """
    from kinchain.services.records import client_record

    db = open_database(database)
    where = practice or db.practice_of_client(client)
    record = client_record(db.unit_of_work(where, actor=actor()), client)
    if as_json:
        _print_json(record)
        return
    _print_record(record)


def _print_record(record: dict[str, object]) -> None:
    console.print(f"[bold]{escape(str(record['name']))}[/bold] ({record['id']})")
    versions = record["intake_versions"]
    assert isinstance(versions, list)
    for v in versions:
        why = f": {v['reason']}" if v.get("reason") else ""
        console.print(f"- intake version {v['version']} saved {v['saved_at']} "
                      f"by {escape(str(v['saved_by']))}{escape(why)}")  # fmt: skip
    program = record["program"]
    if not isinstance(program, dict):
        console.print("The program is suspended: the client is referred (see the assessment).")
        return
    console.print(f"\n[bold]Program since {record['program_starts']}[/bold]")
    for item in program["routine"]:
        console.print(f"- {escape(str(item['name']))}  [dim]id: {item['exercise']}[/dim]")
    for key, label in (("checkins", "check-in(s)"), ("edits", "coach edit(s)"),
                       ("shown", "program version(s) shown")):  # fmt: skip
        count = record[key]
        assert isinstance(count, list)
        console.print(f"{len(count)} {label}")
