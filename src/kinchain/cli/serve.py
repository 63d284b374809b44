"""``kinchain serve`` and ``kinchain token``: run the web app, and give an integration a token."""

from __future__ import annotations

import typer
from rich.markup import escape

from kinchain.cli import app, console, translate_errors
from kinchain.cli._database import DATABASE_OPTION, open_database

__all__ = ["serve", "token_app"]

token_app = typer.Typer(help="Personal access tokens for the JSON API.\n\nExample: kinchain token "
                        "add ana@harbour.example --name \"clinic sync\"", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
@translate_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="The port to listen on."),
    database: str | None = DATABASE_OPTION,
    demo: bool = typer.Option(
        False, "--demo", help="Set up the database and fill a demo practice first (if empty)."
    ),
    reminders: bool = typer.Option(
        True, "--reminders/--no-reminders",
        help="Send the clients' reminder e-mails from this process (one process sends).",
    ),
) -> None:
    """Run the web app (the coach's pages and the JSON API under /api/v1/).

    Behind a reverse proxy with HTTPS, set KINCHAIN_SECURE_COOKIES=true (docs/web.md).

    Examples:

      kinchain serve

      kinchain serve --demo

      kinchain serve --host 0.0.0.0 --port 8080 --database postgresql+psycopg://kinchain@/kinchain
    """
    import uvicorn

    from kinchain.config import Settings
    from kinchain.store import redacted
    from kinchain.web import create_app

    db = open_database(database, checked=not demo)
    if demo:
        from kinchain.cli.store import seed_demo_if_empty

        seed_demo_if_empty(db)
    settings = Settings(database_url=database, reminders=reminders) if database else Settings(
        reminders=reminders)
    web = create_app(settings, db=db)
    console.print(f"kinchain on http://{host}:{port}/  (database {redacted(str(db.engine.url))})",
                  soft_wrap=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=True)


@token_app.command("add")
@translate_errors
def token_add(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account the token acts as."),
    name: str = typer.Option("integration", "--name", help="What the token is for."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Make a personal access token for the JSON API; it is printed once, on the last line.

    Send it as `Authorization: Bearer <token>`. Only its SHA-256 is kept.

    Examples:

      kinchain token add ana@harbour.example --name "clinic sync"
    """
    from kinchain.services.signin import issue_api_token
    from kinchain.store.signin import SignInStore

    token = issue_api_token(SignInStore(open_database(database)), email, name=name)
    console.print(f"Token for {escape(email)} ({escape(name)}); keep it secret:", soft_wrap=True)
    console.print(token, soft_wrap=True, markup=False)
