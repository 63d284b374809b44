"""The ``kinchain`` command: parse arguments, call a service, print. No logic of its own.

Each command group lives in its own module and registers itself on :data:`app`. Domain errors
become one clear message and a non-zero exit here, at the edge; no traceback reaches a user.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand

from kinchain.errors import CheckinError, IntakeError, KinchainError

__all__ = ["app", "console", "err_console", "fail", "main", "parse_as_of", "translate_errors"]

app = typer.Typer(
    name="kinchain",
    help=(
        "kinchain supports a movement coach's reasoning about how old injuries, footwear and "
        "habits load the body's chain. It does not diagnose.\n\n"
        "Examples:\n\n"
        "  kinchain demo\n\n"
        "  kinchain body ankle"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

#: exit codes: 0 ok, 1 a domain error, 2 refused input (bad intake, bad arguments)
EXIT_ERROR = 1
EXIT_INPUT = 2

#: command modules under kinchain.cli, one line each, in the order --help lists them
COMMAND_MODULES: tuple[str, ...] = (
    "report",  # report, demo: what most users want first
    "intake",  # validate
    "assess",
    "program",
    "checkin",
    "simulate",
    "body",
    "store",  # db, practice, user, client: the stored records
    "serve",  # serve, token: the web app
    "fhir",  # fhir export, fhir import
    "backup",  # backup, restore, backup-key: the stored records into an archive and back
    "mail",  # mail set: the practice's SMTP server
)

#: the --country option's help, shared by assess, program and report
COUNTRY_HELP = (
    "The practice's country, for the words about where to get help (emergency number, "
    "emergency department, family doctor, midwife): UK, IE, US or AU (default UK, or the "
    "KINCHAIN_COUNTRY environment variable)."
)

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    """Print one clear message to stderr and return the Exit to raise."""
    err_console.print(message, markup=False, highlight=False)
    return typer.Exit(code)


def parse_as_of(text: str | None, /) -> dt.date:
    """The ``--as-of`` option as a date: today when left out, a clear exit 2 when malformed."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = f"error: --as-of: expected a date YYYY-MM-DD, received {text!r}"
        raise fail(message, EXIT_INPUT) from None


def translate_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn kinchain's errors (and unreadable files) into a message and an exit code."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except IntakeError as e:
            raise fail(str(e), EXIT_INPUT) from None
        except CheckinError as e:  # a refused check-in file lists its problems like an intake
            raise fail(str(e) if e.problems else f"error: {e}", EXIT_INPUT) from None
        except KinchainError as e:
            code = EXIT_INPUT if isinstance(e, ValueError) else EXIT_ERROR
            raise fail(f"error: {e}", code) from None
        except FileNotFoundError as e:
            raise fail(f"error: {e.filename}: no such file", EXIT_INPUT) from None
        except IsADirectoryError as e:
            raise fail(f"error: {e.filename}: is a folder, expected a file", EXIT_INPUT) from None
        except PermissionError as e:
            raise fail(f"error: {e.filename}: permission denied", EXIT_INPUT) from None
        except OSError as e:  # any other file-system refusal: one line, never a traceback
            where = f"{e.filename}: " if e.filename else ""
            raise fail(f"error: {where}{(e.strerror or str(e)).lower()}", EXIT_INPUT) from None

    return wrapper


class PlainHelpCommand(TyperCommand):
    """A command whose ``--help`` names its arguments plainly: ``FILE``, ``CHECKIN...``, never
    with typer's Python type (``FILE <path>``, ``CHECKIN <list[Path]>``)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for param in self.params:
            if isinstance(param, TyperArgument):
                shown = param.metavar or (param.name or "").upper()
                if param.nargs != 1:
                    shown += "..."
                # instance attributes: typer's help record asks these two for the name column
                param._rich_display_name = lambda shown=shown: shown  # type: ignore[method-assign,misc]
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


def _register_commands() -> None:
    # Each module adds its commands to ``app`` on import; each gets the plain help.
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"kinchain.cli.{name}")
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = PlainHelpCommand


def main() -> None:
    """Console-script entry point."""
    _register_commands()
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


_register_commands()
