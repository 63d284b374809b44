"""Every stored document carries its format's version; an old one is brought forward on read.

A format changes by adding a step here: ``STEPS[kind][n]`` turns version ``n`` into ``n + 1``.
The stored text is never rewritten (records are not updated in place); the step runs each time
the document is read, so the record stays exactly as it was received.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kinchain.errors import DataFileError

__all__ = ["CURRENT", "Kind", "forward", "parse"]

Kind = str
Document = dict[str, Any]


def _checkin_1_to_2(doc: Document) -> Document:
    """Version 2 (the safety issue) added ``flare_with``: what the client put a flare down to.
    A version-1 check-in named none."""
    return {**doc, "flare_with": doc.get("flare_with", [])}


def _checkin_2_to_3(doc: Document) -> Document:
    """Version 3 (the client side) asks the red-flag questions again at a check-in:
    ``screening``. A version-2 check-in asked none."""
    return {**doc, "screening": doc.get("screening", {})}


#: the format each kind is written in today
CURRENT: dict[Kind, int] = {"intake": 1, "checkin": 3, "edit": 1, "program": 1}

STEPS: dict[Kind, dict[int, Callable[[Document], Document]]] = {
    "checkin": {1: _checkin_1_to_2, 2: _checkin_2_to_3},
}


def forward(kind: Kind, version: int, document: Document, /) -> Document:
    """``document`` of format ``version`` in today's format (:data:`CURRENT`).

    >>> forward("checkin", 1, {"date": "2026-01-05", "effort": "ok"})["flare_with"]
    []
    """
    current = CURRENT[kind]
    if not 1 <= version <= current:
        raise DataFileError(
            "database",
            f"{kind} format",
            f"version {version} is not one this kinchain reads (1..{current}); upgrade kinchain",
        )
    for step in range(version, current):
        document = STEPS[kind][step](document)
    return document


def parse(kind: Kind, version: int, text: str, /) -> Document:
    """A stored document's text, read and brought forward."""
    return forward(kind, version, json.loads(text))
