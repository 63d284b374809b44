"""Exercise demonstrations drawn from data: a friendly figure, the floor and the props, as a
looping animated SVG or as still frames for print, for the left or the right side.

:func:`demonstration_svg` and :func:`demonstration_frames` are what a page or a handout calls;
the movement itself lives in ``kinchain/program/demonstrations.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

from kinchain.errors import InputError, NotFoundError
from kinchain.program.demonstration import (
    Demonstration,
    default_demonstrations,
    default_figure,
    stage,
)
from kinchain.program.library import default_library
from kinchain.report.demonstration.svg import Canvas, animated_svg, still_frames, still_strip

__all__ = [
    "Side",
    "demonstration_description",
    "demonstration_frames",
    "demonstration_svg",
    "side_of_targets",
]

Side = Literal["left", "right"]
_SIDES = ("left", "right")


def demonstration_description(exercise_id: str, side: Side = "right", /) -> str:
    """The drawing in words, for a screen reader and for a page without pictures.

    >>> demonstration_description("clamshell", "left")[:41]
    'Lying on your side, with a mat. Left side'
    """
    demo = _demo(exercise_id)
    props = sorted({p.prop.words for p in demo.props})
    where = f", with {' and '.join(props)}" if props else ""
    works = {
        "each": f" {side.capitalize()} side shown.",
        "both": " Both sides work together.",
        "neither": "",
    }[demo.works]
    return f"{demo.posture_words.capitalize()}{where}.{works} {demo.shows}"


def _demo(exercise_id: str) -> Demonstration:
    demos = default_demonstrations()
    if exercise_id not in demos:
        raise NotFoundError(f"exercise_id: {exercise_id!r} is not an exercise with a demonstration")
    return demos[exercise_id]


@cache
def _canvas(exercise_id: str, side: str) -> Canvas:
    if side not in _SIDES:
        raise InputError(f"side: expected one of {list(_SIDES)}, got {side!r}")
    demo = _demo(exercise_id)
    name = default_library()[exercise_id].name
    works = f", {side} side" if demo.works == "each" else ""
    return Canvas(
        scene=stage(demo, default_figure()),
        fig=default_figure(),
        mirror=-1.0 if side == "left" else 1.0,
        title=f"{name}{works}",
        description=demonstration_description(exercise_id, side),  # type: ignore[arg-type]
        uid=f"kc-{exercise_id}-{side}",
    )


@cache
def demonstration_svg(exercise_id: str, side: Side = "right", *, animated: bool) -> str:
    """The exercise drawn for ``side``: a looping animation, or (``animated=False``) a strip of
    its 2-4 keyframes side by side for print. Drawn once per process, then reused."""
    canvas = _canvas(exercise_id, side)
    return animated_svg(canvas) if animated else still_strip(canvas)


@cache
def demonstration_frames(exercise_id: str, side: Side = "right") -> tuple[str, ...]:
    """Each keyframe as its own still SVG, the next position ghosted and an arrow toward it."""
    return still_frames(_canvas(exercise_id, side))


def side_of_targets(sides: Iterable[str | None], /) -> Side:
    """The side to draw for a routine item whose targets have these sides: the only body side
    they name (a left ankle's balance work is drawn on the left), else the right.

    >>> side_of_targets(["left", None]), side_of_targets(["left", "right"]), side_of_targets([])
    ('left', 'right', 'right')
    """
    named = set(sides)
    single = named & {"left", "right"}
    return "left" if "both" not in named and single == {"left"} else "right"
