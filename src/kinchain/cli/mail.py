"""``kinchain mail``: the practice's SMTP server for reminders and notices."""

from __future__ import annotations

import typer
from rich.markup import escape

from kinchain.cli import EXIT_INPUT, app, console, fail, translate_errors
from kinchain.cli._database import DATABASE_OPTION, open_database

__all__ = ["mail_app"]

mail_app = typer.Typer(help="The practice's SMTP server for reminders and notices.\n\n"
                       "Example: kinchain mail set North --host smtp.example.org --sender "
                       "reminders@north.example --base-url https://north.example",
                       no_args_is_help=True)
app.add_typer(mail_app, name="mail")


def _password() -> str:
    import getpass
    import sys

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("SMTP password (empty: none): ")


@mail_app.command("set")
@translate_errors
def mail_set(
    practice: str = typer.Argument(..., metavar="PRACTICE", help="The practice's name."),
    host: str = typer.Option(..., "--host", help="The SMTP server's name."),
    port: int = typer.Option(587, "--port", min=1, max=65535, help="Its port."),
    user: str | None = typer.Option(None, "--user", help="The SMTP user, if it asks for one."),
    sender: str = typer.Option(..., "--sender", help="The From address of the e-mails."),
    base_url: str = typer.Option(..., "--base-url", help="Where the links in an e-mail point."),
    starttls: bool = typer.Option(True, "--starttls/--no-starttls",
                                  help="Upgrade the connection with STARTTLS (default on)."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Set the practice's SMTP server. The password is read from standard input (or asked
    for), sealed with KINCHAIN_SECRET_KEY and stored; it is never an argument or printed.

    Examples:

      printf '%s\\n' "$SMTP_PASSWORD" | kinchain mail set North --host smtp.example.org \\
          --user reminders --sender reminders@north.example --base-url https://north.example
    """
    from kinchain.mail import seal, server_key
    from kinchain.store.reminders import SmtpSetting

    if not base_url.startswith(("https://", "http://")):
        raise fail(f"error: --base-url: expected https://…; received {base_url!r}", EXIT_INPUT)
    password = _password() if user else ""
    sealed = seal(password, server_key()) if password else None
    uow = open_database(database).unit_of_work(practice, actor="cli:mail")
    with uow:
        uow.reminders.set_smtp(SmtpSetting(host, port, starttls, user, sealed, sender,
                                           base_url.rstrip("/")))
        uow.audit.record("smtp.set", detail=f"{host}:{port}")
        uow.commit()
    console.print(f"{escape(practice)}: e-mail through {escape(host)}:{port}", soft_wrap=True)
