"""Load an intake from a file or from plain data: a whole, frozen :class:`Intake` or one
:class:`~kinchain.errors.IntakeError` listing every problem. Nothing is ever half-loaded."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from pydantic import ValidationError

from kinchain.errors import IntakeError, Problem
from kinchain.intake._checks import MIN_YEAR
from kinchain.intake._limits import limit
from kinchain.intake.files import read_intake_data
from kinchain.intake.model import Intake
from kinchain.intake.problems import describe, problems_from

__all__ = ["load_intake", "parse_intake"]


def _context(data: dict[Any, Any], as_of: dt.date) -> dict[str, Any]:
    context: dict[str, Any] = {"as_of": as_of}
    client = data.get("client")
    year = client.get("birth_year") if isinstance(client, dict) else None
    if isinstance(year, int) and not isinstance(year, bool) and MIN_YEAR <= year <= as_of.year:
        context["birth_year"] = year
    return context


def parse_intake(data: Any, /, *, source: str = "<data>", as_of: dt.date | None = None) -> Intake:
    """Validate plain data (as read from YAML or JSON) into an :class:`Intake`.

    ``as_of`` (default today) is the day against which dates must not lie in the future.

    >>> parse_intake({"client": {"name": "A", "birth_year": 1990, "sex": "other",
    ...     "height_cm": 170, "mass_kg": 70}, "daily_minutes": 10}).client.name
    'A'
    >>> try:
    ...     parse_intake({"daily_minutes": 12.5, "clinet": {}})
    ... except IntakeError as e:
    ...     print(*e.problems, sep="\\n")
    daily_minutes: expected a whole number; received 12.5
    clinet: unknown top-level key; likely a typo of 'client'
    """
    as_of = as_of or dt.date.today()
    if not isinstance(data, dict):
        raise IntakeError(
            source,
            [Problem("", f"expected a mapping of keys such as client: and daily_minutes:; "
                     f"received {describe(data)}")],
        )
    try:
        return Intake.model_validate(data, context=_context(data, as_of))
    except ValidationError as e:
        order = {key: i for i, key in enumerate(data)}  # report in the file's order
        problems = sorted(
            problems_from(e), key=lambda p: order.get(p.path.split(".")[0].split("[")[0], 0)
        )
        raise IntakeError(source, problems, shown=limit("problems_shown")) from None


def load_intake(path: str | os.PathLike[str], /, *, as_of: dt.date | None = None) -> Intake:
    """Read an intake file (YAML or JSON) into an :class:`Intake`.

    Raises :class:`~kinchain.errors.IntakeError` for every reason the file cannot become an
    intake, including that it is missing, unreadable, too large, empty or not YAML/JSON.
    """
    return parse_intake(read_intake_data(path), source=str(path), as_of=as_of)
