"""Small wording helpers of the view model: numbers as short text, places, intake pointers.

:func:`describe_ref` is the one place the report reads an intake pointer (``injuries[0]``,
``habits.carrying``): it takes the pointer's string form, so the type that carries it can
change without touching the rest of the view. :func:`place_of` is the one place it reads the
assessment's site-and-side type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import BaseModel

from kinchain.body import site_label as body_site_label
from kinchain.intake import Intake
from kinchain.intake.model import Activity, Carrying, Footwear, Injury, LifeStage, Pain
from kinchain.report.bodymap import Located, where

__all__ = ["describe_ref", "format_value", "place", "place_of", "words"]


def words(key: str) -> str:
    """A data key in words: ``sitting_hours`` is "sitting hours"."""
    return key.replace("_", " ")


def format_value(value: object) -> str:
    """A number or value as a short readable string.

    >>> format_value(0.4200), format_value(12.0), format_value({"sets": 3, "reps": 10})
    ('0.42', '12', 'sets 3, reps 10')
    >>> format_value(True), format_value(None), format_value([1.5, "a"])
    ('yes', '', '1.5, a')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{words(str(k))} {format_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    return "" if value is None else str(value)


def place(site: str | None, side: str | None) -> str:
    """A site on a side in words ("left ankle", "lower back"); "" for no site.

    >>> place("lumbar_spine", None), place("ankle", "left"), place(None, "left")
    ('lower back', 'left ankle', '')
    """
    if not site:
        return ""
    return body_site_label(site, side if side in ("left", "right", "both") else None)


def place_of(ref: Located | None, /) -> str:
    """A place reference (the assessment's site and side) in words; "" for none."""
    return place(*where(ref))


_PATH = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _walk(intake: Intake, ref: str) -> tuple[object, str] | None:
    """The value an intake pointer names and the last field name on the way, or None."""
    node: object = intake
    last = ref
    for name, index in _PATH.findall(ref):
        if index:
            if not isinstance(node, tuple) or int(index) >= len(node):
                return None
            node = node[int(index)]
        elif isinstance(node, BaseModel) and name in type(node).model_fields:
            node = getattr(node, name)
        else:
            return None
        last = name or last
    return node, last


def _describe_record(node: BaseModel, last: str) -> str:
    if isinstance(node, Footwear):
        return node.name
    if isinstance(node, Injury):
        return f"{place(node.site, node.side)} {node.kind} ({node.date})"
    if isinstance(node, Carrying):
        return f"{words(last)}: {node.what}, {format_value(node.hours_per_day)} h a day"
    if isinstance(node, LifeStage):
        return f"{node.status}, {node.weeks} weeks" if node.weeks is not None else node.status
    if isinstance(node, Activity):
        head = node.kind + (f" ({node.sport})" if node.sport else "")
        head += f" on {node.surface}" if node.surface else ""
        downhill = ", much of it downhill" if node.downhill else ""
        return f"{head}, {format_value(node.minutes_per_week)} minutes a week{downhill}"
    if isinstance(node, Pain):
        return f"{place(node.site, node.side)} pain {node.intensity}/10"
    return format_value(node.model_dump(mode="json"))


def describe_ref(intake: Intake, ref: str | None, /) -> str:
    """What an intake pointer refers to, in words; the pointer itself when it names nothing.

    >>> from kinchain.intake import Intake
    >>> intake = Intake.model_validate({"client": {"name": "A", "birth_year": 1990,
    ...     "sex": "female", "height_cm": 165, "mass_kg": 60}, "daily_minutes": 10,
    ...     "footwear": [{"name": "work flats", "kind": "flat"}],
    ...     "habits": {"sitting_hours": 10}}, context={"as_of": __import__("datetime").date.max})
    >>> describe_ref(intake, "footwear[0]"), describe_ref(intake, "habits.sitting_hours")
    ('work flats', 'sitting hours: 10')
    >>> describe_ref(intake, "footwear[3]")
    'footwear[3]'
    """
    if not ref:
        return ""
    found = _walk(intake, ref)
    if found is None:
        return ref
    node, last = found
    if isinstance(node, BaseModel):
        return _describe_record(node, last)
    return f"{words(last)}: {format_value(node)}"
